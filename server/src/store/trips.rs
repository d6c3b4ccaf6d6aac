//! Trip roaming rows (see the migration). A trip moves scheduled → underway → over (or
//! cancelled / failed); every move is a conditional UPDATE on the state it leaves, so a
//! cancellation and the start of the trip cannot both win.

use super::{now, ordered_id, Db, StoreError};
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct TripRow {
    pub id: i64,
    pub customer_id: i64,
    pub subscription_id: i64,
    pub first_day: String,
    pub last_day: String,
    pub label: String,
    pub state: String,
    pub roaming_was_on: bool,
    pub attempts: i64,
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<TripRow, sqlx::Error> {
    Ok(TripRow {
        id: r.try_get("id")?,
        customer_id: r.try_get("customer_id")?,
        subscription_id: r.try_get("subscription_id")?,
        first_day: r.try_get("first_day")?,
        last_day: r.try_get("last_day")?,
        label: r.try_get("label")?,
        state: r.try_get("state")?,
        roaming_was_on: r.try_get::<i64, _>("roaming_was_on")? != 0,
        attempts: r.try_get("attempts")?,
    })
}

const COLUMNS: &str = "id, customer_id, subscription_id, first_day, last_day, label, state, \
                       roaming_was_on, attempts";

/// The SIM's trips: open ones (by first day), then the ten most recent others.
pub async fn for_subscription(
    db: &Db,
    customer_id: i64,
    subscription_id: i64,
) -> Result<Vec<TripRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM trips WHERE customer_id = $1 AND subscription_id = $2 \
         ORDER BY first_day DESC LIMIT 30"
    ))
    .bind(customer_id)
    .bind(subscription_id)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<TripRow>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM trips WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

pub struct NewTrip<'a> {
    pub customer_id: i64,
    pub subscription_id: i64,
    pub first_day: &'a str,
    pub last_day: &'a str,
    pub label: &'a str,
    /// When the scheduler first looks at it: the trip's start.
    pub start_ms: i64,
}

pub async fn create(db: &Db, t: NewTrip<'_>) -> Result<i64, StoreError> {
    let id = ordered_id();
    let now = now();
    sqlx::query(
        "INSERT INTO trips (id, customer_id, subscription_id, first_day, last_day, label, state, \
         created_at, updated_at, next_attempt_ms) VALUES ($1, $2, $3, $4, $5, $6, 'scheduled', \
         $7, $7, $8)",
    )
    .bind(id)
    .bind(t.customer_id)
    .bind(t.subscription_id)
    .bind(t.first_day)
    .bind(t.last_day)
    .bind(t.label)
    .bind(now)
    .bind(t.start_ms)
    .execute(db)
    .await?;
    Ok(id)
}

/// Cancels one of the customer's trips if it has not started; false otherwise.
pub async fn cancel(db: &Db, customer_id: i64, id: i64) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE trips SET state = 'cancelled', next_attempt_ms = NULL, updated_at = $1 \
         WHERE id = $2 AND customer_id = $3 AND state = 'scheduled' \
         AND (lease_until_ms IS NULL OR lease_until_ms < $4)",
    )
    .bind(now())
    .bind(id)
    .bind(customer_id)
    .bind(chrono::Utc::now().timestamp_millis())
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// What the scheduler writes after a step: the new state, attempts, whether roaming was on
/// before, the next look (`None`: done), and the lease given back.
pub struct Step<'a> {
    pub state: &'a str,
    pub attempts: i64,
    pub roaming_was_on: bool,
    pub next_ms: Option<i64>,
}

pub async fn record_step(db: &Db, id: i64, token: &str, s: Step<'_>) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE trips SET state = $1, attempts = $2, roaming_was_on = $3, next_attempt_ms = $4, \
         updated_at = $5, lease_token = NULL, lease_until_ms = NULL \
         WHERE id = $6 AND lease_token = $7",
    )
    .bind(s.state)
    .bind(s.attempts)
    .bind(i64::from(s.roaming_was_on))
    .bind(s.next_ms)
    .bind(now())
    .bind(id)
    .bind(token)
    .execute(db)
    .await?;
    Ok(())
}

/// Counts a carrier attempt before it is made (only while the lease is ours); false if the
/// lease was lost.
pub async fn note_attempt(
    db: &Db,
    id: i64,
    token: &str,
    attempts: i64,
) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE trips SET attempts = $1, updated_at = $2 WHERE id = $3 AND lease_token = $4",
    )
    .bind(attempts)
    .bind(now())
    .bind(id)
    .bind(token)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}
