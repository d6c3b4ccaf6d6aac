//! Email. Flows write what they send to the outbox table in the step that causes it
//! ([`Outbox::send`]); the [`Sender`] delivers the outbox over SMTP in the background.
//!
//! Delivery is at least once: a row is marked sent after the SMTP server took it, so a crash in
//! between sends it again (with the same `Message-ID`, which lets mail systems drop the
//! repeat). Any number of instances may run a sender on one database: each row is sent under
//! a lease taken by a conditional UPDATE, so one instance sends it at a time. Temporary
//! failures (4xx, network, timeouts) are retried with doubling waits; permanent ones (5xx, a
//! malformed address) and emails past their use-by time are given up and logged.

use crate::store::outbox::{self, Email, OutboxRow, Outcome};
use crate::store::{Db, StoreError};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::sync::Notify;

/// Where flows put emails. Cloned freely; wakes this instance's sender at once.
#[derive(Clone)]
pub struct Outbox {
    db: Db,
    wake: Arc<Notify>,
}

impl Outbox {
    pub fn new(db: Db) -> Self {
        Outbox {
            db,
            wake: Arc::new(Notify::new()),
        }
    }

    /// Wakes this instance's sender (after an email was written inside a transaction).
    pub fn notify(&self) {
        self.wake.notify_one();
    }

    /// Stores the email for delivery; returns its outbox id.
    pub async fn send(&self, email: Email<'_>) -> Result<i64, StoreError> {
        let id = outbox::enqueue(&self.db, email).await?;
        // A permit is kept if the sender is busy, so this email is not left for the next poll.
        self.wake.notify_one();
        Ok(id)
    }
}

#[derive(Clone)]
pub struct MailConfig {
    /// `smtps://user:pass@host:465`, `smtp://host:587?tls=required` (STARTTLS) or
    /// `smtp://host:25` (plain; the settings allow it live only to a relay on loopback).
    pub smtp_url: SecretString,
    pub from: Mailbox,
    /// For one SMTP conversation.
    pub timeout: Duration,
    /// The first wait after a temporary failure; it doubles up to [`MAX_RETRY_WAIT`].
    pub retry_base: Duration,
    /// Attempts before an email is given up.
    pub max_attempts: i64,
    /// How often other instances' emails (and retries) are looked for.
    pub poll: Duration,
}

impl MailConfig {
    pub fn new(smtp_url: SecretString, from: Mailbox) -> Self {
        MailConfig {
            smtp_url,
            from,
            timeout: Duration::from_secs(20),
            retry_base: Duration::from_secs(30),
            max_attempts: 8,
            poll: Duration::from_secs(5),
        }
    }
}

const MAX_RETRY_WAIT: Duration = Duration::from_secs(30 * 60);
/// Rows taken per look at the outbox.
const BATCH: i64 = 20;

pub struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    db: Db,
    wake: Arc<Notify>,
    cfg: MailConfig,
}

impl Sender {
    pub fn new(cfg: &MailConfig, outbox: &Outbox) -> Result<Self, lettre::transport::smtp::Error> {
        let transport =
            AsyncSmtpTransport::<Tokio1Executor>::from_url(cfg.smtp_url.expose_secret())?
                .timeout(Some(cfg.timeout))
                .build();
        Ok(Sender {
            transport,
            db: outbox.db.clone(),
            wake: outbox.wake.clone(),
            cfg: cfg.clone(),
        })
    }

    /// Runs forever; spawn it once per instance.
    pub async fn run(self) {
        tracing::info!(
            from = %self.cfg.from,
            poll_ms = self.cfg.poll.as_millis() as u64,
            "email sender started"
        );
        loop {
            if let Err(e) = self.pass().await {
                tracing::error!(error = %e, "email sender pass failed");
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(self.cfg.poll) => {}
            }
        }
    }

