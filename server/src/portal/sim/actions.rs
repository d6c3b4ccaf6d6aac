//! How every SIM action talks to the carrier: the state check, then the request row written
//! *before* the call, then the answer recorded on the row and in the timeline.

use super::{OwnedLine, PortalSims};
use crate::freebit::FreebitError;
use crate::portal::store_error;
use crate::store::{audit, sim_requests};
use app::domain::{Availability, Customer, Outcome, PortalError};
use app::t;
use std::future::Future;

/// One carrier write as the portal records it.
pub(super) struct Request<'a> {
    /// `sim_requests.kind` and `audit_events.kind`.
    pub kind: &'a str,
    pub payload: serde_json::Value,
    pub effective_on: Option<chrono::NaiveDate>,
    /// The customer-readable line for the timeline ("To SIM Data-only 25GB from 1 Dec 2026"),
    /// stored once in the language current when written.
    pub detail: String,
    /// Who the timeline names: the customer (`None`) or the portal's own job for them.
    pub actor: Option<&'a str>,
}

/// Refuses an action the SIM's state does not allow, with the reason the page shows.
pub(crate) fn require(availability: &Availability) -> Result<(), PortalError> {
    match availability.reason() {
        None => Ok(()),
        Some(reason) => Err(PortalError::Conflict(reason.to_string())),
    }
}

/// The carrier's own answer to a failed call, for the audit trail: `resultCode/statusCode`
/// when it answered, else the kind of failure.
fn upstream_code(e: &FreebitError) -> String {
    match e {
        FreebitError::Api {
            result_code,
            status_code,
            ..
        } => format!(
            "freebit {result_code}/{}",
            status_code.as_deref().unwrap_or("-")
        ),
        FreebitError::Timeout => "freebit timeout".into(),
        FreebitError::Http { status } => format!("freebit http {status}"),
        FreebitError::Transport(_) => "freebit unreachable".into(),
        FreebitError::Decode(_) => "freebit undecodable".into(),
        FreebitError::Invalid(_) => "freebit invalid request".into(),
    }
}

/// What a refused write tells the customer: the carrier answered no, nothing changed.
fn declined(e: &FreebitError) -> PortalError {
    tracing::error!(error = %e, "the carrier declined a change");
    PortalError::Declined(t!("server-sim-declined"))
}

impl PortalSims {
    /// Runs `call` as a recorded request. A rejection marks the row failed; a call whose
    /// answer never came (timeout, connection lost) leaves it `submitting`, because it may
    /// have been applied: the SIM page then settles it against the line's state.
    pub(super) async fn carry_out<Fut>(
        &self,
        customer: &Customer,
        owned: &OwnedLine,
        request: Request<'_>,
        call: impl FnOnce() -> Fut,
    ) -> Result<(), PortalError>
    where
        Fut: Future<Output = Result<(), FreebitError>>,
    {
        let subscription = i64::try_from(owned.id.0).map_err(|_| PortalError::NotFound)?;
        let effective = request.effective_on.map(|d| d.to_string());
        let row = match sim_requests::begin(
            &self.db,
            customer.id,
            subscription,
            request.kind,
            &request.payload.to_string(),
            effective.as_deref(),
        )
        .await
        .map_err(store_error)?
        {
            sim_requests::Begin::Started(row) => row,
            sim_requests::Begin::AlreadyOpen => {
                return Err(PortalError::Conflict(t!("server-sim-already-open")))
            }
        };
        let result = call().await;
        // Whatever the answer, what was cached about this customer may be out of date now.
        self.cache.forget(customer.id).await;
        let (status, outcome) = match &result {
            Ok(()) => (Some(sim_requests::Status::Accepted), Outcome::Accepted),
            Err(e) if e.is_transient() => (None, Outcome::Unconfirmed),
            Err(_) => (Some(sim_requests::Status::Failed), Outcome::Failed),
        };
        // The carrier has answered: from here a database failure is logged, never turned into
        // an error, or the customer would retry a change that was made.
        if let Some(status) = status {
            if let Err(e) = sim_requests::set_status(&self.db, row, status).await {
                tracing::error!(error = %e, row, "could not record the carrier's answer");
            }
        }
        let upstream_code = result.as_ref().err().map(upstream_code);
        let input = request.payload.to_string();
        if let Err(e) = audit::record_event(
            &self.db,
            audit::Event {
                customer_id: Some(customer.id),
                subscription_id: i64::try_from(owned.id.0).ok(),
                kind: request.kind,
                detail: &request.detail,
                actor: Some(request.actor.unwrap_or(&customer.email)),
                outcome: Some(outcome.as_str()),
                input: Some(&input),
                upstream_code: upstream_code.as_deref(),
            },
        )
        .await
        {
            tracing::error!(error = ?e, "could not add the change to the timeline");
        }
        match result {
            Ok(()) => Ok(()),
            Err(e) if e.is_transient() => {
                tracing::warn!(error = %e, row, "no answer from the carrier for a change");
                Err(PortalError::Unconfirmed)
            }
            Err(FreebitError::Invalid(m)) => {
                tracing::error!(message = m, "the portal built an invalid carrier request");
                Err(PortalError::Internal)
            }
            Err(e) => Err(declined(&e)),
        }
    }
}
