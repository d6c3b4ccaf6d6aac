//! The lease columns shared by the persisted sagas' tables (`next_attempt_ms`,
//! `lease_token`, `lease_until_ms`): which rows are due, taking a row, giving it back. One
//! worker at a time holds a row; a lease that runs out (a crashed worker) frees it by itself.

use super::{Db, StoreError};
use sqlx::Row;

/// A table with the lease columns (the names are fixed here, never input).
#[derive(Clone, Copy, Debug)]
pub enum Leased {
    TopUps,
    StoreOrders,
    UsageAlerts,
    Trips,
}

impl Leased {
    fn table(self) -> &'static str {
        match self {
            Leased::TopUps => "top_ups",
            Leased::StoreOrders => "store_orders",
            Leased::UsageAlerts => "usage_alerts",
            Leased::Trips => "trips",
        }
    }
}

/// Rows whose next look is due and that nobody holds, oldest due first.
pub async fn due(db: &Db, t: Leased, now_ms: i64, limit: i64) -> Result<Vec<i64>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT id FROM {} WHERE next_attempt_ms IS NOT NULL AND next_attempt_ms <= $1 \
         AND (lease_until_ms IS NULL OR lease_until_ms < $1) ORDER BY next_attempt_ms LIMIT $2",
        t.table()
    ))
    .bind(now_ms)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<Result<_, _>>()?)
}

/// Takes the lease on a due row nobody holds (the check is repeated here, so a row another
/// instance drove and put back with a later time is left alone). True when this caller now
/// holds it.
pub async fn acquire(
    db: &Db,
    t: Leased,
    id: i64,
    token: &str,
    now_ms: i64,
    until_ms: i64,
) -> Result<bool, StoreError> {
    let r = sqlx::query(&format!(
        "UPDATE {} SET lease_token = $1, lease_until_ms = $2 WHERE id = $3 \
         AND (lease_until_ms IS NULL OR lease_until_ms < $4) \
         AND next_attempt_ms IS NOT NULL AND next_attempt_ms <= $4",
        t.table()
    ))
    .bind(token)
    .bind(until_ms)
    .bind(id)
    .bind(now_ms)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Gives the lease back (only if still ours).
pub async fn release(db: &Db, t: Leased, id: i64, token: &str) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "UPDATE {} SET lease_token = NULL, lease_until_ms = NULL WHERE id = $1 \
         AND lease_token = $2",
        t.table()
    ))
    .bind(id)
    .bind(token)
    .execute(db)
    .await?;
    Ok(())
}
