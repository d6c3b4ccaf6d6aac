//! The audit trail: one row per thing that happened to an account or a SIM. The customer
//! timeline reads it; upstream error codes are kept here, never shown to customers.

use super::{new_id, now, Db, StoreError};

pub async fn record(
    db: &Db,
    customer_id: Option<i64>,
    subscription_id: Option<i64>,
    kind: &str,
    detail: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_events (id, customer_id, subscription_id, kind, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new_id())
    .bind(customer_id)
    .bind(subscription_id)
    .bind(kind)
    .bind(detail)
    .bind(now())
    .execute(db)
    .await?;
    Ok(())
}
