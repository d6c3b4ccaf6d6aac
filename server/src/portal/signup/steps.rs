//! The sign-up saga's steps, run by the request that starts a sign-up and by the retry job
//! alike. Each step reads the state the row is in, makes at most one kind of external call,
//! and writes its result (with the lease check) before the next step starts:
//!
//! 1. `started` → WHMCS AddClient (on a retry, first GetClients by email: an earlier attempt
//!    whose answer was lost may have created it) → `client_created`.
//! 2. `client_created` → the portal login and mapping (local; finding the login an earlier
//!    attempt made) → `login_created`. From here the customer can log in.
//! 3. `login_created` → Salesforce: portal status and WHMCS client id written back (a PATCH,
//!    harmless to repeat); a Case for staff when the email differs (looked for before it is
//!    opened again) → welcome email and `done` in one transaction.

use super::{contact_details, salesforce_error, SignUps};
use crate::portal::{billing, store_error, whmcs_error};
use crate::salesforce::records::NewCase;
use crate::store::audit;
use crate::store::customers::{self, Linked};
use crate::store::outbox;
use crate::store::signups::{self, SignupRow, Step};
use crate::whmcs::WhmcsError;
use app::domain::signup::ValidSignUp;
use app::domain::PortalError;

/// Why a run stopped before `done`.
pub(super) enum Stop {
    /// The sign-up cannot succeed (nothing was created): it is `failed`, the account free.
    Refused(PortalError),
    /// An outage or a lost lease: the retry job goes on later. `customer` is set once the
    /// login exists (the customer can log in already); `shown` is what the request answers.
    Later {
        customer: Option<i64>,
        error: String,
        shown: PortalError,
    },
}

/// The subject of the staff case when the sign-up email differs from Salesforce's.
pub(super) fn mismatch_subject(signup: i64) -> String {
    format!("Portal sign-up: email differs from our records (ref S-{signup})")
}

/// Runs the row from its state to `done`; the portal customer id. `fresh`: the request that
/// just wrote the row runs it (no earlier attempt can have reached an upstream); otherwise it
/// is resumed after a crash or an outage and looks before it creates.
pub(super) async fn run(
    s: &SignUps,
    mut row: SignupRow,
    lease: &str,
    fresh: bool,
) -> Result<i64, Stop> {
    let contact: ValidSignUp = serde_json::from_str(&row.contact).map_err(|e| Stop::Later {
        customer: row.customer_id,
        error: format!("stored contact unreadable: {e}"),
        shown: PortalError::Internal,
    })?;
    loop {
        let result = match row.state.as_str() {
            signups::STARTED => create_client(s, &row, &contact, lease, fresh).await,
            signups::CLIENT_CREATED => create_login(s, &row, lease).await,
            signups::LOGIN_CREATED => complete(s, &row, &contact, lease).await,
            signups::DONE => {
                return row.customer_id.ok_or_else(|| Stop::Later {
                    customer: None,
                    error: "done without a customer".into(),
                    shown: PortalError::Internal,
                })
            }
            other => Err(Stop::Refused({
                tracing::error!(
                    signup = row.id,
                    state = other,
                    "sign-up in an unknown state"
                );
                PortalError::Internal
            })),
        };
        match result {
            Ok(()) => {
                row = signups::get(&s.db, row.id)
                    .await
                    .map_err(|e| later(&row, e.to_string(), store_error(e)))?
                    .ok_or_else(|| later(&row, "row vanished".into(), PortalError::Internal))?;
            }
            Err(Stop::Refused(e)) => {
                tracing::info!(signup = row.id, error = %e, "sign-up refused");
                let _ =
                    signups::finish(&s.db, row.id, lease, signups::FAILED, Some(&e.to_string()))
                        .await;
                return Err(Stop::Refused(e));
            }
            Err(Stop::Later {
                customer,
                error,
                shown,
            }) => {
                let wait = s
                    .retry_base
                    .saturating_mul(2u32.saturating_pow(row.attempts.clamp(0, 12) as u32))
                    .min(std::time::Duration::from_secs(3600));
                let next =
                    signups::now_ms() + i64::try_from(wait.as_millis()).unwrap_or(i64::MAX / 2);
                tracing::warn!(signup = row.id, state = row.state, %error, "sign-up step failed; will retry");
                let _ = signups::failed_attempt(&s.db, row.id, lease, &error, next).await;
                return Err(Stop::Later {
                    customer: customer.or(row.customer_id),
                    error,
                    shown,
                });
            }
        }
    }
}

