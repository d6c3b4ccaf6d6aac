//! What the console's pages and REST need from the server side. One implementation (the
//! server's `console` module) serves server functions and `/api/ops/…` alike, and every
//! method checks the staff member's role itself, so no entry point can skip it.

use crate::domain::console::{
    Bucket, Dashboard, DateCount, DemoStaff, ImportPreview, ImportResult, NamedRef, OperationInput,
    OperationResult, Revealed, Role, SimFilter, SimPage, SimWithEvents, Staff, StaffUser,
    StatusCount, TariffCount,
};
use crate::domain::console_records::{
    ActivationCode, BulkPreview, BulkResult, CodePage, CodeStatus, CustomerDetail, CustomerPage,
    Picked, TariffInput, TariffPlan,
};
use crate::domain::inventory::Operation;
use crate::domain::PortalError;
use crate::ports::Client;
use async_trait::async_trait;

/// Where a change came from, kept on each SIM event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The console's pages.
    Console,
    /// `/api/ops/…`.
    Api,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Console => "console",
            Source::Api => "api",
        }
    }
}

/// A new staff session; `token` goes into the cookie (or the API client's bearer header).
pub struct StaffSession {
    pub token: String,
    pub staff: Staff,
    pub max_age_secs: i64,
}

#[async_trait]
pub trait Console: Send + Sync {
    /// Checks a staff login; a wrong email or password is `InvalidCredentials` (never which).
    async fn login(
        &self,
        email: &str,
        password: &str,
        client: &Client,
    ) -> Result<StaffSession, PortalError>;
    /// The staff member behind a console session token (never a customer's).
    async fn staff_for_session(&self, token: &str) -> Result<Option<Staff>, PortalError>;
    async fn logout(&self, token: &str) -> Result<(), PortalError>;

    async fn sims(&self, staff: &Staff, filter: &SimFilter) -> Result<SimPage, PortalError>;
    /// One SIM with its history; `NoSuch` when there is none.
    async fn sim(&self, staff: &Staff, id: i64) -> Result<SimWithEvents, PortalError>;
    /// Runs a lifecycle operation (support, admin): the change and its event in one
    /// transaction; a refused transition is `NotAllowed` with what is allowed.
    async fn operate(
        &self,
        staff: &Staff,
        id: i64,
        op: Operation,
        input: &OperationInput,
        source: Source,
    ) -> Result<OperationResult, PortalError>;
    /// The PIN and PUK in clear (support, admin); the reveal is an event of the SIM.
    async fn reveal(&self, staff: &Staff, id: i64, source: Source)
        -> Result<Revealed, PortalError>;

