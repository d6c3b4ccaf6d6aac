//! Order rows (see the migration): created by checkout under the cart key, moved by the
//! fulfilment saga with each step's result written while the lease holds, so an instance that
//! lost its lease stops before its next external call.

use super::signups::now_ms;
use super::{now, Db, StoreError};
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct OrderRow {
    pub id: String,
    pub customer_id: i64,
    pub salesforce_account_id: String,
    pub sf_order_id: Option<String>,
    pub sf_order_number: Option<String>,
    pub state: String,
    pub quote: String,
    pub address: String,
    pub msisdn: Option<String>,
    pub iccid: Option<String>,
    pub whmcs_order_id: Option<i64>,
    pub whmcs_service_id: Option<i64>,
    pub paused_reason: Option<String>,
    pub failed_reason: Option<String>,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
}

const COLUMNS: &str = "id, customer_id, salesforce_account_id, sf_order_id, sf_order_number, \
    state, quote, address, msisdn, iccid, whmcs_order_id, whmcs_service_id, paused_reason, \
    failed_reason, attempts, last_error, created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<OrderRow, sqlx::Error> {
    Ok(OrderRow {
        id: r.try_get("id")?,
        customer_id: r.try_get("customer_id")?,
        salesforce_account_id: r.try_get("salesforce_account_id")?,
        sf_order_id: r.try_get("sf_order_id")?,
        sf_order_number: r.try_get("sf_order_number")?,
        state: r.try_get("state")?,
        quote: r.try_get("quote")?,
        address: r.try_get("address")?,
        msisdn: r.try_get("msisdn")?,
        iccid: r.try_get("iccid")?,
        whmcs_order_id: r.try_get("whmcs_order_id")?,
        whmcs_service_id: r.try_get("whmcs_service_id")?,
        paused_reason: r.try_get("paused_reason")?,
        failed_reason: r.try_get("failed_reason")?,
        attempts: r.try_get("attempts")?,
        last_error: r.try_get("last_error")?,
        created_at: r.try_get("created_at")?,
    })
}

/// An INSERT's outcome: true when the row was written, false when a unique key already held
/// it (a repeat: never an error here).
fn inserted(r: Result<sqlx::any::AnyQueryResult, sqlx::Error>) -> Result<bool, StoreError> {
    match r {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

pub struct NewOrder<'a> {
    pub id: &'a str,
    pub customer_id: i64,
    pub salesforce_account_id: &'a str,
    pub cart_key: &'a str,
    pub quote: &'a str,
    pub address: &'a str,
}

/// Inserts an order in `creating`, leased to `lease`; false when an open order with the same
/// cart key exists (a double submit).
pub async fn insert(
    db: &Db,
    o: NewOrder<'_>,
    lease: &str,
    lease_until_ms: i64,
) -> Result<bool, StoreError> {
    let t = now();
    let r = sqlx::query(
        "INSERT INTO orders (id, customer_id, salesforce_account_id, cart_key, state, quote, \
         address, attempts, lease_token, lease_until_ms, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'creating', $5, $6, 0, $7, $8, $9, $9)",
    )
    .bind(o.id)
    .bind(o.customer_id)
    .bind(o.salesforce_account_id)
    .bind(o.cart_key)
    .bind(o.quote)
    .bind(o.address)
    .bind(lease)
    .bind(lease_until_ms)
    .bind(t)
    .execute(db)
    .await;
    inserted(r)
}

pub async fn get(db: &Db, id: &str) -> Result<Option<OrderRow>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM orders WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

pub async fn by_cart_key(db: &Db, key: &str) -> Result<Option<OrderRow>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM orders WHERE cart_key = $1"))
        .bind(key)
        .fetch_optional(db)
        .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

pub async fn by_sf_order(db: &Db, sf_order_id: &str) -> Result<Option<OrderRow>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM orders WHERE sf_order_id = $1"
    ))
    .bind(sf_order_id)
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

/// The customer's orders, newest first.
pub async fn for_customer(db: &Db, customer_id: i64) -> Result<Vec<OrderRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM orders WHERE customer_id = $1 AND state <> 'creating' \
         ORDER BY created_at DESC, id LIMIT 100"
    ))
    .bind(customer_id)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
}

/// Salesforce ids of submitted orders (waiting for approval), oldest first.
pub async fn awaiting_approval(db: &Db, limit: i64) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query(
        "SELECT sf_order_id FROM orders WHERE state = 'submitted' AND sf_order_id IS NOT NULL \
         ORDER BY created_at LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| r.try_get("sf_order_id").map_err(StoreError::from))
        .collect()
}

/// What a step changed; unset fields stay.
#[derive(Default)]
pub struct Step<'a> {
    pub state: Option<&'a str>,
    pub sf_order_id: Option<&'a str>,
    pub sf_order_number: Option<&'a str>,
    pub iccid: Option<&'a str>,
    pub whmcs_order_id: Option<i64>,
    pub whmcs_service_id: Option<i64>,
}