fn later(row: &SignupRow, error: String, shown: PortalError) -> Stop {
    Stop::Later {
        customer: row.customer_id,
        error,
        shown,
    }
}

/// A lost lease: another instance owns the row now.
fn lease_lost(row: &SignupRow) -> Stop {
    later(row, "lease lost".into(), PortalError::Internal)
}

async fn record(s: &SignUps, row: &SignupRow, lease: &str, step: Step<'_>) -> Result<(), Stop> {
    match signups::advance(&s.db, row.id, lease, s.lease_ms, step).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(lease_lost(row)),
        Err(e) => Err(later(row, e.to_string(), store_error(e))),
    }
}

/// What the form should say about a WHMCS refusal of AddClient.
fn refusal(message: &str) -> PortalError {
    let m = message.to_ascii_lowercase();
    if m.contains("email")
        && (m.contains("exists") || m.contains("not available") || m.contains("duplicate"))
    {
        PortalError::taken("email", app::t!("portal-signup-email-has-billing"))
    } else if m.contains("phone") {
        PortalError::invalid("phone", app::t!("portal-signup-phone-invalid"))
    } else if m.contains("email") {
        PortalError::invalid("email", app::t!("portal-signup-email-refused"))
    } else if m.contains("postcode") {
        PortalError::invalid(
            "address.postcode",
            app::t!("portal-signup-postcode-invalid"),
        )
    } else if m.contains("country") || m.contains("state") {
        PortalError::invalid(
            "address.prefecture",
            app::t!("portal-signup-prefecture-invalid"),
        )
    } else {
        tracing::error!(message, "WHMCS refused a sign-up's client");
        PortalError::BadRequest(app::t!("portal-signup-billing-refused"))
    }
}

/// The billing client an earlier attempt of this sign-up created (its answer lost, or the
/// instance gone before recording it): the client with this email *and* this customer number
/// (a billing customer who merely shares the email is not ours to take).
async fn earlier_client(s: &SignUps, row: &SignupRow) -> Result<Option<u64>, WhmcsError> {
    let Some(id) = s.whmcs.client_by_email(&row.email).await? else {
        return Ok(None);
    };
    let number = s.whmcs.client_customer_number(id).await?;
    Ok((number.as_deref() == Some(row.customer_number.as_str())).then_some(id))
}

async fn create_client(
    s: &SignUps,
    row: &SignupRow,
    contact: &ValidSignUp,
    lease: &str,
    fresh: bool,
) -> Result<(), Stop> {
    let outage = |e: WhmcsError| later(row, e.to_string(), whmcs_error(e));
    let existing = if fresh && row.attempts == 0 {
        None
    } else {
        earlier_client(s, row).await.map_err(outage)?
    };
    let client = match existing {
        Some(id) => {
            tracing::info!(
                signup = row.id,
                client = id,
                "found the client an earlier attempt created"
            );
            id
        }
        None => match s
            .whmcs
            .add_client(&row.email, &contact_details(contact), &row.customer_number)
            .await
        {
            Ok(id) => id,
            Err(WhmcsError::Api { message, .. }) => return Err(Stop::Refused(refusal(&message))),
            Err(e) => {
                return Err(later(
                    row,
                    e.to_string(),
                    PortalError::UpstreamUnavailable(billing()),
                ))
            }
        },
    };
    let client =
        i64::try_from(client).map_err(|_| later(row, "client id".into(), PortalError::Internal))?;
    record(
        s,
        row,
        lease,
        Step {
            state: Some(signups::CLIENT_CREATED),
            whmcs_client_id: Some(client),
            ..Step::default()
        },
    )
    .await
}

