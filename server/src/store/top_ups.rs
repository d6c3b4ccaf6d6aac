//! The top-up saga's rows (see the migration for what each column means).
//!
//! Writes that move the saga are conditional: a transition names the state it leaves and the
//! lease it holds, and changes nothing when either no longer matches. A caller that loses its
//! lease therefore stops before its next external call instead of racing another instance.

use super::{now, ordered_id, Db, StoreError};
use sqlx::any::AnyRow;
use sqlx::Row;

/// Milliseconds since the epoch: leases and retry times need finer steps than seconds.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Requested,
    Invoicing,
    Invoiced,
    Capturing,
    Paid,
    Applying,
    Scheduled,
    Applied,
    PaymentFailed,
    Crediting,
    Credited,
    /// Needs staff: an upstream refused something the saga cannot work around.
    Failed,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Requested => "requested",
            State::Invoicing => "invoicing",
            State::Invoiced => "invoiced",
            State::Capturing => "capturing",
            State::Paid => "paid",
            State::Applying => "applying",
            State::Scheduled => "scheduled",
            State::Applied => "applied",
            State::PaymentFailed => "payment_failed",
            State::Crediting => "crediting",
            State::Credited => "credited",
            State::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "requested" => State::Requested,
            "invoicing" => State::Invoicing,
            "invoiced" => State::Invoiced,
            "capturing" => State::Capturing,
            "paid" => State::Paid,
            "applying" => State::Applying,
            "scheduled" => State::Scheduled,
            "applied" => State::Applied,
            "payment_failed" => State::PaymentFailed,
            "crediting" => State::Crediting,
            "credited" => State::Credited,
            "failed" => State::Failed,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct TopUpRow {
    pub id: i64,
    pub customer_id: i64,
    pub whmcs_client_id: i64,
    pub subscription_id: i64,
    pub msisdn: String,
    pub idempotency_key: String,
    pub fingerprint: String,
    pub quota_mb: i64,
    pub amount_jpy: i64,
    pub campaign_code: Option<String>,
    pub expire_on: Option<String>,
    pub run_on: Option<String>,
    pub quota_code: String,
    pub state: State,
    pub payment_problem: Option<String>,
    pub invoice_id: Option<i64>,
    pub attempts: i64,
    pub last_result: Option<String>,
    pub next_attempt_ms: Option<i64>,
    pub lease_token: Option<String>,
    pub lease_until_ms: Option<i64>,
    pub created_at: i64,
}

impl TopUpRow {
    /// Whether someone may be working on the row right now.
    pub fn is_leased(&self, now_ms: i64) -> bool {
        self.lease_until_ms.is_some_and(|u| u >= now_ms)
    }
}

const COLUMNS: &str = "id, customer_id, whmcs_client_id, subscription_id, msisdn, \
    idempotency_key, fingerprint, quota_mb, amount_jpy, campaign_code, expire_on, run_on, \
    quota_code, state, payment_problem, invoice_id, attempts, last_result, next_attempt_ms, \
    lease_token, lease_until_ms, created_at";

fn from_row(r: &AnyRow) -> Result<TopUpRow, sqlx::Error> {
    let state: String = r.try_get("state")?;
    Ok(TopUpRow {
        id: r.try_get("id")?,
        customer_id: r.try_get("customer_id")?,
        whmcs_client_id: r.try_get("whmcs_client_id")?,
        subscription_id: r.try_get("subscription_id")?,
        msisdn: r.try_get("msisdn")?,
        idempotency_key: r.try_get("idempotency_key")?,
        fingerprint: r.try_get("fingerprint")?,
        quota_mb: r.try_get("quota_mb")?,
        amount_jpy: r.try_get("amount_jpy")?,
        campaign_code: r.try_get("campaign_code")?,
        expire_on: r.try_get("expire_on")?,
        run_on: r.try_get("run_on")?,
        quota_code: r.try_get("quota_code")?,
        // An unknown state (a newer version wrote it) is left for staff, never guessed at.
        state: State::parse(&state).unwrap_or(State::Failed),
        payment_problem: r.try_get("payment_problem")?,
        invoice_id: r.try_get("invoice_id")?,
        attempts: r.try_get("attempts")?,
        last_result: r.try_get("last_result")?,
        next_attempt_ms: r.try_get("next_attempt_ms")?,
        lease_token: r.try_get("lease_token")?,
        lease_until_ms: r.try_get("lease_until_ms")?,
        created_at: r.try_get("created_at")?,
    })
}

