//! Carrier requests made from the SIM page. A row is written *before* the carrier is called
//! (`submitting`), then marked `accepted` or `failed` with the answer; open rows are settled
//! against the line's state on later reads (`done`, `expired`) or withdrawn by the customer.

use super::{now, ordered_id, Db, StoreError};
use sqlx::Row;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Submitting,
    Accepted,
    Done,
    Failed,
    Withdrawn,
    Expired,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Submitting => "submitting",
            Status::Accepted => "accepted",
            Status::Done => "done",
            Status::Failed => "failed",
            Status::Withdrawn => "withdrawn",
            Status::Expired => "expired",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "submitting" => Status::Submitting,
            "accepted" => Status::Accepted,
            "done" => Status::Done,
            "withdrawn" => Status::Withdrawn,
            "expired" => Status::Expired,
            _ => Status::Failed,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SimRequest {
    pub id: i64,
    pub kind: String,
    /// The requested values as JSON.
    pub payload: String,
    pub status: Status,
    pub effective_on: Option<String>,
    pub created_at: i64,
}

/// Records a request about to be sent; returns its id. At most one request of a kind may be
/// open per subscription (a unique index): a second one is [`Begin::AlreadyOpen`], so two
/// tabs or a retried call can never send the same change twice.
pub async fn begin(
    db: &Db,
    customer_id: i64,
    subscription_id: i64,
    kind: &str,
    payload: &str,
    effective_on: Option<&str>,
) -> Result<Begin, StoreError> {
    let id = ordered_id();
    let now = now();
    let inserted = sqlx::query(
        "INSERT INTO sim_requests (id, customer_id, subscription_id, kind, payload, status, \
         effective_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(customer_id)
    .bind(subscription_id)
    .bind(kind)
    .bind(payload)
    .bind(Status::Submitting.as_str())
    .bind(effective_on)
    .bind(now)
    .bind(now)
    .execute(db)
    .await;
    match inserted {
        Ok(_) => Ok(Begin::Started(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Begin::AlreadyOpen),
        Err(e) => Err(e.into()),
    }
}

pub enum Begin {
    Started(i64),
    AlreadyOpen,
}

pub async fn set_status(db: &Db, id: i64, status: Status) -> Result<(), StoreError> {
    sqlx::query("UPDATE sim_requests SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.as_str())
        .bind(now())
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Requests for a subscription still in flight (`submitting` or `accepted`), oldest first,
/// whoever made them (the caller has checked ownership).
pub async fn open(db: &Db, subscription_id: i64) -> Result<Vec<SimRequest>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, kind, payload, status, effective_on, created_at FROM sim_requests \
         WHERE subscription_id = $1 AND status IN ('submitting', 'accepted') ORDER BY id",
    )
    .bind(subscription_id)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(SimRequest {
                id: r.try_get("id")?,
                kind: r.try_get("kind")?,
                payload: r.try_get("payload")?,
                status: Status::parse(&r.try_get::<String, _>("status")?),
                effective_on: r.try_get("effective_on")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}