    /// Sends what is due until nothing is; returns how many emails it attempted.
    pub async fn pass(&self) -> Result<usize, StoreError> {
        let mut attempted = 0;
        loop {
            let due = outbox::due(&self.db, BATCH).await?;
            let full = due.len() as i64 == BATCH;
            for id in due {
                let token = format!("{:032x}", rand::random::<u128>());
                let Some(row) = outbox::acquire(&self.db, id, &token, self.lease_ms()).await?
                else {
                    continue; // another instance took it first
                };
                let outcome = self.attempt(&row).await;
                let result = match &outcome {
                    Attempt::Sent => Outcome::Sent,
                    Attempt::Retry(e) => Outcome::Retry {
                        next_attempt_ms: chrono::Utc::now().timestamp_millis()
                            + self.retry_wait(row.attempts),
                        error: e,
                    },
                    Attempt::GiveUp(e) => Outcome::GiveUp { error: e },
                };
                outbox::finish(&self.db, id, result).await?;
                attempted += 1;
            }
            if !full {
                return Ok(attempted);
            }
        }
    }

    /// Long enough for one SMTP conversation (connect, greeting, TLS, the message) to end
    /// on its own timeout before another instance may take the row.
    fn lease_ms(&self) -> i64 {
        i64::try_from((self.cfg.timeout * 3 + Duration::from_secs(5)).as_millis())
            .unwrap_or(i64::MAX)
    }

    fn retry_wait(&self, attempts_before: i64) -> i64 {
        let factor = 1u32 << attempts_before.clamp(0, 16);
        let wait = self
            .cfg
            .retry_base
            .saturating_mul(factor)
            .min(MAX_RETRY_WAIT);
        i64::try_from(wait.as_millis()).unwrap_or(i64::MAX)
    }

    async fn attempt(&self, row: &OutboxRow) -> Attempt {
        if row.discard_after.is_some_and(|t| t < crate::store::now()) {
            tracing::warn!(id = row.id, "email expired before it could be delivered");
            return Attempt::GiveUp("expired before it could be delivered".into());
        }
        let message = match self.message(row) {
            Ok(m) => m,
            Err(e) => {
                tracing::error!(id = row.id, error = %e, "email cannot be built");
                return Attempt::GiveUp(e);
            }
        };
        match self.transport.send(message).await {
            Ok(_) => {
                tracing::info!(id = row.id, attempts = row.attempts + 1, "email sent");
                Attempt::Sent
            }
            Err(e) => {
                let error = short(&e.to_string());
                let last = row.attempts + 1 >= self.cfg.max_attempts;
                if e.is_permanent() || last {
                    tracing::error!(
                        id = row.id,
                        attempts = row.attempts + 1,
                        error,
                        "email given up"
                    );
                    Attempt::GiveUp(error)
                } else {
                    tracing::warn!(
                        id = row.id,
                        attempts = row.attempts + 1,
                        error,
                        "email will be retried"
                    );
                    Attempt::Retry(error)
                }
            }
        }
    }

    fn message(&self, row: &OutboxRow) -> Result<Message, String> {
        let to: Mailbox = row
            .to
            .parse()
            .map_err(|e| format!("recipient address: {e}"))?;
        let domain = self.cfg.from.email.domain().to_string();
        let builder = Message::builder()
            .from(self.cfg.from.clone())
            .to(to)
            .subject(row.subject.as_str())
            // Stable across attempts, so a repeat after a crash is recognisably the same email.
            .message_id(Some(format!("<outbox-{}@{domain}>", row.id)))
            .date(SystemTime::UNIX_EPOCH + Duration::from_secs(row.created_at.max(0) as u64));
        match &row.html {
            Some(html) => builder.multipart(lettre::message::MultiPart::alternative_plain_html(
                row.body.clone(),
                html.clone(),
            )),
            None => builder
                .header(ContentType::TEXT_PLAIN)
                .body(row.body.clone()),
        }
        .map_err(|e| format!("message: {e}"))
    }
}

enum Attempt {
    Sent,
    Retry(String),
    GiveUp(String),
}

/// Error texts are kept on the row for staff; an SMTP server's answer can be long.
fn short(s: &str) -> String {
    s.chars().take(500).collect()
}
