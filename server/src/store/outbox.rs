//! The email outbox: emails are written here in the step that causes them and delivered
//! later by the sender (`crate::mail`), at least once, under a lease so that one instance
//! sends a row at a time. See the migrations for the columns.

use super::{now, ordered_id, Db, StoreError};
use sqlx::Row;

/// Milliseconds since the epoch (retry times and leases).
fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[derive(Clone, Copy)]
pub struct Email<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    /// Plain text.
    pub body: &'a str,
    /// The same in HTML (sent as multipart/alternative), if any.
    pub html: Option<&'a str>,
    /// Not worth sending after this many seconds (a link that has expired by then).
    pub discard_after_secs: Option<i64>,
}

/// Adds an email, due now, on the pool or inside the caller's transaction (so an email is
/// written exactly when the step that causes it commits). Returns its id.
pub async fn enqueue<'c, E>(db: E, e: Email<'_>) -> Result<i64, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let id = ordered_id();
    let now = now();
    sqlx::query(
        "INSERT INTO outbox_emails (id, to_address, subject, body, created_at, next_attempt_ms, \
         discard_after, html_body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(e.to)
    .bind(e.subject)
    .bind(e.body)
    .bind(now)
    .bind(now * 1000)
    .bind(e.discard_after_secs.map(|s| now + s))
    .bind(e.html)
    .execute(db)
    .await?;
    Ok(id)
}

pub struct OutboxRow {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub html: Option<String>,
    pub created_at: i64,
    pub attempts: i64,
    pub sent_at: Option<i64>,
    pub failed_at: Option<i64>,
    pub discard_after: Option<i64>,
    pub last_error: Option<String>,
}

const COLUMNS: &str = "id, to_address, subject, body, html_body, created_at, attempts, sent_at, \
                       failed_at, discard_after, last_error";

fn from_row(r: &sqlx::any::AnyRow) -> Result<OutboxRow, sqlx::Error> {
    Ok(OutboxRow {
        id: r.try_get("id")?,
        to: r.try_get("to_address")?,
        subject: r.try_get("subject")?,
        body: r.try_get("body")?,
        html: r.try_get("html_body")?,
        created_at: r.try_get("created_at")?,
        attempts: r.try_get::<i32, _>("attempts").map(i64::from)?,
        sent_at: r.try_get("sent_at")?,
        failed_at: r.try_get("failed_at")?,
        discard_after: r.try_get("discard_after")?,
        last_error: r.try_get("last_error")?,
    })
}

/// The newest `limit` emails, newest first (the demo mailbox, tests).
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM outbox_emails ORDER BY id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
}

/// Ids of emails due for an attempt that nobody holds, oldest first.
pub async fn due(db: &Db, limit: i64) -> Result<Vec<i64>, StoreError> {
    let rows = sqlx::query(
        "SELECT id FROM outbox_emails WHERE next_attempt_ms IS NOT NULL AND next_attempt_ms <= $1 \
         AND (lease_until_ms IS NULL OR lease_until_ms < $1) ORDER BY next_attempt_ms LIMIT $2",
    )
    .bind(now_ms())
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<Result<_, _>>()?)
}

/// Takes the lease on a due email nobody holds (the conditions are checked again in the
/// UPDATE, so of two instances racing for a row exactly one gets it). The row when this
/// caller now holds it.
pub async fn acquire(
    db: &Db,
    id: i64,
    token: &str,
    lease_ms: i64,
) -> Result<Option<OutboxRow>, StoreError> {
    let now = now_ms();
    let taken = sqlx::query(
        "UPDATE outbox_emails SET lease_token = $1, lease_until_ms = $2 \
         WHERE id = $3 AND next_attempt_ms IS NOT NULL AND next_attempt_ms <= $4 \
         AND (lease_until_ms IS NULL OR lease_until_ms < $4)",
    )
    .bind(token)
    .bind(now + lease_ms)
    .bind(id)
    .bind(now)
    .execute(db)
    .await?;
    if taken.rows_affected() != 1 {
        return Ok(None);
    }
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM outbox_emails WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(db)
    .await?;
    Ok(Some(from_row(&row)?))
}

/// How an attempt ended.
pub enum Outcome<'a> {
    Sent,
    /// Try again at `next_attempt_ms`.
    Retry {
        next_attempt_ms: i64,
        error: &'a str,
    },
    /// Never try again.
    GiveUp {
        error: &'a str,
    },
}

/// Records an attempt and releases the lease. Written even if the lease ran out meanwhile:
/// the email was (or was not) handed over either way, and "sent" must not be forgotten.
pub async fn finish(db: &Db, id: i64, outcome: Outcome<'_>) -> Result<(), StoreError> {
    let now = now();
    let q = match outcome {
        Outcome::Sent => sqlx::query(
            "UPDATE outbox_emails SET sent_at = $1, attempts = attempts + 1, \
             next_attempt_ms = NULL, lease_token = NULL, lease_until_ms = NULL, last_error = NULL \
             WHERE id = $2",
        )
        .bind(now)
        .bind(id),
        Outcome::Retry {
            next_attempt_ms,
            error,
        } => sqlx::query(
            "UPDATE outbox_emails SET attempts = attempts + 1, next_attempt_ms = $1, \
             lease_token = NULL, lease_until_ms = NULL, last_error = $2 \
             WHERE id = $3 AND sent_at IS NULL",
        )
        .bind(next_attempt_ms)
        .bind(error.to_string())
        .bind(id),
        Outcome::GiveUp { error } => sqlx::query(
            "UPDATE outbox_emails SET attempts = attempts + 1, failed_at = $1, \
             next_attempt_ms = NULL, lease_token = NULL, lease_until_ms = NULL, last_error = $2 \
             WHERE id = $3 AND sent_at IS NULL",
        )
        .bind(now)
        .bind(error.to_string())
        .bind(id),
    };
    q.execute(db).await?;
    Ok(())
}