/// Records a step's result while `lease` holds, renewing it for `lease_ms`; clears a pause.
/// False when the lease was lost.
pub async fn advance(
    db: &Db,
    id: &str,
    lease: &str,
    lease_ms: i64,
    step: Step<'_>,
) -> Result<bool, StoreError> {
    let at = now_ms();
    let r = sqlx::query(
        "UPDATE orders SET state = COALESCE($1, state), sf_order_id = COALESCE($2, sf_order_id), \
         sf_order_number = COALESCE($3, sf_order_number), iccid = COALESCE($4, iccid), \
         whmcs_order_id = COALESCE($5, whmcs_order_id), \
         whmcs_service_id = COALESCE($6, whmcs_service_id), paused_reason = NULL, \
         last_error = NULL, updated_at = $7, lease_until_ms = $8 \
         WHERE id = $9 AND lease_token = $10 AND lease_until_ms >= $11",
    )
    .bind(step.state)
    .bind(step.sf_order_id)
    .bind(step.sf_order_number)
    .bind(step.iccid)
    .bind(step.whmcs_order_id)
    .bind(step.whmcs_service_id)
    .bind(now())
    .bind(at + lease_ms)
    .bind(id)
    .bind(lease)
    .bind(at)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Takes a number from the block for the order (idempotent: the order's number if it has
/// one), in one transaction with recording it on the order. `None` when the block is used up.
pub async fn take_number(db: &Db, order_id: &str) -> Result<Option<String>, StoreError> {
    let mut tx = db.begin().await?;
    let held: Option<String> = sqlx::query("SELECT msisdn FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("msisdn")?;
    if let Some(n) = held {
        return Ok(Some(n));
    }
    let free = sqlx::query(
        "SELECT msisdn FROM line_numbers WHERE order_id IS NULL ORDER BY msisdn LIMIT 1",
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(free) = free else {
        return Ok(None);
    };
    let msisdn: String = free.try_get("msisdn")?;
    // The `order_id IS NULL` guard: two instances racing for one number cannot both win.
    let taken = sqlx::query("UPDATE line_numbers SET order_id = $1, taken_at = $2 WHERE msisdn = $3 AND order_id IS NULL")
        .bind(order_id)
        .bind(now())
        .bind(&msisdn)
        .execute(&mut *tx)
        .await?;
    if taken.rows_affected() != 1 {
        return Err(StoreError::Sqlx(sqlx::Error::RowNotFound));
    }
    sqlx::query("UPDATE orders SET msisdn = $1, updated_at = $2 WHERE id = $3")
        .bind(&msisdn)
        .bind(now())
        .bind(order_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(msisdn))
}

/// Adds the numbers of the reseller's block that are not known yet.
pub async fn add_numbers(db: &Db, numbers: &[String]) -> Result<(), StoreError> {
    for n in numbers {
        let exists = sqlx::query("SELECT msisdn FROM line_numbers WHERE msisdn = $1")
            .bind(n)
            .fetch_optional(db)
            .await?
            .is_some();
        if !exists {
            let r = sqlx::query("INSERT INTO line_numbers (msisdn) VALUES ($1)")
                .bind(n)
                .execute(db)
                .await;
            inserted(r)?;
        }
    }
    Ok(())
}

/// Fulfilment waits for the customer: the reason, when to look again; the lease is released.
pub async fn pause(
    db: &Db,
    id: &str,
    lease: &str,
    reason: &str,
    next_attempt_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE orders SET paused_reason = $1, next_attempt_ms = $2, lease_token = NULL, \
         lease_until_ms = NULL, updated_at = $3 WHERE id = $4 AND lease_token = $5",
    )
    .bind(reason)
    .bind(next_attempt_ms)
    .bind(now())
    .bind(id)
    .bind(lease)
    .execute(db)
    .await?;
    Ok(())
}

/// A step failed: counted, with the error and when to try again; the lease is released.
pub async fn failed_attempt(
    db: &Db,
    id: &str,
    lease: &str,
    error: &str,
    next_attempt_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE orders SET attempts = attempts + 1, last_error = $1, next_attempt_ms = $2, \
         lease_token = NULL, lease_until_ms = NULL, updated_at = $3 \
         WHERE id = $4 AND lease_token = $5",
    )
    .bind(error)
    .bind(next_attempt_ms)
    .bind(now())
    .bind(id)
    .bind(lease)
    .execute(db)
    .await?;
    Ok(())
}

/// Ends the order: completed (`failed` None) or failed with the reason; frees the cart key so
/// the same cart can be ordered again, and releases the lease.
pub async fn finish(
    db: &Db,
    id: &str,
    lease: &str,
    state: &str,
    failed: Option<&str>,
) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE orders SET state = $1, failed_reason = $2, cart_key = NULL, paused_reason = NULL, \
         next_attempt_ms = NULL, lease_token = NULL, lease_until_ms = NULL, updated_at = $3 \
         WHERE id = $4 AND lease_token = $5",
    )
    .bind(state)
    .bind(failed)
    .bind(now())
    .bind(id)
    .bind(lease)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Drops a `creating` row under `key` whose instance died before finishing it (its lease
/// ran out); true when one was dropped. The next checkout looks in Salesforce for the order
/// that instance may have written before it creates one.
pub async fn drop_stale_creating(db: &Db, key: &str, now_ms: i64) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "DELETE FROM orders WHERE cart_key = $1 AND state = 'creating' AND lease_until_ms < $2",
    )
    .bind(key)
    .bind(now_ms)
    .execute(db)
    .await?;
    Ok(r.rows_affected() > 0)
}

