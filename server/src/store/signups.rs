//! Sign-up rows (see the migration): created leased to the request that starts them; each
//! step's result written with a check that the lease still holds, so an instance that lost
//! its lease stops before its next external call.

use super::{new_id, now, Db, StoreError};
use sqlx::Row;

pub const STARTED: &str = "started";
pub const CLIENT_CREATED: &str = "client_created";
pub const LOGIN_CREATED: &str = "login_created";
pub const DONE: &str = "done";
pub const FAILED: &str = "failed";

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[derive(Debug, Clone)]
pub struct SignupRow {
    pub id: i64,
    pub customer_number: String,
    pub salesforce_account_id: String,
    pub email: String,
    pub salesforce_email: Option<String>,
    pub password_hash: String,
    pub contact: String,
    pub state: String,
    pub whmcs_client_id: Option<i64>,
    pub customer_id: Option<i64>,
    pub case_id: Option<String>,
    pub attempts: i64,
    pub last_error: Option<String>,
}

const COLUMNS: &str = "id, customer_number, salesforce_account_id, email, salesforce_email, \
    password_hash, contact, state, whmcs_client_id, customer_id, case_id, attempts, last_error";

fn from_row(r: &sqlx::any::AnyRow) -> Result<SignupRow, sqlx::Error> {
    Ok(SignupRow {
        id: r.try_get("id")?,
        customer_number: r.try_get("customer_number")?,
        salesforce_account_id: r.try_get("salesforce_account_id")?,
        email: r.try_get("email")?,
        salesforce_email: r.try_get("salesforce_email")?,
        password_hash: r.try_get("password_hash")?,
        contact: r.try_get("contact")?,
        state: r.try_get("state")?,
        whmcs_client_id: r.try_get("whmcs_client_id")?,
        customer_id: r.try_get("customer_id")?,
        case_id: r.try_get("case_id")?,
        attempts: r.try_get("attempts")?,
        last_error: r.try_get("last_error")?,
    })
}

pub struct NewSignup<'a> {
    pub customer_number: &'a str,
    pub salesforce_account_id: &'a str,
    pub email: &'a str,
    pub salesforce_email: Option<&'a str>,
    pub password_hash: &'a str,
    pub contact: &'a str,
}

/// Inserts a sign-up in `started`, leased to `lease` until `lease_until_ms`; `None` when a
/// live sign-up of the same Salesforce account exists.
pub async fn start(
    db: &Db,
    new: NewSignup<'_>,
    lease: &str,
    lease_until_ms: i64,
) -> Result<Option<i64>, StoreError> {
    let id = new_id();
    let t = now();
    let r = sqlx::query(
        "INSERT INTO signups (id, customer_number, salesforce_account_id, email, \
         salesforce_email, password_hash, contact, state, attempts, lease_token, lease_until_ms, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $11)",
    )
    .bind(id)
    .bind(new.customer_number)
    .bind(new.salesforce_account_id)
    .bind(new.email)
    .bind(new.salesforce_email)
    .bind(new.password_hash)
    .bind(new.contact)
    .bind(STARTED)
    .bind(lease)
    .bind(lease_until_ms)
    .bind(t)
    .execute(db)
    .await;
    match r {
        Ok(_) => Ok(Some(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e.into()),
    }
}

pub async fn get(db: &Db, id: i64) -> Result<Option<SignupRow>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM signups WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

/// The live (not failed) sign-up of a Salesforce account, if any.
pub async fn live_for_account(db: &Db, account: &str) -> Result<Option<SignupRow>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM signups WHERE salesforce_account_id = $1 AND state <> $2"
    ))
    .bind(account)
    .bind(FAILED)
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

/// What a step changed; unset fields stay.
#[derive(Default)]
pub struct Step<'a> {
    pub state: Option<&'a str>,
    pub whmcs_client_id: Option<i64>,
    pub customer_id: Option<i64>,
    pub case_id: Option<&'a str>,
}

/// Records a step's result while `lease` holds, renewing it for `lease_ms` (the next step's
/// calls); false when the lease was lost.
pub async fn advance(
    db: &Db,
    id: i64,
    lease: &str,
    lease_ms: i64,
    step: Step<'_>,
) -> Result<bool, StoreError> {
    let at = now_ms();
    let r = sqlx::query(
        "UPDATE signups SET state = COALESCE($1, state), \
         whmcs_client_id = COALESCE($2, whmcs_client_id), \
         customer_id = COALESCE($3, customer_id), case_id = COALESCE($4, case_id), \
         last_error = NULL, updated_at = $5, lease_until_ms = $8 \
         WHERE id = $6 AND lease_token = $7 AND lease_until_ms >= $9",
    )
    .bind(step.state)
    .bind(step.whmcs_client_id)
    .bind(step.customer_id)
    .bind(step.case_id)
    .bind(now())
    .bind(id)
    .bind(lease)
    .bind(at + lease_ms)
    .bind(at)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// A step failed: counted, with the error and when to try again; the lease is released.
pub async fn failed_attempt(
    db: &Db,
    id: i64,
    lease: &str,
    error: &str,
    next_attempt_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE signups SET attempts = attempts + 1, last_error = $1, next_attempt_ms = $2, \
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

/// Ends a sign-up that cannot go on (`failed`, which frees the account for a new one) or
/// that finished (`done`); the lease is released.
pub async fn finish(
    db: &Db,
    id: i64,
    lease: &str,
    state: &str,
    error: Option<&str>,
) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE signups SET state = $1, last_error = COALESCE($2, last_error), \
         next_attempt_ms = NULL, lease_token = NULL, lease_until_ms = NULL, updated_at = $3 \
         WHERE id = $4 AND lease_token = $5",
    )
    .bind(state)
    .bind(error)
    .bind(now())
    .bind(id)
    .bind(lease)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Ids of unfinished sign-ups due for another attempt whose lease (if any) has run out.
pub async fn due(db: &Db, now_ms: i64, limit: i64) -> Result<Vec<i64>, StoreError> {
    let rows = sqlx::query(
        "SELECT id FROM signups WHERE state <> $1 AND state <> $2 \
         AND (next_attempt_ms IS NULL OR next_attempt_ms <= $3) \
         AND (lease_until_ms IS NULL OR lease_until_ms < $3) ORDER BY created_at LIMIT $4",
    )
    .bind(DONE)
    .bind(FAILED)
    .bind(now_ms)
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| r.try_get("id").map_err(StoreError::from))
        .collect()
}

/// Takes the lease on a row nobody holds; false when another instance has it.
pub async fn lease(
    db: &Db,
    id: i64,
    token: &str,
    until_ms: i64,
    now_ms: i64,
) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE signups SET lease_token = $1, lease_until_ms = $2 WHERE id = $3 \
         AND state <> $4 AND state <> $5 AND (lease_until_ms IS NULL OR lease_until_ms < $6)",
    )
    .bind(token)
    .bind(until_ms)
    .bind(id)
    .bind(DONE)
    .bind(FAILED)
    .bind(now_ms)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}
