//! Rate limits: password guessing, login floods and bursts of SIM actions.
//!
//! - **Failed logins** back off per account and per client address: after a few free
//!   failures each further attempt must wait, doubling up to a cap. Only failures count, so
//!   many customers behind one address (an office, the browser tests) can still log in; a
//!   successful login clears the account's count. A throttled attempt is answered before any
//!   password hash is computed.
//! - **Password hashes** run a few at a time ([`super::passwords`]).
//! - **SIM actions** per customer: a burst, then one per period (governor's GCRA).

use app::domain::PortalError;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
pub struct LimitConfig {
    /// Failed logins per account before each further attempt waits.
    pub account_free_failures: u32,
    /// Failed logins per client address before each further attempt waits.
    pub ip_free_failures: u32,
    /// The first wait; it doubles with each further failure up to `max_backoff`.
    pub backoff_base: Duration,
    pub max_backoff: Duration,
    /// Password hashes computed at once (threads of [`super::passwords::PasswordWorkers`]).
    pub concurrent_hashes: usize,
    /// How long a login waits for a hashing thread before it is turned away.
    pub hash_queue_wait: Duration,
    /// SIM actions per customer: this many at once, then one per `action_period`.
    pub action_burst: u32,
    pub action_period: Duration,
}

impl Default for LimitConfig {
    fn default() -> Self {
        LimitConfig {
            account_free_failures: 5,
            ip_free_failures: 20,
            backoff_base: Duration::from_secs(1),
            max_backoff: Duration::from_secs(15 * 60),
            concurrent_hashes: std::thread::available_parallelism().map_or(2, |n| n.get().min(8)),
            hash_queue_wait: Duration::from_secs(3),
            action_burst: 20,
            action_period: Duration::from_secs(3),
        }
    }
}

#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

/// Most distinct keys remembered; a flood of made-up emails or addresses evicts old ones
/// instead of growing memory.
const MAX_KEYS: u64 = 100_000;

pub struct LoginThrottle {
    cfg: LimitConfig,
    failures: moka::sync::Cache<String, Failures>,
}

fn account_key(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

fn ip_key(ip: IpAddr) -> String {
    format!("ip:{ip}")
}

impl LoginThrottle {
    pub fn new(cfg: LimitConfig) -> Self {
        LoginThrottle {
            failures: moka::sync::Cache::builder()
                .max_capacity(MAX_KEYS)
                .time_to_idle(cfg.max_backoff.max(Duration::from_secs(15 * 60)))
                .build(),
            cfg,
        }
    }

    fn keys(ip: Option<IpAddr>, email: &str) -> impl Iterator<Item = (String, bool)> {
        std::iter::once((account_key(email), true)).chain(ip.map(|ip| (ip_key(ip), false)))
    }

    /// How long this failure count still blocks the next attempt.
    fn remaining(&self, f: Failures, free: u32) -> Duration {
        if f.count < free {
            return Duration::ZERO;
        }
        let doublings = (f.count - free).min(20);
        let wait = self
            .cfg
            .backoff_base
            .saturating_mul(1 << doublings)
            .min(self.cfg.max_backoff);
        wait.saturating_sub(f.last.elapsed())
    }

    /// Refuses an attempt while the account or the address is backing off.
    pub fn check(&self, ip: Option<IpAddr>, email: &str) -> Result<(), PortalError> {
        let wait = Self::keys(ip, email)
            .filter_map(|(key, is_account)| {
                let free = if is_account {
                    self.cfg.account_free_failures
                } else {
                    self.cfg.ip_free_failures
                };
                self.failures.get(&key).map(|f| self.remaining(f, free))
            })
            .max()
            .unwrap_or_default();
        if wait.is_zero() {
            Ok(())
        } else {
            tracing::warn!(?ip, wait_ms = wait.as_millis() as u64, "login throttled");
            Err(PortalError::rate_limited(
                &app::t!("portal-limit-failed-logins"),
                wait,
            ))
        }
    }

    pub fn failed(&self, ip: Option<IpAddr>, email: &str) {
        let now = Instant::now();
        for (key, _) in Self::keys(ip, email) {
            self.failures.entry(key).and_upsert_with(|old| Failures {
                count: old.map_or(0, |e| e.into_value().count).saturating_add(1),
                last: now,
            });
        }
    }

    pub fn succeeded(&self, email: &str) {
        self.failures.invalidate(&account_key(email));
    }
}

/// SIM actions (writes) per customer.
pub struct ActionLimiter {
    limiter: DefaultKeyedRateLimiter<i64>,
}

impl ActionLimiter {
    pub fn new(cfg: &LimitConfig) -> Self {
        let burst = NonZeroU32::new(cfg.action_burst).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(cfg.action_period.max(Duration::from_millis(1)))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        ActionLimiter {
            limiter: RateLimiter::keyed(quota),
        }
    }

    /// Counts one action of `customer_id`, or refuses it with the time to wait.
    pub fn check(&self, customer_id: i64) -> Result<(), PortalError> {
        self.limiter.check_key(&customer_id).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            tracing::warn!(customer = customer_id, "SIM actions throttled");
            PortalError::rate_limited(&app::t!("portal-limit-actions"), wait)
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn cfg() -> LimitConfig {
        LimitConfig {
            account_free_failures: 3,
            ip_free_failures: 5,
            backoff_base: Duration::from_secs(10),
            max_backoff: Duration::from_secs(40),
            action_burst: 2,
            action_period: Duration::from_secs(60),
            ..LimitConfig::default()
        }
    }

    const IP: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1)));

    #[test]
    fn an_account_backs_off_after_its_free_failures_and_success_clears_it() {
        let t = LoginThrottle::new(cfg());
        for _ in 0..3 {
            t.check(None, "a@example.com").unwrap();
            t.failed(None, "a@example.com");
        }
        let e = t.check(None, " A@Example.com ").unwrap_err();
        assert!(e.retry_after().unwrap() >= 9, "{e:?}");
        // Another account from the same (unknown) address is not affected.
        t.check(None, "b@example.com").unwrap();
        t.succeeded("a@example.com");
        t.check(None, "a@example.com").unwrap();
    }

    #[test]
    fn the_wait_doubles_and_is_capped() {
        let t = LoginThrottle::new(cfg());
        let f = |count| Failures {
            count,
            last: Instant::now(),
        };
        let secs = |count| t.remaining(f(count), 3).as_secs_f64().round() as u64;
        assert_eq!(secs(2), 0);
        assert_eq!(secs(3), 10);
        assert_eq!(secs(4), 20);
        assert_eq!(secs(5), 40);
        assert_eq!(secs(50), 40);
    }

    #[test]
    fn an_address_spraying_many_accounts_backs_off() {
        let t = LoginThrottle::new(cfg());
        for i in 0..5 {
            let email = format!("user{i}@example.com");
            t.check(IP, &email).unwrap();
            t.failed(IP, &email);
        }
        assert!(t.check(IP, "fresh@example.com").is_err());
        assert!(t.check(None, "fresh@example.com").is_ok());
    }

    #[test]
    fn actions_get_a_burst_then_wait() {
        let l = ActionLimiter::new(&cfg());
        l.check(7).unwrap();
        l.check(7).unwrap();
        let e = l.check(7).unwrap_err();
        assert_eq!(e.status(), 429);
        assert!(e.retry_after().unwrap() >= 29, "{e:?}");
        l.check(8).unwrap();
    }
}
