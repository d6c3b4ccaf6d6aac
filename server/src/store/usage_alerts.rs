//! Usage alert thresholds and the record of each one sent (see the migration): the send's
//! primary key (alert, cycle) is what makes an alert once per billing cycle across instances.

use super::{begin_write, now, ordered_id, outbox, Db, StoreError};
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct AlertRow {
    pub id: i64,
    pub customer_id: i64,
    pub subscription_id: i64,
    pub kind: String,
    pub value: i64,
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<AlertRow, sqlx::Error> {
    Ok(AlertRow {
        id: r.try_get("id")?,
        customer_id: r.try_get("customer_id")?,
        subscription_id: r.try_get("subscription_id")?,
        kind: r.try_get("kind")?,
        value: r.try_get("value")?,
    })
}

const COLUMNS: &str = "id, customer_id, subscription_id, kind, value";

/// The SIM's alerts, oldest first.
pub async fn for_subscription(
    db: &Db,
    customer_id: i64,
    subscription_id: i64,
) -> Result<Vec<AlertRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM usage_alerts WHERE customer_id = $1 AND subscription_id = $2 \
         ORDER BY id"
    ))
    .bind(customer_id)
    .bind(subscription_id)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<AlertRow>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM usage_alerts WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

pub enum Added {
    Added(i64),
    /// The same threshold exists already (two tabs adding it at once).
    Duplicate,
}

/// Adds a threshold, due for its first check now.
pub async fn add(
    db: &Db,
    customer_id: i64,
    subscription_id: i64,
    kind: &str,
    value: i64,
) -> Result<Added, StoreError> {
    let id = ordered_id();
    let r = sqlx::query(
        "INSERT INTO usage_alerts (id, customer_id, subscription_id, kind, value, created_at, \
         next_attempt_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(customer_id)
    .bind(subscription_id)
    .bind(kind)
    .bind(value)
    .bind(now())
    .bind(now() * 1000)
    .execute(db)
    .await;
    match r {
        Ok(_) => Ok(Added::Added(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Added::Duplicate),
        Err(e) => Err(e.into()),
    }
}

/// Removes one of the customer's alerts; false if there was none.
pub async fn remove(db: &Db, customer_id: i64, id: i64) -> Result<bool, StoreError> {
    let r = sqlx::query("DELETE FROM usage_alerts WHERE id = $1 AND customer_id = $2")
        .bind(id)
        .bind(customer_id)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// When each of these alerts' thresholds was sent in `cycle` (by this alert or an earlier one
/// with the same threshold), by alert id.
pub async fn sent_in_cycle(
    db: &Db,
    alerts: &[AlertRow],
    cycle: &str,
) -> Result<Vec<(i64, i64)>, StoreError> {
    let mut out = Vec::new();
    for a in alerts {
        let row = sqlx::query(
            "SELECT sent_at FROM usage_alert_sends WHERE subscription_id = $1 AND kind = $2 \
             AND value = $3 AND cycle = $4",
        )
        .bind(a.subscription_id)
        .bind(&a.kind)
        .bind(a.value)
        .bind(cycle)
        .fetch_optional(db)
        .await?;
        if let Some(r) = row {
            out.push((a.id, r.try_get("sent_at")?));
        }
    }
    Ok(out)
}

/// What one alert sends when reached: the email and the timeline line.
pub struct Firing<'a> {
    pub alert: &'a AlertRow,
    pub cycle: &'a str,
    pub used_mb: i64,
    pub remaining_mb: i64,
    pub email: outbox::Email<'a>,
    pub customer_id: i64,
    pub subscription_id: i64,
    pub detail: &'a str,
}

/// Records the send, queues the email and writes the timeline line in one transaction, or
/// nothing at all if this alert was already sent in this cycle. True when this call sent it.
pub async fn fire(db: &Db, f: Firing<'_>) -> Result<bool, StoreError> {
    let mut tx = begin_write(db).await?;
    let sent_at = now();
    let inserted = sqlx::query(
        "INSERT INTO usage_alert_sends (subscription_id, kind, value, cycle, alert_id, sent_at, \
         used_mb, remaining_mb) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
    )
    .bind(f.alert.subscription_id)
    .bind(&f.alert.kind)
    .bind(f.alert.value)
    .bind(f.cycle)
    .bind(f.alert.id)
    .bind(sent_at)
    .bind(f.used_mb)
    .bind(f.remaining_mb)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    outbox::enqueue(&mut *tx, f.email).await?;
    sqlx::query(
        "INSERT INTO audit_events (id, customer_id, subscription_id, kind, detail, created_at, \
         actor, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(ordered_id())
    .bind(f.customer_id)
    .bind(f.subscription_id)
    .bind(KIND)
    .bind(f.detail)
    .bind(sent_at)
    .bind(ACTOR)
    .bind("accepted")
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The timeline's kind and actor for a sent alert.
pub const KIND: &str = "usage_alert";
pub const ACTOR: &str = "Usage alerts";

/// Puts the alert's next check at `next_ms` (`None`: never again) and gives the lease back.
pub async fn reschedule(
    db: &Db,
    id: i64,
    token: &str,
    next_ms: Option<i64>,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE usage_alerts SET next_attempt_ms = $1, lease_token = NULL, lease_until_ms = NULL \
         WHERE id = $2 AND lease_token = $3",
    )
    .bind(next_ms)
    .bind(id)
    .bind(token)
    .execute(db)
    .await?;
    Ok(())
}
