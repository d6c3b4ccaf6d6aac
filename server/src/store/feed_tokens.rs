//! Usage feed tokens: only the SHA-256 of each token is kept (see the migration).

use super::sessions::hash_token;
use super::{now, ordered_id, Db, StoreError};
use sqlx::Row;

pub struct TokenRow {
    pub id: i64,
    pub label: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// `last_used_at` is written at most this often per token, not on every poll.
const TOUCH_EVERY_SECS: i64 = 60;

/// The customer's live tokens, newest first.
pub async fn live_for(db: &Db, customer_id: i64) -> Result<Vec<TokenRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, label, created_at, last_used_at FROM feed_tokens \
         WHERE customer_id = $1 AND revoked_at IS NULL ORDER BY id DESC",
    )
    .bind(customer_id)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(TokenRow {
                id: r.try_get("id")?,
                label: r.try_get("label")?,
                created_at: r.try_get("created_at")?,
                last_used_at: r.try_get("last_used_at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

pub async fn create(
    db: &Db,
    customer_id: i64,
    token: &str,
    label: &str,
) -> Result<i64, StoreError> {
    let id = ordered_id();
    sqlx::query(
        "INSERT INTO feed_tokens (id, customer_id, token_hash, label, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(customer_id)
    .bind(hash_token(token))
    .bind(label)
    .bind(now())
    .execute(db)
    .await?;
    Ok(id)
}

/// Revokes one of the customer's tokens; false if it is not theirs (or does not exist).
pub async fn revoke(db: &Db, customer_id: i64, id: i64) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE feed_tokens SET revoked_at = COALESCE(revoked_at, $1) \
         WHERE id = $2 AND customer_id = $3",
    )
    .bind(now())
    .bind(id)
    .bind(customer_id)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// The (customer id, token id) of a live token, noting its use.
pub async fn owner(db: &Db, token: &str) -> Result<Option<(i64, i64)>, StoreError> {
    let row = sqlx::query(
        "SELECT id, customer_id, last_used_at FROM feed_tokens \
         WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(hash_token(token))
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: i64 = row.try_get("id")?;
    let customer: i64 = row.try_get("customer_id")?;
    let last: Option<i64> = row.try_get("last_used_at")?;
    let now = now();
    if last.is_none_or(|t| now - t >= TOUCH_EVERY_SECS) {
        sqlx::query("UPDATE feed_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(db)
            .await?;
    }
    Ok(Some((customer, id)))
}