/// Drops an order whose Salesforce write failed before it existed there (frees the key).
pub async fn discard(db: &Db, id: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM orders WHERE id = $1 AND state = 'creating'")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// An approval arrived: a submitted order becomes due for fulfilment now. Returns whether it
/// moved (false when it was not waiting for approval: a replay or an unknown order).
pub async fn approve(db: &Db, sf_order_id: &str) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE orders SET state = 'approved', next_attempt_ms = NULL, updated_at = $1 \
         WHERE sf_order_id = $2 AND state = 'submitted'",
    )
    .bind(now())
    .bind(sf_order_id)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Records a platform event as seen; false when its idempotency key was seen before.
pub async fn note_event(
    db: &Db,
    idem_key: &str,
    sf_order_id: &str,
    replay_id: i64,
) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "INSERT INTO order_events_seen (idem_key, sf_order_id, replay_id, received_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(idem_key)
    .bind(sf_order_id)
    .bind(replay_id)
    .bind(now())
    .execute(db)
    .await;
    inserted(r)
}

pub async fn cursor(db: &Db, channel: &str) -> Result<Option<i64>, StoreError> {
    let row = sqlx::query("SELECT replay_id FROM event_cursors WHERE channel = $1")
        .bind(channel)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|r| r.try_get("replay_id")).transpose()?)
}

pub async fn set_cursor(db: &Db, channel: &str, replay_id: i64) -> Result<(), StoreError> {
    let updated = sqlx::query(
        "UPDATE event_cursors SET replay_id = $1 WHERE channel = $2 AND replay_id < $1",
    )
    .bind(replay_id)
    .bind(channel)
    .execute(db)
    .await?;
    if updated.rows_affected() == 0 && cursor(db, channel).await?.is_none() {
        let r = sqlx::query("INSERT INTO event_cursors (channel, replay_id) VALUES ($1, $2)")
            .bind(channel)
            .bind(replay_id)
            .execute(db)
            .await;
        inserted(r)?;
    }
    Ok(())
}

/// Ids of open orders due for a fulfilment attempt whose lease (if any) has run out.
pub async fn due(db: &Db, now_ms: i64, limit: i64) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query(
        "SELECT id FROM orders WHERE state IN ('approved', 'payment_checked', 'sim_activated', \
         'billing_created', 'billing_accepted') AND failed_reason IS NULL \
         AND (next_attempt_ms IS NULL OR next_attempt_ms <= $1) \
         AND (lease_until_ms IS NULL OR lease_until_ms < $1) ORDER BY created_at LIMIT $2",
    )
    .bind(now_ms)
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| r.try_get("id").map_err(StoreError::from))
        .collect()
}

/// Takes the lease on an order nobody holds; false when another instance has it.
pub async fn lease(
    db: &Db,
    id: &str,
    token: &str,
    until_ms: i64,
    now_ms: i64,
) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE orders SET lease_token = $1, lease_until_ms = $2 WHERE id = $3 \
         AND failed_reason IS NULL AND state <> 'completed' \
         AND (lease_until_ms IS NULL OR lease_until_ms < $4)",
    )
    .bind(token)
    .bind(until_ms)
    .bind(id)
    .bind(now_ms)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Completes the order and writes its emails in the same transaction, so a crash can neither
/// lose them nor send them twice; false when the lease was lost (nothing written).
pub async fn complete(
    db: &Db,
    id: &str,
    lease: &str,
    emails: &[super::outbox::Email<'_>],
) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let r = sqlx::query(
        "UPDATE orders SET state = 'completed', cart_key = NULL, paused_reason = NULL, \
         next_attempt_ms = NULL, lease_token = NULL, lease_until_ms = NULL, updated_at = $1 \
         WHERE id = $2 AND lease_token = $3",
    )
    .bind(now())
    .bind(id)
    .bind(lease)
    .execute(&mut *tx)
    .await?;
    if r.rows_affected() != 1 {
        return Ok(false);
    }
    for e in emails {
        super::outbox::enqueue(&mut *tx, *e).await?;
    }
    tx.commit().await?;
    Ok(true)
}
