//! The eSIM store's purchases: orders (a persisted saga, see the migration), the eSIMs they
//! made and the bundles on them.
//!
//! Writes that move an order are conditional on the lease it holds: a worker that lost its
//! lease changes nothing and stops before its next external call.

use super::{now, ordered_id, Db, StoreError};
use sqlx::any::AnyRow;
use sqlx::Row;

pub use super::top_ups::now_ms;

/// The saga's states, as written in `store_orders.state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Requested,
    Invoicing,
    Invoiced,
    Capturing,
    Paid,
    Ordering,
    Ordered,
    Completed,
    PaymentFailed,
    Refunding,
    Refunded,
    Failed,
}

impl State {
    pub const ALL: [State; 12] = [
        State::Requested,
        State::Invoicing,
        State::Invoiced,
        State::Capturing,
        State::Paid,
        State::Ordering,
        State::Ordered,
        State::Completed,
        State::PaymentFailed,
        State::Refunding,
        State::Refunded,
        State::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Requested => "requested",
            State::Invoicing => "invoicing",
            State::Invoiced => "invoiced",
            State::Capturing => "capturing",
            State::Paid => "paid",
            State::Ordering => "ordering",
            State::Ordered => "ordered",
            State::Completed => "completed",
            State::PaymentFailed => "payment_failed",
            State::Refunding => "refunding",
            State::Refunded => "refunded",
            State::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Nothing more will happen to the order.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            State::Completed | State::PaymentFailed | State::Refunded | State::Failed
        )
    }
}

#[derive(Debug, Clone)]
pub struct OrderRow {
    pub id: i64,
    pub customer_id: i64,
    pub whmcs_client_id: i64,
    pub idempotency_key: String,
    pub fingerprint: String,
    /// `esim` or `top_up`.
    pub kind: String,
    pub plan_name: String,
    pub plan_description: String,
    pub quantity: i64,
    pub unit_price_jpy: i64,
    pub amount_jpy: i64,
    pub cost_cents: i64,
    pub iccid: Option<String>,
    pub state: State,
    pub invoice_id: Option<i64>,
    pub esimgo_reference: Option<String>,
    pub esimgo_attempt_ms: Option<i64>,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub failure: Option<String>,
    pub next_attempt_ms: Option<i64>,
    pub lease_token: Option<String>,
    pub lease_until_ms: Option<i64>,
    pub created_at: i64,
}

impl OrderRow {
    pub fn is_leased(&self, now_ms: i64) -> bool {
        self.lease_until_ms.is_some_and(|u| u >= now_ms)
    }
}

const COLUMNS: &str = "id, customer_id, whmcs_client_id, idempotency_key, fingerprint, kind, \
    plan_name, plan_description, quantity, unit_price_jpy, amount_jpy, cost_cents, iccid, state, \
    invoice_id, esimgo_reference, esimgo_attempt_ms, attempts, last_error, failure, \
    next_attempt_ms, lease_token, lease_until_ms, created_at";

fn from_row(r: &AnyRow) -> Result<OrderRow, sqlx::Error> {
    let state: String = r.try_get("state")?;
    Ok(OrderRow {
        id: r.try_get("id")?,
        customer_id: r.try_get("customer_id")?,
        whmcs_client_id: r.try_get("whmcs_client_id")?,
        idempotency_key: r.try_get("idempotency_key")?,
        fingerprint: r.try_get("fingerprint")?,
        kind: r.try_get("kind")?,
        plan_name: r.try_get("plan_name")?,
        plan_description: r.try_get("plan_description")?,
        quantity: r.try_get("quantity")?,
        unit_price_jpy: r.try_get("unit_price_jpy")?,
        amount_jpy: r.try_get("amount_jpy")?,
        cost_cents: r.try_get("cost_cents")?,
        iccid: r.try_get("iccid")?,
        // An unknown state (a newer version wrote it) is left for staff, never guessed at.
        state: State::parse(&state).unwrap_or(State::Failed),
        invoice_id: r.try_get("invoice_id")?,
        esimgo_reference: r.try_get("esimgo_reference")?,
        esimgo_attempt_ms: r.try_get("esimgo_attempt_ms")?,
        attempts: r.try_get("attempts")?,
        last_error: r.try_get("last_error")?,
        failure: r.try_get("failure")?,
        next_attempt_ms: r.try_get("next_attempt_ms")?,
        lease_token: r.try_get("lease_token")?,
        lease_until_ms: r.try_get("lease_until_ms")?,
        created_at: r.try_get("created_at")?,
    })
}

pub struct NewOrder<'a> {
    pub customer_id: i64,
    pub whmcs_client_id: i64,
    pub idempotency_key: &'a str,
    pub fingerprint: &'a str,
    pub kind: &'a str,
    pub plan_name: &'a str,
    pub plan_description: &'a str,
    pub quantity: i64,
    pub unit_price_jpy: i64,
    pub cost_cents: i64,
    pub iccid: Option<&'a str>,
}

