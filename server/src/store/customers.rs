//! Portal customers: login email, password hash and the WHMCS client they map to.

use super::{new_id, now, Db, StoreError};
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct CustomerRow {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub whmcs_client_id: i64,
}

pub(super) fn from_row(r: &sqlx::any::AnyRow) -> Result<CustomerRow, sqlx::Error> {
    Ok(CustomerRow {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        password_hash: r.try_get("password_hash")?,
        whmcs_client_id: r.try_get("whmcs_client_id")?,
    })
}

/// Emails are compared in lower case; they are stored that way.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The customer with this email; demo customers only when `with_demo`.
pub async fn find_by_email(
    db: &Db,
    email: &str,
    with_demo: bool,
) -> Result<Option<CustomerRow>, StoreError> {
    let row = sqlx::query(
        "SELECT id, email, password_hash, whmcs_client_id FROM customers \
         WHERE email = $1 AND (is_demo = 0 OR $2 = 1)",
    )
    .bind(normalise_email(email))
    .bind(i64::from(with_demo))
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

/// Creates the customer, or updates the password hash, client id and demo mark of an
/// existing one with the same email (used to seed the demo accounts idempotently).
pub async fn upsert(
    db: &Db,
    email: &str,
    password_hash: &str,
    whmcs_client_id: i64,
    is_demo: bool,
) -> Result<i64, StoreError> {
    let email = normalise_email(email);
    if let Some(existing) = find_by_email(db, &email, true).await? {
        sqlx::query("UPDATE customers SET password_hash = $1, whmcs_client_id = $2, is_demo = $3 WHERE id = $4")
            .bind(password_hash)
            .bind(whmcs_client_id)
            .bind(i64::from(is_demo))
            .bind(existing.id)
            .execute(db)
            .await?;
        return Ok(existing.id);
    }
    let id = new_id();
    sqlx::query(
        "INSERT INTO customers (id, email, password_hash, whmcs_client_id, is_demo, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(&email)
    .bind(password_hash)
    .bind(whmcs_client_id)
    .bind(i64::from(is_demo))
    .bind(now())
    .execute(db)
    .await?;
    Ok(id)
}

/// How linking a WHMCS client to a new portal login went.
#[derive(Debug, PartialEq, Eq)]
pub enum Linked {
    Created(i64),
    /// A portal login already has this email.
    EmailTaken,
    /// A portal login is already linked to this WHMCS client.
    ClientTaken,
}

/// Creates a portal login for `whmcs_client_id`, unless the email or the client already has
/// one. The unique indexes decide a race between two simultaneous attempts.
pub async fn create_linked(
    db: &Db,
    email: &str,
    password_hash: &str,
    whmcs_client_id: i64,
    salesforce_account_id: Option<&str>,
) -> Result<Linked, StoreError> {
    let email = normalise_email(email);
    let taken = sqlx::query(
        "SELECT email, whmcs_client_id FROM customers WHERE email = $1 OR whmcs_client_id = $2",
    )
    .bind(&email)
    .bind(whmcs_client_id)
    .fetch_all(db)
    .await?;
    for row in &taken {
        let client: i64 = row.try_get("whmcs_client_id")?;
        if client == whmcs_client_id {
            return Ok(Linked::ClientTaken);
        }
    }
    if !taken.is_empty() {
        return Ok(Linked::EmailTaken);
    }
    let id = new_id();
    let inserted = sqlx::query(
        "INSERT INTO customers (id, email, password_hash, whmcs_client_id, is_demo, created_at, \
         salesforce_account_id) VALUES ($1, $2, $3, $4, 0, $5, $6)",
    )
    .bind(id)
    .bind(&email)
    .bind(password_hash)
    .bind(whmcs_client_id)
    .bind(now())
    .bind(salesforce_account_id)
    .execute(db)
    .await;
    match inserted {
        Ok(_) => Ok(Linked::Created(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Linked::ClientTaken),
        Err(e) => Err(e.into()),
    }
}

pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<CustomerRow>, StoreError> {
    let row = sqlx::query(
        "SELECT id, email, password_hash, whmcs_client_id FROM customers WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

/// The customer linked to a WHMCS client (a sign-up resumed after its login was created).
pub async fn find_by_whmcs_client(
    db: &Db,
    whmcs_client_id: i64,
) -> Result<Option<CustomerRow>, StoreError> {
    let row = sqlx::query(
        "SELECT id, email, password_hash, whmcs_client_id FROM customers WHERE whmcs_client_id = $1",
    )
    .bind(whmcs_client_id)
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

/// The Salesforce account mapped to the customer, once known.
pub async fn salesforce_account(db: &Db, id: i64) -> Result<Option<String>, StoreError> {
    let row = sqlx::query("SELECT salesforce_account_id FROM customers WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row
        .map(|r| r.try_get::<Option<String>, _>("salesforce_account_id"))
        .transpose()?
        .flatten())
}

/// Records the Salesforce account of a customer whose login predates the mapping.
pub async fn set_salesforce_account(db: &Db, id: i64, account: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE customers SET salesforce_account_id = $1 WHERE id = $2")
        .bind(account)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// The customer mapped to a Salesforce account, if any.
pub async fn by_salesforce_account(db: &Db, account: &str) -> Result<Option<i64>, StoreError> {
    let row = sqlx::query("SELECT id FROM customers WHERE salesforce_account_id = $1")
        .bind(account)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|r| r.try_get("id")).transpose()?)
}

/// The language the customer chose, if they did (`ja`, `en`).
pub async fn locale(db: &Db, id: i64) -> Result<Option<String>, StoreError> {
    let row = sqlx::query("SELECT locale FROM customers WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|r| r.try_get("locale")).transpose()?.flatten())
}

pub async fn set_locale(db: &Db, id: i64, locale: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE customers SET locale = $1 WHERE id = $2")
        .bind(locale)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}