/// What a new top-up row holds; the id, state and times are set by [`insert`].
pub struct NewTopUp<'a> {
    pub customer_id: i64,
    pub whmcs_client_id: i64,
    pub subscription_id: i64,
    pub msisdn: &'a str,
    pub idempotency_key: &'a str,
    pub fingerprint: &'a str,
    pub quota_mb: i64,
    pub amount_jpy: i64,
    pub campaign_code: Option<&'a str>,
    pub expire_on: Option<&'a str>,
    pub run_on: Option<&'a str>,
}

pub enum Inserted {
    /// A new row, already leased to `lease_token`.
    New(TopUpRow),
    /// The customer already used this key: the existing row.
    Existing(TopUpRow),
}

/// Inserts the row in `requested`, leased to `lease_token` until `lease_until_ms` — unless
/// the customer already used the key, in which case the existing row is returned untouched.
pub async fn insert(
    db: &Db,
    t: NewTopUp<'_>,
    lease_token: &str,
    lease_until_ms: i64,
) -> Result<Inserted, StoreError> {
    let id = ordered_id();
    let now = now();
    let quota_code = match t.campaign_code {
        Some(c) => format!("{c}-tu{id}"),
        None => format!("tu{id}"),
    };
    let result = sqlx::query(
        "INSERT INTO top_ups (id, customer_id, whmcs_client_id, subscription_id, msisdn, \
         idempotency_key, fingerprint, quota_mb, amount_jpy, campaign_code, expire_on, run_on, \
         quota_code, state, attempts, next_attempt_ms, lease_token, lease_until_ms, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0, \
         $15, $16, $17, $18, $19)",
    )
    .bind(id)
    .bind(t.customer_id)
    .bind(t.whmcs_client_id)
    .bind(t.subscription_id)
    .bind(t.msisdn)
    .bind(t.idempotency_key)
    .bind(t.fingerprint)
    .bind(t.quota_mb)
    .bind(t.amount_jpy)
    .bind(t.campaign_code)
    .bind(t.expire_on)
    .bind(t.run_on)
    .bind(&quota_code)
    .bind(State::Requested.as_str())
    .bind(now_ms())
    .bind(lease_token)
    .bind(lease_until_ms)
    .bind(now)
    .bind(now)
    .execute(db)
    .await;
    match result {
        Ok(_) => Ok(Inserted::New(
            get(db, id).await?.ok_or(sqlx::Error::RowNotFound)?,
        )),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            let existing = by_key(db, t.customer_id, t.idempotency_key)
                .await?
                .ok_or(sqlx::Error::RowNotFound)?;
            Ok(Inserted::Existing(existing))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn get(db: &Db, id: i64) -> Result<Option<TopUpRow>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM top_ups WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

pub async fn by_key(db: &Db, customer_id: i64, key: &str) -> Result<Option<TopUpRow>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM top_ups WHERE customer_id = $1 AND idempotency_key = $2"
    ))
    .bind(customer_id)
    .bind(key)
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

/// A subscription's top-ups created in `[from_secs, to_secs)`, newest first.
pub async fn for_subscription(
    db: &Db,
    subscription_id: i64,
    from_secs: i64,
    to_secs: i64,
) -> Result<Vec<TopUpRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM top_ups WHERE subscription_id = $1 AND created_at >= $2 \
         AND created_at < $3 ORDER BY id DESC LIMIT 200"
    ))
    .bind(subscription_id)
    .bind(from_secs)
    .bind(to_secs)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
}

/// How many top-ups are in each state (for `/metrics`).
pub async fn count_by_state(db: &Db) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = sqlx::query("SELECT state, COUNT(*) AS n FROM top_ups GROUP BY state")
        .fetch_all(db)
        .await?;
    Ok(rows
        .iter()
        .map(|r| Ok((r.try_get("state")?, r.try_get("n")?)))
        .collect::<Result<_, sqlx::Error>>()?)
}

