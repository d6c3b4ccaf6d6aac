//! Sign-up with a customer number (seed 004): verify the number in Salesforce → create the
//! WHMCS client → create the portal login and the mapping → write the portal status and the
//! WHMCS client id back to Salesforce (and open a Case when the email differs from the one
//! Salesforce has) → welcome email.
//!
//! The form's checks and the lookups that can refuse (unknown number, already linked, email
//! with a login) run before anything is written. Then the sign-up is a persisted saga
//! (`store::signups`, the steps in `steps`): its row is written before the first external
//! call and each step's result before the next, under a lease. What a request cannot finish
//! (an outage halfway) the retry job (`job`) finishes; nothing is left half-linked.

mod job;
mod steps;

pub use job::{pass as retry_pass, run as retry_job};

use super::accounts::PortalAccounts;
use super::store_error;
use crate::cache::Cache;
use crate::mail::Outbox;
use crate::salesforce::{SalesforceClient, SalesforceError, SfAccount};
use crate::store::{customers, signups, Db};
use crate::whmcs::WhmcsClient;
use app::domain::signup::{SignUp, ValidSignUp};
use app::domain::PortalError;
use app::ports::Client;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Seed 001: the customer-number lookup is kept 30 seconds.
const LOOKUP_TTL: Duration = Duration::from_secs(30);

/// Everything the saga needs. Cloning is cheap.
#[derive(Clone)]
pub struct SignUps {
    pub db: Db,
    pub whmcs: WhmcsClient,
    pub salesforce: SalesforceClient,
    pub cache: Cache,
    pub outbox: Outbox,
    /// The portal's public address (links in the welcome email).
    pub base_url: String,
    /// First wait of the retry job; doubles per attempt, at most an hour.
    pub retry_base: Duration,
    /// Attempts after which a stuck sign-up is logged as an error for staff on every further
    /// attempt (it is never dropped: that could free a number with a billing client behind it).
    pub max_attempts: i64,
    /// How long one step may hold a sign-up: longer than its slowest upstream calls with
    /// their retries (see [`lease_ms_for`]).
    pub lease_ms: i64,
}

/// A lease that outlasts the slowest step (three upstream calls, each with its read retries).
pub fn lease_ms_for(timeout: Duration, read_retries: usize) -> i64 {
    let step = timeout.saturating_mul(3 * (read_retries as u32 + 1) + 3);
    i64::try_from(step.as_millis())
        .unwrap_or(i64::MAX / 4)
        .max(60_000)
}

/// The account a customer number names, with its primary contact's email (cached briefly).
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Lookup {
    account: SfAccount,
    contact_id: Option<String>,
    contact_email: Option<String>,
}

pub(crate) fn salesforce_error(e: SalesforceError) -> PortalError {
    if e.is_transient() {
        tracing::warn!(error = %e, "Salesforce unavailable");
    } else {
        tracing::error!(error = %e, "Salesforce refused a call");
    }
    PortalError::UpstreamUnavailable(app::t!("portal-signup-records"))
}

fn new_lease() -> String {
    super::accounts::new_token()
}

impl SignUps {
    /// The account behind a customer number, `None` when there is none.
    async fn lookup(&self, number: &str) -> Result<Option<Lookup>, PortalError> {
        // Scope 0: no customer yet. Unknown numbers are cached too (an empty answer).
        self.cache
            .get_or_load(
                0,
                &format!("signup-lookup:{number}"),
                |_| LOOKUP_TTL,
                || async {
                    let Some(account) = self
                        .salesforce
                        .account_by_customer_number(number)
                        .await
                        .map_err(salesforce_error)?
                    else {
                        return Ok(None);
                    };
                    let contact = self
                        .salesforce
                        .primary_contact(&account.id)
                        .await
                        .map_err(salesforce_error)?;
                    Ok(Some(Lookup {
                        account,
                        contact_id: contact.as_ref().map(|c| c.id.clone()),
                        contact_email: contact.and_then(|c| c.email),
                    }))
                },
            )
            .await
    }

    /// Runs a sign-up to the end; the new customer's id once their login exists.
    pub(super) async fn sign_up(
        &self,
        accounts: &PortalAccounts,
        form: &SignUp,
        client: &Client,
    ) -> Result<i64, PortalError> {
        let valid = form.validated()?;
        let throttle = accounts.throttle();
        throttle.check(client.ip, &valid.customer_number)?;
        if customers::find_by_email(&self.db, &valid.email, true)
            .await
            .map_err(store_error)?
            .is_some()
        {
            return Err(PortalError::taken(
                "email",
                app::t!("portal-signup-email-taken"),
            ));
        }
        let Some(found) = self.lookup(&valid.customer_number).await? else {
            // Guessing numbers counts like guessing passwords.
            throttle.failed(client.ip, &valid.customer_number);
            return Err(PortalError::invalid(
                "customerNumber",
                app::t!("portal-signup-number-unknown"),
            ));
        };
        let linked = found.account.whmcs_client_id.is_some()
            || found.account.portal_status.as_deref()
                == Some(crate::salesforce::records::PORTAL_ACTIVE);
        if linked
            || customers::by_salesforce_account(&self.db, &found.account.id)
                .await
                .map_err(store_error)?
                .is_some()
        {
            return Err(already_linked());
        }
        let hash = accounts.passwords().hash(&form.password).await?;
        let contact = serde_json::to_string(&valid).map_err(|_| PortalError::Internal)?;
        let salesforce_email = found
            .contact_email
            .as_deref()
            .map(str::to_lowercase)
            .filter(|e| *e != valid.email);
        let lease = new_lease();
        let Some(id) = signups::start(
            &self.db,
            signups::NewSignup {
                customer_number: &valid.customer_number,
                salesforce_account_id: &found.account.id,
                email: &valid.email,
                salesforce_email: salesforce_email.as_deref(),
                password_hash: &hash,
                contact: &contact,
            },
            &lease,
            signups::now_ms() + self.lease_ms,
        )
        .await
        .map_err(store_error)?
        else {
            return Err(
                match signups::live_for_account(&self.db, &found.account.id)
                    .await
                    .map_err(store_error)?
                {
                    Some(r) if r.state == signups::DONE => already_linked(),
                    _ => PortalError::taken("customerNumber", app::t!("portal-signup-in-progress")),
                },
            );
        };
        throttle.succeeded(&valid.customer_number);
        tracing::info!(signup = id, "sign-up started");
        let row = signups::get(&self.db, id)
            .await
            .map_err(store_error)?
            .ok_or(PortalError::Internal)?;
        let ended = steps::run(self, row, &lease, true).await;
        match ended {
            Ok(customer) => Ok(customer),
            Err(steps::Stop::Refused(e)) => Err(e),
            Err(steps::Stop::Later {
                customer: Some(c), ..
            }) => Ok(c),
            Err(steps::Stop::Later { shown, .. }) => Err(shown),
        }
    }
}

fn already_linked() -> PortalError {
    PortalError::taken("customerNumber", app::t!("portal-signup-number-taken"))
}

/// The WHMCS contact details of a validated sign-up.
fn contact_details(v: &ValidSignUp) -> crate::whmcs::ContactDetails {
    crate::whmcs::ContactDetails {
        firstname: v.first_name.clone(),
        lastname: v.last_name.clone(),
        address1: v.address.line1.clone(),
        address2: v.address.line2.clone(),
        city: v.address.city.clone(),
        state: v.address.prefecture.clone(),
        postcode: v.address.postcode.clone(),
        country: "JP".into(),
        phonenumber: v.phone.clone(),
    }
}