pub enum Inserted {
    /// A new order, already leased to the caller.
    New(OrderRow),
    /// The customer already used this key: that order, untouched.
    Existing(OrderRow),
}

/// Inserts the order in `requested`, leased to `lease_token` — unless the customer already
/// used the key (then the existing order is returned; the unique index decides races).
pub async fn insert(
    db: &Db,
    o: NewOrder<'_>,
    lease_token: &str,
    lease_until_ms: i64,
) -> Result<Inserted, StoreError> {
    let id = ordered_id();
    let now = now();
    let result = sqlx::query(
        "INSERT INTO store_orders (id, customer_id, whmcs_client_id, idempotency_key, fingerprint, \
         kind, plan_name, plan_description, quantity, unit_price_jpy, amount_jpy, cost_cents, \
         iccid, state, attempts, next_attempt_ms, lease_token, lease_until_ms, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0, $15, \
         $16, $17, $18, $18)",
    )
    .bind(id)
    .bind(o.customer_id)
    .bind(o.whmcs_client_id)
    .bind(o.idempotency_key)
    .bind(o.fingerprint)
    .bind(o.kind)
    .bind(o.plan_name)
    .bind(o.plan_description)
    .bind(o.quantity)
    .bind(o.unit_price_jpy)
    .bind(o.unit_price_jpy.saturating_mul(o.quantity))
    .bind(o.cost_cents)
    .bind(o.iccid)
    .bind(State::Requested.as_str())
    .bind(now_ms())
    .bind(lease_token)
    .bind(lease_until_ms)
    .bind(now)
    .execute(db)
    .await;
    match result {
        Ok(_) => Ok(Inserted::New(
            get(db, id).await?.ok_or(sqlx::Error::RowNotFound)?,
        )),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            let existing = by_key(db, o.customer_id, o.idempotency_key)
                .await?
                .ok_or(sqlx::Error::RowNotFound)?;
            Ok(Inserted::Existing(existing))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn get(db: &Db, id: i64) -> Result<Option<OrderRow>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM store_orders WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

pub async fn by_key(db: &Db, customer_id: i64, key: &str) -> Result<Option<OrderRow>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM store_orders WHERE customer_id = $1 AND idempotency_key = $2"
    ))
    .bind(customer_id)
    .bind(key)
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

/// Whether another order already claimed this eSIM Go order reference.
pub async fn reference_taken(db: &Db, reference: &str, not_id: i64) -> Result<bool, StoreError> {
    let row = sqlx::query("SELECT id FROM store_orders WHERE esimgo_reference = $1 AND id <> $2")
        .bind(reference)
        .bind(not_id)
        .fetch_optional(db)
        .await?;
    Ok(row.is_some())
}

/// A customer's orders, newest first, in the states given (all when empty) and created in
/// `[from, to)` (Unix seconds); at most 200.
pub async fn for_customer(
    db: &Db,
    customer_id: i64,
    states: &[&str],
    from: Option<i64>,
    to: Option<i64>,
) -> Result<Vec<OrderRow>, StoreError> {
    // The states are the saga's own names (never input), so they can be inlined.
    let state_filter = if states.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = states
            .iter()
            .filter(|s| State::parse(s).is_some())
            .map(|s| format!("'{s}'"))
            .collect();
        format!(" AND state IN ({})", list.join(", "))
    };
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM store_orders WHERE customer_id = $1 AND created_at >= $2 \
         AND created_at < $3{state_filter} ORDER BY id DESC LIMIT 200"
    ))
    .bind(customer_id)
    .bind(from.unwrap_or(0))
    .bind(to.unwrap_or(i64::MAX))
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
}

/// Orders whose next look is due and that nobody holds, oldest due first.
pub async fn due(db: &Db, now_ms: i64, limit: i64) -> Result<Vec<i64>, StoreError> {
    super::leases::due(db, super::leases::Leased::StoreOrders, now_ms, limit).await
}

/// Takes the lease on a due order nobody holds; true when this caller now holds it.
pub async fn acquire(
    db: &Db,
    id: i64,
    token: &str,
    now_ms: i64,
    until_ms: i64,
) -> Result<bool, StoreError> {
    super::leases::acquire(
        db,
        super::leases::Leased::StoreOrders,
        id,
        token,
        now_ms,
        until_ms,
    )
    .await
}

/// Gives the lease back (only if still ours).
pub async fn release(db: &Db, id: i64, token: &str) -> Result<(), StoreError> {
    super::leases::release(db, super::leases::Leased::StoreOrders, id, token).await
}

