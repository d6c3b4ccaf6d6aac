//! Password hashing: argon2id with its default parameters (19 MiB of memory per hash) on a
//! few dedicated threads.
//!
//! Why not `spawn_blocking`: a login flood would hash on up to 512 blocking threads at once,
//! and even when admission is bounded, every thread that ever hashed keeps its own malloc
//! arena holding those 19 MiB — so memory grows with the number of threads the pool happened
//! to use (measured: ~280 MiB after a 300-login flood on 2 cores, and it scales with cores).
//! A fixed set of threads bounds it to `threads × 19 MiB`. Admission is a semaphore with a
//! short wait: a login that cannot get a slot in time is turned away with 429.

use app::domain::PortalError;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{oneshot, Semaphore};

pub fn hash_password(password: &str) -> Result<String, PortalError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            PortalError::Internal
        })
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

type Job = Box<dyn FnOnce() + Send>;

pub struct PasswordWorkers {
    admit: Semaphore,
    jobs: SyncSender<Job>,
    wait: Duration,
}

impl PasswordWorkers {
    /// Starts `threads` hashing threads; a request waits at most `wait` for one.
    pub fn new(threads: usize, wait: Duration) -> Self {
        let threads = threads.max(1);
        // Never full: at most `threads` jobs are admitted at once.
        let (jobs, rx) = sync_channel::<Job>(threads);
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..threads {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("password-hash-{i}"))
                .spawn(move || work(&rx));
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a password-hashing thread");
            }
        }
        PasswordWorkers {
            admit: Semaphore::new(threads),
            jobs,
            wait,
        }
    }

    async fn run<R: Send + 'static>(
        &self,
        job: impl FnOnce() -> R + Send + 'static,
    ) -> Result<R, PortalError> {
        let Ok(Ok(_slot)) = tokio::time::timeout(self.wait, self.admit.acquire()).await else {
            tracing::warn!("login turned away: every password-hashing thread is busy");
            return Err(PortalError::rate_limited(
                &app::t!("portal-limit-busy"),
                Duration::from_secs(5),
            ));
        };
        let (tx, rx) = oneshot::channel();
        self.jobs
            .try_send(Box::new(move || {
                let _ = tx.send(job());
            }))
            .map_err(|_| PortalError::Internal)?;
        rx.await.map_err(|_| PortalError::Internal)
    }

    /// Whether `password` matches the PHC string `hash`.
    pub async fn verify(&self, password: &str, hash: &str) -> Result<bool, PortalError> {
        let (password, hash) = (password.to_string(), hash.to_string());
        self.run(move || verify_password(&password, &hash)).await
    }

    /// A new PHC string for `password`.
    pub async fn hash(&self, password: &str) -> Result<String, PortalError> {
        let password = password.to_string();
        self.run(move || hash_password(&password)).await?
    }
}

fn work(rx: &Mutex<Receiver<Job>>) {
    loop {
        let job = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        match job {
            Ok(job) => job(),
            // The sender is gone: the portal is shutting down.
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_wrong_passwords_do_not() {
        let w = PasswordWorkers::new(2, Duration::from_secs(5));
        let h = w.hash("correct horse").await.unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(w.verify("correct horse", &h).await.unwrap());
        assert!(!w.verify("correct hors", &h).await.unwrap());
        assert!(!w.verify("x", "not a hash").await.unwrap());
    }

    #[tokio::test]
    async fn a_busy_pool_turns_requests_away_after_the_wait() {
        let w = Arc::new(PasswordWorkers::new(1, Duration::from_millis(50)));
        let (release, held) = std::sync::mpsc::channel::<()>();
        let busy = {
            let w = w.clone();
            tokio::spawn(async move { w.run(move || held.recv().ok()).await })
        };
        // Wait until the slow job holds the only slot.
        while w.admit.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let e = w.verify("x", "y").await.unwrap_err();
        assert_eq!(e.status(), 429);
        release.send(()).unwrap();
        busy.await.unwrap().unwrap();
        assert!(!w.verify("x", "y").await.unwrap());
    }
}
