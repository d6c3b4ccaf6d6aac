//! Login sessions. The cookie carries a random token; the table keeps only its SHA-256.

use super::customers::CustomerRow;
use super::{now, Db, StoreError};
use sha2::{Digest, Sha256};
use sqlx::Row;

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub async fn create(
    db: &Db,
    token: &str,
    customer_id: i64,
    ttl_secs: i64,
) -> Result<(), StoreError> {
    let now = now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, customer_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(hash_token(token))
    .bind(customer_id)
    .bind(now)
    .bind(now + ttl_secs)
    .execute(db)
    .await?;
    Ok(())
}

/// The customer of a live session (not expired, not revoked; a demo customer only when
/// `with_demo`).
pub async fn customer(
    db: &Db,
    token: &str,
    with_demo: bool,
) -> Result<Option<CustomerRow>, StoreError> {
    let row = sqlx::query(
        "SELECT c.id, c.email, c.password_hash, c.whmcs_client_id FROM sessions s \
         JOIN customers c ON c.id = s.customer_id \
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
         AND (c.is_demo = 0 OR $3 = 1)",
    )
    .bind(hash_token(token))
    .bind(now())
    .bind(i64::from(with_demo))
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(super::customers::from_row).transpose()?)
}

/// Revokes the session; returns its customer if it was live.
pub async fn revoke(db: &Db, token: &str) -> Result<Option<i64>, StoreError> {
    let hash = hash_token(token);
    let row = sqlx::query(
        "SELECT customer_id FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(&hash)
    .fetch_optional(db)
    .await?;
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL")
        .bind(now())
        .bind(&hash)
        .execute(db)
        .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("customer_id")?),
        None => None,
    })
}