/// What a step writes besides the state; unset fields stay.
#[derive(Debug, Default)]
pub struct Change {
    pub invoice_id: Option<i64>,
    pub esimgo_reference: Option<String>,
    pub esimgo_attempt_ms: Option<i64>,
    pub attempts: Option<i64>,
    pub last_error: Option<String>,
    pub failure: Option<String>,
    /// `Some(None)` clears it (nothing left to do), `None` leaves it.
    pub next_attempt_ms: Option<Option<i64>>,
}

/// Moves the order from `from` to `to` while `token` holds a live lease, renewing it. False
/// (nothing written) when the order moved on or the lease was lost.
#[allow(clippy::too_many_arguments)]
pub async fn transition<'c, E>(
    db: E,
    id: i64,
    token: &str,
    from: State,
    to: State,
    change: Change,
    lease_until_ms: i64,
) -> Result<bool, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let now_ms = now_ms();
    let (set_next, next) = match change.next_attempt_ms {
        None => (0_i32, None),
        Some(v) => (1_i32, v),
    };
    let r = sqlx::query(
        "UPDATE store_orders SET state = $1, \
         invoice_id = COALESCE($2, invoice_id), \
         esimgo_reference = COALESCE($3, esimgo_reference), \
         esimgo_attempt_ms = COALESCE($4, esimgo_attempt_ms), \
         attempts = COALESCE($5, attempts), \
         last_error = COALESCE($6, last_error), \
         failure = COALESCE($7, failure), \
         next_attempt_ms = CASE WHEN $8 = 1 THEN $9 ELSE next_attempt_ms END, \
         lease_until_ms = $10, updated_at = $11 \
         WHERE id = $12 AND state = $13 AND lease_token = $14 AND lease_until_ms >= $15",
    )
    .bind(to.as_str())
    .bind(change.invoice_id)
    .bind(change.esimgo_reference)
    .bind(change.esimgo_attempt_ms)
    .bind(change.attempts)
    .bind(change.last_error)
    .bind(change.failure)
    .bind(set_next)
    .bind(next)
    .bind(lease_until_ms)
    .bind(now())
    .bind(id)
    .bind(from.as_str())
    .bind(token)
    .bind(now_ms)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// How many orders are in each state (for `/metrics`).
pub async fn count_by_state(db: &Db) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = sqlx::query("SELECT state, COUNT(*) AS n FROM store_orders GROUP BY state")
        .fetch_all(db)
        .await?;
    Ok(rows
        .iter()
        .map(|r| Ok((r.try_get("state")?, r.try_get("n")?)))
        .collect::<Result<_, sqlx::Error>>()?)
}

// ---- eSIMs ---------------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct EsimRow {
    pub iccid: String,
    pub customer_id: i64,
    pub order_id: i64,
    pub smdp_host: String,
    pub matching_id: String,
    pub profile_status: String,
    pub state: String,
    pub installed_at: Option<i64>,
    pub created_at: i64,
}

const ESIM_COLUMNS: &str = "iccid, customer_id, order_id, smdp_host, matching_id, \
    profile_status, state, installed_at, created_at";

fn esim_from_row(r: &AnyRow) -> Result<EsimRow, sqlx::Error> {
    Ok(EsimRow {
        iccid: r.try_get("iccid")?,
        customer_id: r.try_get("customer_id")?,
        order_id: r.try_get("order_id")?,
        smdp_host: r.try_get("smdp_host")?,
        matching_id: r.try_get("matching_id")?,
        profile_status: r.try_get("profile_status")?,
        state: r.try_get("state")?,
        installed_at: r.try_get("installed_at")?,
        created_at: r.try_get("created_at")?,
    })
}

/// A new eSIM of an order, as eSIM Go made it.
pub struct NewEsim<'a> {
    pub iccid: &'a str,
    pub smdp_host: &'a str,
    pub matching_id: &'a str,
}

/// Records an order's eSIMs (again: a repeat after a crash keeps the first rows) in the
/// caller's transaction.
pub async fn add_esims<'c>(
    tx: &mut sqlx::Transaction<'c, sqlx::Any>,
    customer_id: i64,
    order_id: i64,
    esims: &[NewEsim<'_>],
) -> Result<(), StoreError> {
    let now = now();
    for e in esims {
        let exists = sqlx::query("SELECT iccid FROM store_esims WHERE iccid = $1")
            .bind(e.iccid)
            .fetch_optional(&mut **tx)
            .await?
            .is_some();
        if exists {
            continue;
        }
        sqlx::query(
            "INSERT INTO store_esims (iccid, customer_id, order_id, smdp_host, matching_id, \
             profile_status, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, \
             'not_installed', 'active', $6, $6)",
        )
        .bind(e.iccid)
        .bind(customer_id)
        .bind(order_id)
        .bind(e.smdp_host)
        .bind(e.matching_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub async fn esim(db: &Db, iccid: &str) -> Result<Option<EsimRow>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {ESIM_COLUMNS} FROM store_esims WHERE iccid = $1"
    ))
    .bind(iccid)
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(esim_from_row).transpose()?)
}

