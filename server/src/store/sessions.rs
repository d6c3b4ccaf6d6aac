//! Login sessions. The cookie (or bearer header) carries a random token; the table keeps only
//! its SHA-256. A session lives until its absolute expiry, but only while it is used: one
//! idle for longer than the idle limit is dead, and dead rows are deleted by [`purge`].

use super::customers::CustomerRow;
use super::{new_id, now, Db, StoreError};
use sha2::{Digest, Sha256};
use sqlx::Row;

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// How long sessions live: `absolute_secs` from login, and `idle_secs` from the last request.
#[derive(Clone, Copy, Debug)]
pub struct Lifetime {
    pub absolute_secs: i64,
    pub idle_secs: i64,
}

/// `last_seen_at` is written at most this often per session, not on every request.
const TOUCH_EVERY_SECS: i64 = 60;

pub struct NewRow<'a> {
    pub token: &'a str,
    pub customer_id: i64,
    pub user_agent: Option<&'a str>,
    pub ip: Option<String>,
}

pub async fn create(db: &Db, row: NewRow<'_>, life: Lifetime) -> Result<(), StoreError> {
    let now = now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, id, customer_id, created_at, last_seen_at, expires_at, \
         user_agent, ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(hash_token(row.token))
    .bind(new_id())
    .bind(row.customer_id)
    .bind(now)
    .bind(now)
    .bind(now + life.absolute_secs)
    .bind(row.user_agent)
    .bind(row.ip)
    .execute(db)
    .await?;
    Ok(())
}

/// A live session's customer and the session's id.
pub struct Live {
    pub session_id: i64,
    pub customer: CustomerRow,
}

/// Session lookups since start (for `/metrics` and the test that a page looks up once).
pub static LOOKUPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The customer of a live session (not expired, not idle too long, not revoked; a demo
/// customer only when `with_demo`), marking the session as used.
pub async fn customer(
    db: &Db,
    token: &str,
    with_demo: bool,
    life: Lifetime,
) -> Result<Option<Live>, StoreError> {
    LOOKUPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let now = now();
    let hash = hash_token(token);
    let row = sqlx::query(
        "SELECT s.id AS session_id, s.last_seen_at, c.id, c.email, c.password_hash, \
         c.whmcs_client_id FROM sessions s JOIN customers c ON c.id = s.customer_id \
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
         AND s.last_seen_at > $3 AND (c.is_demo = 0 OR $4 = 1)",
    )
    .bind(&hash)
    .bind(now)
    .bind(now - life.idle_secs)
    .bind(i64::from(with_demo))
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let last_seen: i64 = row.try_get("last_seen_at")?;
    if now - last_seen >= TOUCH_EVERY_SECS {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(db)
            .await?;
    }
    Ok(Some(Live {
        session_id: row.try_get("session_id")?,
        customer: super::customers::from_row(&row)?,
    }))
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

/// Revokes one of the customer's sessions by its public id; false when it is not theirs or
/// not live.
pub async fn revoke_by_id(db: &Db, customer_id: i64, id: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND customer_id = $3 \
         AND revoked_at IS NULL",
    )
    .bind(now())
    .bind(id)
    .bind(customer_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Revokes every session of the customer; returns how many were live.
pub async fn revoke_all(db: &Db, customer_id: i64) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE sessions SET revoked_at = $1 WHERE customer_id = $2 AND revoked_at IS NULL",
    )
    .bind(now())
    .bind(customer_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

pub struct SessionRow {
    pub id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
}

/// The customer's live sessions, most recently used first.
pub async fn live_for(
    db: &Db,
    customer_id: i64,
    life: Lifetime,
) -> Result<Vec<SessionRow>, StoreError> {
    let now = now();
    let rows = sqlx::query(
        "SELECT id, created_at, last_seen_at, user_agent, ip FROM sessions \
         WHERE customer_id = $1 AND revoked_at IS NULL AND expires_at > $2 \
         AND last_seen_at > $3 ORDER BY last_seen_at DESC, id DESC LIMIT 50",
    )
    .bind(customer_id)
    .bind(now)
    .bind(now - life.idle_secs)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(SessionRow {
                id: r.try_get("id")?,
                created_at: r.try_get("created_at")?,
                last_seen_at: r.try_get("last_seen_at")?,
                user_agent: r.try_get("user_agent")?,
                ip: r.try_get("ip")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

/// Deletes every session that can no longer be used (expired, idle too long or revoked);
/// returns how many. Safe to run from every instance at once.
pub async fn purge(db: &Db, life: Lifetime) -> Result<u64, StoreError> {
    let now = now();
    let done = sqlx::query(
        "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2 \
         OR revoked_at IS NOT NULL",
    )
    .bind(now)
    .bind(now - life.idle_secs)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