/// Rows whose next look is due and that nobody holds, oldest due first.
pub async fn due(db: &Db, now_ms: i64, limit: i64) -> Result<Vec<i64>, StoreError> {
    super::leases::due(db, super::leases::Leased::TopUps, now_ms, limit).await
}

/// Takes the lease on a due row nobody holds (the check is repeated here, so a row another
/// instance drove and put back with a later time is left alone). True when this caller now
/// holds it.
pub async fn acquire(
    db: &Db,
    id: i64,
    token: &str,
    now_ms: i64,
    until_ms: i64,
) -> Result<bool, StoreError> {
    super::leases::acquire(
        db,
        super::leases::Leased::TopUps,
        id,
        token,
        now_ms,
        until_ms,
    )
    .await
}

/// Gives the lease back (only if still ours).
pub async fn release(db: &Db, id: i64, token: &str) -> Result<(), StoreError> {
    super::leases::release(db, super::leases::Leased::TopUps, id, token).await
}

/// One step of the saga: what a transition writes besides the new state.
#[derive(Debug, Default)]
pub struct Change {
    pub invoice_id: Option<i64>,
    pub payment_problem: Option<&'static str>,
    pub attempts: Option<i64>,
    pub last_result: Option<String>,
    /// `Some(None)` clears it (nothing left to do), `None` leaves it.
    pub next_attempt_ms: Option<Option<i64>>,
    /// Drops the schedule (a scheduled top-up the carrier lost is applied at once instead).
    pub clear_run_on: bool,
}

/// Moves the row from `from` to `to` while `token` holds a live lease, renewing it until
/// `lease_until_ms`. False (and nothing written) when the row moved on or the lease was lost.
pub async fn transition(
    db: &Db,
    id: i64,
    token: &str,
    from: State,
    to: State,
    change: Change,
    lease_until_ms: i64,
) -> Result<bool, StoreError> {
    transition_in(db, id, token, from, to, change, lease_until_ms).await
}

/// [`transition`] on the pool or inside the caller's transaction (a receipt email is written
/// with the move to `applied`, so it exists exactly when the move does).
#[allow(clippy::too_many_arguments)]
pub async fn transition_in<'c, E>(
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
        "UPDATE top_ups SET state = $1, \
         invoice_id = COALESCE($2, invoice_id), \
         payment_problem = COALESCE($3, payment_problem), \
         attempts = COALESCE($4, attempts), \
         last_result = COALESCE($5, last_result), \
         next_attempt_ms = CASE WHEN $6 = 1 THEN $7 ELSE next_attempt_ms END, \
         run_on = CASE WHEN $8 = 1 THEN NULL ELSE run_on END, \
         lease_until_ms = $9, updated_at = $10 \
         WHERE id = $11 AND state = $12 AND lease_token = $13 AND lease_until_ms >= $14",
    )
    .bind(to.as_str())
    .bind(change.invoice_id)
    .bind(change.payment_problem)
    .bind(change.attempts)
    .bind(change.last_result)
    .bind(set_next)
    .bind(next)
    .bind(i32::from(change.clear_run_on))
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

/// Starts again a top-up that failed before any invoice existed (no card, billing down): the
/// same key may then be sent again once the cause is fixed, still one invoice at most. True
/// when this caller now holds its lease.
pub async fn restart_unbilled(
    db: &Db,
    id: i64,
    token: &str,
    now_ms: i64,
    until_ms: i64,
) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE top_ups SET state = $1, payment_problem = NULL, next_attempt_ms = $2, \
         lease_token = $3, lease_until_ms = $4, updated_at = $5 WHERE id = $6 AND state = $7 \
         AND invoice_id IS NULL AND (lease_until_ms IS NULL OR lease_until_ms < $2)",
    )
    .bind(State::Requested.as_str())
    .bind(now_ms)
    .bind(token)
    .bind(until_ms)
    .bind(now())
    .bind(id)
    .bind(State::PaymentFailed.as_str())
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Asks the reconciler to look at a row soon (the customer is paying its invoice now).
pub async fn nudge(db: &Db, id: i64, at_ms: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE top_ups SET next_attempt_ms = $1 WHERE id = $2 AND next_attempt_ms IS NOT NULL",
    )
    .bind(at_ms)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}