/// A customer's eSIMs, newest first.
pub async fn esims_of(db: &Db, customer_id: i64) -> Result<Vec<EsimRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {ESIM_COLUMNS} FROM store_esims WHERE customer_id = $1 \
         ORDER BY created_at DESC, iccid LIMIT 500"
    ))
    .bind(customer_id)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(esim_from_row).collect::<Result<_, _>>()?)
}

/// The eSIMs of some orders (one query for a whole list page).
pub async fn esims_of_orders(db: &Db, order_ids: &[i64]) -> Result<Vec<EsimRow>, StoreError> {
    if order_ids.is_empty() {
        return Ok(Vec::new());
    }
    // Ids are integers from our own rows: inlined, one query instead of one per order.
    let list: Vec<String> = order_ids.iter().map(i64::to_string).collect();
    let rows = sqlx::query(&format!(
        "SELECT {ESIM_COLUMNS} FROM store_esims WHERE order_id IN ({}) ORDER BY iccid",
        list.join(", ")
    ))
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(esim_from_row).collect::<Result<_, _>>()?)
}

/// Sets the eSIM's state (`active`, `suspended`) after eSIM Go confirmed it.
pub async fn set_esim_state(db: &Db, iccid: &str, state: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE store_esims SET state = $1, updated_at = $2 WHERE iccid = $3")
        .bind(state)
        .bind(now())
        .bind(iccid)
        .execute(db)
        .await?;
    Ok(())
}

// ---- bundles -------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct BundleRow {
    /// eSIM Go's assignment id.
    pub id: String,
    pub iccid: String,
    pub plan_name: String,
    pub state: String,
    pub initial_bytes: i64,
    pub remaining_bytes: i64,
    pub unlimited: bool,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub alerts_sent: String,
}

fn bundle_from_row(r: &AnyRow) -> Result<BundleRow, sqlx::Error> {
    Ok(BundleRow {
        id: r.try_get("id")?,
        iccid: r.try_get("iccid")?,
        plan_name: r.try_get("plan_name")?,
        state: r.try_get("state")?,
        initial_bytes: r.try_get("initial_bytes")?,
        remaining_bytes: r.try_get("remaining_bytes")?,
        unlimited: r.try_get::<i64, _>("unlimited")? != 0,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        alerts_sent: r.try_get("alerts_sent")?,
    })
}

/// Writes what eSIM Go said of a bundle (keeps the alerts already sent).
pub async fn upsert_bundle(db: &Db, b: &BundleRow) -> Result<(), StoreError> {
    let updated = sqlx::query(
        "UPDATE store_bundles SET state = $1, initial_bytes = $2, remaining_bytes = $3, \
         unlimited = $4, starts_at = $5, ends_at = $6, updated_at = $7 WHERE id = $8",
    )
    .bind(&b.state)
    .bind(b.initial_bytes)
    .bind(b.remaining_bytes)
    .bind(i64::from(b.unlimited))
    .bind(b.starts_at)
    .bind(b.ends_at)
    .bind(now())
    .bind(&b.id)
    .execute(db)
    .await?;
    if updated.rows_affected() == 0 {
        let r = sqlx::query(
            "INSERT INTO store_bundles (id, iccid, plan_name, state, initial_bytes, \
             remaining_bytes, unlimited, starts_at, ends_at, alerts_sent, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', $10)",
        )
        .bind(&b.id)
        .bind(&b.iccid)
        .bind(&b.plan_name)
        .bind(&b.state)
        .bind(b.initial_bytes)
        .bind(b.remaining_bytes)
        .bind(i64::from(b.unlimited))
        .bind(b.starts_at)
        .bind(b.ends_at)
        .bind(now())
        .execute(db)
        .await;
        match r {
            Ok(_) => {}
            // Another writer inserted it a moment ago: theirs is as new as ours.
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

pub async fn bundles_of(db: &Db, iccids: &[String]) -> Result<Vec<BundleRow>, StoreError> {
    if iccids.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    // One query per 100 eSIMs (bound parameters, ICCIDs are input from callbacks too).
    for chunk in iccids.chunks(100) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT id, iccid, plan_name, state, initial_bytes, remaining_bytes, unlimited, \
             starts_at, ends_at, alerts_sent FROM store_bundles WHERE iccid IN ({}) \
             ORDER BY COALESCE(starts_at, 0) DESC, id",
            marks.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for i in chunk {
            q = q.bind(i);
        }
        let rows = q.fetch_all(db).await?;
        for r in &rows {
            out.push(bundle_from_row(r)?);
        }
    }
    Ok(out)
}
