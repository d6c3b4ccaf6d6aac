//! The audit trail: one row per thing that happened to an account or a SIM. The customer
//! timeline reads it; upstream error codes are kept here, never shown to customers.

use super::{now, ordered_id, Db, StoreError};
use sqlx::Row;

pub async fn record(
    db: &Db,
    customer_id: Option<i64>,
    subscription_id: Option<i64>,
    kind: &str,
    detail: &str,
) -> Result<(), StoreError> {
    record_event(
        db,
        Event {
            customer_id,
            subscription_id,
            kind,
            detail,
            actor: None,
            outcome: None,
            input: None,
            upstream_code: None,
        },
    )
    .await
}

/// A row of the trail. `detail` is customer-readable; `outcome` is `accepted`/`failed`;
/// `input` summarises what was sent upstream and `upstream_code` is the upstream's own answer
/// code (for staff, never shown to customers). The request id is taken from the request the
/// row is written in, if any (background work has none).
#[derive(Default)]
pub struct Event<'a> {
    pub customer_id: Option<i64>,
    pub subscription_id: Option<i64>,
    pub kind: &'a str,
    pub detail: &'a str,
    pub actor: Option<&'a str>,
    pub outcome: Option<&'a str>,
    pub input: Option<&'a str>,
    pub upstream_code: Option<&'a str>,
}

pub async fn record_event(db: &Db, e: Event<'_>) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_events (id, customer_id, subscription_id, kind, detail, created_at, \
         actor, outcome, request_id, input, upstream_code) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(ordered_id())
    .bind(e.customer_id)
    .bind(e.subscription_id)
    .bind(e.kind)
    .bind(e.detail)
    .bind(now())
    .bind(e.actor)
    .bind(e.outcome)
    .bind(crate::routes::request_id::current())
    .bind(e.input.map(|i| i.chars().take(500).collect::<String>()))
    .bind(e.upstream_code)
    .execute(db)
    .await?;
    Ok(())
}

pub struct EventRow {
    pub kind: String,
    pub detail: String,
    pub actor: Option<String>,
    pub outcome: Option<String>,
    pub created_at: i64,
}

/// The newest `limit` events of a subscription (the caller has checked ownership).
pub async fn for_subscription(
    db: &Db,
    subscription_id: i64,
    limit: i64,
) -> Result<Vec<EventRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT kind, detail, actor, outcome, created_at FROM audit_events \
         WHERE subscription_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(subscription_id)
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(EventRow {
                kind: r.try_get("kind")?,
                detail: r.try_get("detail")?,
                actor: r.try_get("actor")?,
                outcome: r.try_get("outcome")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}