    async fn by_status(&self, staff: &Staff) -> Result<Vec<StatusCount>, PortalError>;
    /// Activations per JST day from `from` to `to` (inclusive, `YYYY-MM-DD`), every day present.
    async fn activations(
        &self,
        staff: &Staff,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<DateCount>, PortalError>;
    async fn by_tariff(&self, staff: &Staff) -> Result<Vec<TariffCount>, PortalError>;
    /// The tariff plans by name (for filters and pickers).
    async fn tariffs(&self, staff: &Staff) -> Result<Vec<NamedRef>, PortalError>;
    /// The dashboard: the three above, activations over the last year grouped by `bucket`.
    async fn dashboard(&self, staff: &Staff, bucket: Bucket) -> Result<Dashboard, PortalError>;

    /// The dry run of an import (admin): every row's verdict; nothing is written.
    async fn import_preview(&self, staff: &Staff, csv: &[u8])
        -> Result<ImportPreview, PortalError>;
    /// The import (admin): the new rows, their IMPORTED events and the log in one transaction.
    async fn import_commit(
        &self,
        staff: &Staff,
        csv: &[u8],
        file_name: Option<&str>,
    ) -> Result<ImportResult, PortalError>;

    /// Customers by name, email or id (`q`), 50 a page.
    async fn customers(
        &self,
        staff: &Staff,
        q: Option<&str>,
        page: u32,
    ) -> Result<CustomerPage, PortalError>;
    async fn customer(&self, staff: &Staff, id: i64) -> Result<CustomerDetail, PortalError>;
    /// Creates (`id` = `None`) or edits a customer's record (support, admin); audited with
    /// the values before and after.
    async fn save_customer(
        &self,
        staff: &Staff,
        id: Option<i64>,
        input: &crate::domain::console_records::CustomerInput,
        source: Source,
    ) -> Result<crate::domain::console_records::CustomerRow, PortalError>;
    /// Reserves the available SIM with this ICCID for the customer (support, admin).
    async fn assign(
        &self,
        staff: &Staff,
        customer_id: i64,
        iccid: &str,
        source: Source,
    ) -> Result<OperationResult, PortalError>;

    /// Activation codes by status and code prefix, 50 a page.
    async fn codes(
        &self,
        staff: &Staff,
        status: Option<CodeStatus>,
        q: Option<&str>,
        page: u32,
    ) -> Result<CodePage, PortalError>;
    /// Marks an unused code used or expired (support, admin).
    async fn mark_code(
        &self,
        staff: &Staff,
        id: i64,
        status: CodeStatus,
        source: Source,
    ) -> Result<ActivationCode, PortalError>;

    /// The tariff plans with how many SIMs use each.
    async fn tariff_plans(&self, staff: &Staff) -> Result<Vec<TariffPlan>, PortalError>;
    /// Creates (`id` = `None`) or edits a tariff plan (admin).
    async fn save_tariff(
        &self,
        staff: &Staff,
        id: Option<i64>,
        input: &TariffInput,
        source: Source,
    ) -> Result<TariffPlan, PortalError>;
    /// Deletes a tariff plan no SIM uses (admin); `Conflict` otherwise.
    async fn delete_tariff(
        &self,
        staff: &Staff,
        id: i64,
        source: Source,
    ) -> Result<(), PortalError>;

    /// What `op` would do to each SIM the filter selects (support, admin); nothing is written.
    async fn bulk_preview(
        &self,
        staff: &Staff,
        filter: &SimFilter,
        op: Operation,
    ) -> Result<BulkPreview, PortalError>;
    /// Runs `op` on the SIMs picked from a preview, each only if unchanged since (support,
    /// admin); every SIM is its own transaction, so one refusal does not undo the others.
    async fn bulk_apply(
        &self,
        staff: &Staff,
        picked: &[Picked],
        op: Operation,
        input: &OperationInput,
        source: Source,
    ) -> Result<BulkResult, PortalError>;

    /// Every staff login (admin).
    async fn staff_users(&self, staff: &Staff) -> Result<Vec<StaffUser>, PortalError>;
    /// Adds a staff login with a first password (admin); `Taken` for a known email.
    async fn add_staff(
        &self,
        staff: &Staff,
        email: &str,
        role: Role,
        password: &str,
        source: Source,
    ) -> Result<StaffUser, PortalError>;
    /// Changes a staff member's role, or disables them (their sessions end) or enables them
    /// again (admin). Admins cannot demote or disable themselves.
    async fn update_staff(
        &self,
        staff: &Staff,
        id: i64,
        role: Role,
        disabled: bool,
        source: Source,
    ) -> Result<StaffUser, PortalError>;

    /// The demo staff logins, while the simulators run.
    fn demo_staff(&self) -> Option<DemoStaff>;
}

/// The console's session cookie: its own name, so a customer's cookie is never read as a
/// staff session (and the other way round).
pub fn staff_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-ops_session"
    } else {
        "ops_session"
    }
}

pub fn staff_cookie(token: &str, max_age_secs: i64, secure: bool) -> String {
    cookie::Cookie::build((staff_cookie_name(secure), token.to_string()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .secure(secure)
        .max_age(cookie::time::Duration::seconds(max_age_secs))
        .build()
        .to_string()
}

/// The console session token of a request: `Authorization: Bearer …` or the staff cookie.
pub fn staff_token(headers: &http::HeaderMap, secure: bool) -> Option<String> {
    if let Some(bearer) = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return Some(bearer.trim().to_string());
    }
    let name = staff_cookie_name(secure);
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}
