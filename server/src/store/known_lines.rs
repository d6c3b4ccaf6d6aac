//! The number each of a customer's SIM services had at the last ownership check (see the
//! migration): a hint for prefetching, never a substitute for the check.

use super::{now, Db, StoreError};
use sqlx::Row;

pub async fn get(
    db: &Db,
    customer_id: i64,
    subscription_id: i64,
) -> Result<Option<String>, StoreError> {
    let row = sqlx::query(
        "SELECT msisdn FROM known_lines WHERE customer_id = $1 AND subscription_id = $2",
    )
    .bind(customer_id)
    .bind(subscription_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| r.try_get("msisdn")).transpose()?)
}

pub async fn remember(
    db: &Db,
    customer_id: i64,
    subscription_id: i64,
    msisdn: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO known_lines (customer_id, subscription_id, msisdn, updated_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (customer_id, subscription_id) \
         DO UPDATE SET msisdn = excluded.msisdn, updated_at = excluded.updated_at",
    )
    .bind(customer_id)
    .bind(subscription_id)
    .bind(msisdn)
    .bind(now())
    .execute(db)
    .await?;
    Ok(())
}
