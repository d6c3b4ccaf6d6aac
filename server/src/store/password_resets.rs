//! Password reset tokens (hashed, single use, short-lived) and the email outbox.

use super::sessions::hash_token;
use super::{now, ordered_id, Db, StoreError};
use sqlx::Row;

/// Stores a new reset token for the customer; earlier unused ones stop working.
pub async fn create(
    db: &Db,
    customer_id: i64,
    token: &str,
    ttl_secs: i64,
) -> Result<(), StoreError> {
    let now = now();
    sqlx::query(
        "UPDATE password_resets SET used_at = $1 WHERE customer_id = $2 AND used_at IS NULL",
    )
    .bind(now)
    .bind(customer_id)
    .execute(db)
    .await?;
    sqlx::query(
        "INSERT INTO password_resets (token_hash, customer_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(hash_token(token))
    .bind(customer_id)
    .bind(now)
    .bind(now + ttl_secs)
    .execute(db)
    .await?;
    Ok(())
}

/// Uses the token: its customer if it was unused and unexpired, and it is now used. The
/// conditional UPDATE makes a token work once even when two requests race.
pub async fn redeem(db: &Db, token: &str) -> Result<Option<i64>, StoreError> {
    let now = now();
    let hash = hash_token(token);
    let done = sqlx::query(
        "UPDATE password_resets SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(&hash)
    .execute(db)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(None);
    }
    let row = sqlx::query("SELECT customer_id FROM password_resets WHERE token_hash = $1")
        .bind(&hash)
        .fetch_one(db)
        .await?;
    Ok(Some(row.try_get("customer_id")?))
}

pub async fn set_password(db: &Db, customer_id: i64, hash: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE customers SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(customer_id)
        .execute(db)
        .await?;
    Ok(())
}

pub struct Email<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

pub async fn enqueue_email(db: &Db, e: Email<'_>) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO outbox_emails (id, to_address, subject, body, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(ordered_id())
    .bind(e.to)
    .bind(e.subject)
    .bind(e.body)
    .bind(now())
    .execute(db)
    .await?;
    Ok(())
}

pub struct OutboxRow {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
}

/// The newest `limit` emails, newest first (the demo mailbox).
pub async fn recent_emails(db: &Db, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT to_address, subject, body, created_at FROM outbox_emails ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(OutboxRow {
                to: r.try_get("to_address")?,
                subject: r.try_get("subject")?,
                body: r.try_get("body")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}