async fn create_login(s: &SignUps, row: &SignupRow, lease: &str) -> Result<(), Stop> {
    let client = row
        .whmcs_client_id
        .ok_or_else(|| later(row, "no client id".into(), PortalError::Internal))?;
    let db_error = |e: crate::store::StoreError| later(row, e.to_string(), store_error(e));
    let customer = match customers::create_linked(
        &s.db,
        &row.email,
        &row.password_hash,
        client,
        Some(&row.salesforce_account_id),
    )
    .await
    .map_err(db_error)?
    {
        Linked::Created(id) => {
            audit::record(
                &s.db,
                Some(id),
                None,
                "signed_up",
                &format!("signed up with customer number {}", row.customer_number),
            )
            .await
            .map_err(db_error)?;
            id
        }
        // An earlier attempt created it (its answer was lost in a crash).
        Linked::ClientTaken => match customers::find_by_whmcs_client(&s.db, client)
            .await
            .map_err(db_error)?
        {
            Some(c) if c.email == row.email => c.id,
            _ => {
                tracing::error!(
                    signup = row.id,
                    client,
                    "the new billing client already has another login"
                );
                return Err(later(
                    row,
                    "client linked to another login".into(),
                    PortalError::Internal,
                ));
            }
        },
        Linked::EmailTaken => {
            // Someone else got a login with this email between the check and now. The billing
            // client stays (staff see last_error); the sign-up cannot finish.
            tracing::error!(
                signup = row.id,
                client,
                "sign-up email took a login meanwhile; billing client left for staff"
            );
            return Err(Stop::Refused(PortalError::taken(
                "email",
                app::t!("portal-signup-email-taken"),
            )));
        }
    };
    record(
        s,
        row,
        lease,
        Step {
            state: Some(signups::LOGIN_CREATED),
            customer_id: Some(customer),
            ..Step::default()
        },
    )
    .await
}

async fn complete(
    s: &SignUps,
    row: &SignupRow,
    contact: &ValidSignUp,
    lease: &str,
) -> Result<(), Stop> {
    let sf_error = |e| {
        let shown = salesforce_error(e);
        later(row, shown.to_string(), shown)
    };
    let client = row
        .whmcs_client_id
        .and_then(|c| u64::try_from(c).ok())
        .ok_or_else(|| later(row, "no client id".into(), PortalError::Internal))?;
    s.salesforce
        .mark_linked(&row.salesforce_account_id, client)
        .await
        .map_err(sf_error)?;
    if let (Some(_), None) = (&row.salesforce_email, &row.case_id) {
        let subject = mismatch_subject(row.id);
        let existing = s
            .salesforce
            .cases(&row.salesforce_account_id)
            .await
            .map_err(sf_error)?
            .into_iter()
            .find(|c| c.subject.as_deref() == Some(subject.as_str()));
        let case = match existing {
            Some(c) => c.id,
            None => s
                .salesforce
                .create_case(&NewCase {
                    account_id: &row.salesforce_account_id,
                    contact_id: None,
                    subject: &subject,
                    category: "Account",
                    // The contact's email stays out of the text: staff see it on the contact.
                    description: &format!(
                        "A customer signed up to the portal with customer number {} using the \
                         email {}, which is not the email of the account's contact. Please \
                         confirm the person and update the contact or the portal login.",
                        row.customer_number, row.email
                    ),
                    origin: crate::salesforce::records::INTERNAL_ORIGIN,
                    priority: "Medium",
                })
                .await
                .map_err(sf_error)?,
        };
        record(
            s,
            row,
            lease,
            Step {
                case_id: Some(&case),
                ..Step::default()
            },
        )
        .await?;
    }
    let db_error = |e: crate::store::StoreError| later(row, e.to_string(), store_error(e));
    let welcome = crate::emails::welcome(
        app::i18n::current(),
        &contact.first_name,
        &row.customer_number,
        &s.base_url,
    );
    let mut tx = s.db.begin().await.map_err(|e| db_error(e.into()))?;
    outbox::enqueue(&mut *tx, welcome.to(&row.email, None))
        .await
        .map_err(db_error)?;
    let done = sqlx::query(
        "UPDATE signups SET state = $1, lease_token = NULL, lease_until_ms = NULL, \
         next_attempt_ms = NULL, last_error = NULL, updated_at = $2 WHERE id = $3 AND lease_token = $4",
    )
    .bind(signups::DONE)
    .bind(crate::store::now())
    .bind(row.id)
    .bind(lease)
    .execute(&mut *tx)
    .await
    .map_err(|e| db_error(e.into()))?;
    if done.rows_affected() != 1 {
        return Err(lease_lost(row)); // the transaction rolls back: no email
    }
    tx.commit().await.map_err(|e| db_error(e.into()))?;
    s.outbox.notify();
    // Lookups cached as "not linked" must not outlive the link.
    s.cache.forget(0).await;
    tracing::info!(signup = row.id, "sign-up done");
    Ok(())
}
