//! Password reset tokens (hashed, single use, short-lived).

use super::sessions::hash_token;
use super::{now, Db, StoreError};
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
