//! The services behind the UI's ports: accounts (login, sessions) and SIM aggregation.
//! Upstream failures are logged here with their codes and turned into customer-safe
//! [`PortalError`]s; nothing upstream-specific crosses into the UI.

pub mod accounts;
pub mod automation;
pub mod billing;
pub mod esim_store;
pub mod limits;
mod linking;
mod password_reset;
pub mod passwords;
pub mod profile;
pub mod shop;
pub mod signup;
pub mod sim;
pub mod support;
pub mod topup;

use crate::freebit::FreebitError;
use crate::store::StoreError;
use crate::whmcs::WhmcsError;
use app::domain::PortalError;

/// The billing system, as "… is not responding" names it (in the current language).
pub fn billing() -> String {
    app::t!("server-upstream-billing")
}

/// The carrier, as "… is not responding" names it (in the current language).
pub fn network() -> String {
    app::t!("server-upstream-network")
}

pub(crate) fn store_error(e: StoreError) -> PortalError {
    tracing::error!(error = %e, "database failure");
    PortalError::Internal
}

pub(crate) fn whmcs_error(e: WhmcsError) -> PortalError {
    match &e {
        WhmcsError::Api { .. } => tracing::error!(error = %e, "WHMCS rejected a call"),
        _ => tracing::warn!(error = %e, "WHMCS unavailable"),
    }
    match e {
        WhmcsError::Api { .. } | WhmcsError::Auth(_) => PortalError::Internal,
        _ => PortalError::UpstreamUnavailable(billing()),
    }
}

pub(crate) fn freebit_error(e: FreebitError) -> PortalError {
    match &e {
        FreebitError::Api { .. } | FreebitError::Invalid(_) => {
            tracing::error!(error = %e, "Freebit rejected a call")
        }
        _ => tracing::warn!(error = %e, "Freebit unavailable"),
    }
    // A rejection (resultCode ≠ 100) is an answer, not an outage: the logs carry its codes.
    match e {
        FreebitError::Invalid(_) | FreebitError::Api { .. } => PortalError::Internal,
        _ => PortalError::UpstreamUnavailable(network()),
    }
}
