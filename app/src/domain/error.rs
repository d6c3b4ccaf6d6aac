//! The one error type that crosses the wire, for server functions and the REST API alike.
//!
//! Every variant carries only what a customer may see. Upstream codes and internal causes are
//! logged on the server and never put in here.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum PortalError {
    /// No valid session: the customer must log in.
    #[error("Please log in to continue.")]
    Unauthorized,
    /// Login failed. Deliberately generic: it never says whether the email exists.
    #[error("The email or password is incorrect.")]
    InvalidCredentials,
    /// Refused whoever asks this way (e.g. a write sent from another site).
    #[error("{0}")]
    Forbidden(String),
    /// The thing does not exist *for this customer* (another customer's service looks the same).
    #[error("We could not find that subscription.")]
    NotFound,
    /// The input was rejected; the text says what to fix.
    #[error("{0}")]
    BadRequest(String),
    /// One input field is invalid; `field` is its JSON name (`newPlanCode`, `eid`, …).
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// The request clashes with something already in progress (e.g. a 4G/5G switch).
    #[error("{0}")]
    Conflict(String),
    /// An upstream answered and refused the change; nothing was changed.
    #[error("{0}")]
    Declined(String),
    /// Nothing was charged (declined card, no payment method). `pay_url` is a portal link that
    /// signs the customer into billing to pay the invoice or add a card; `pay_label` names it.
    #[error("{message}")]
    PaymentRequired {
        message: String,
        pay_url: Option<String>,
        pay_label: Option<String>,
    },
    /// A change was sent but its answer never came: it may or may not have been applied.
    #[error("We sent your request, but the mobile network did not confirm it in time. Please don't send it again: this page shows the change as soon as the network reports it.")]
    Unconfirmed,
    /// An upstream system (billing or the mobile network) did not answer usefully.
    #[error("{0} is not responding right now. Please try again in a few minutes.")]
    UpstreamUnavailable(String),
    /// Anything else. Details are in the server log, never here.
    #[error("Something went wrong on our side. Please try again later.")]
    Internal,
    /// The request never reached the server function or its reply could not be read.
    #[error("The portal could not be reached ({0}). Check your connection and try again.")]
    Transport(String),
}

impl PortalError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        PortalError::Invalid {
            field: field.to_string(),
            message: message.into(),
        }
    }

    /// The input field an error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            PortalError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Worth offering a retry: nothing was wrong with the request itself.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            PortalError::UpstreamUnavailable(_) | PortalError::Internal | PortalError::Transport(_)
        )
    }

    /// HTTP status used by the REST API and for server-function responses.
    pub fn status(&self) -> u16 {
        match self {
            PortalError::Unauthorized | PortalError::InvalidCredentials => 401,
            PortalError::Forbidden(_) => 403,
            PortalError::NotFound => 404,
            PortalError::BadRequest(_) | PortalError::Invalid { .. } => 400,
            PortalError::Conflict(_) => 409,
            PortalError::PaymentRequired { .. } => 402,
            PortalError::Declined(_) => 502,
            PortalError::Unconfirmed => 504,
            PortalError::UpstreamUnavailable(_) => 503,
            PortalError::Internal | PortalError::Transport(_) => 500,
        }
    }

    /// A stable machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            PortalError::Unauthorized => "unauthorized",
            PortalError::InvalidCredentials => "invalid_credentials",
            PortalError::Forbidden(_) => "forbidden",
            PortalError::NotFound => "not_found",
            PortalError::BadRequest(_) => "bad_request",
            PortalError::Invalid { .. } => "invalid",
            PortalError::Conflict(_) => "conflict",
            PortalError::PaymentRequired { .. } => "payment_required",
            PortalError::Declined(_) => "declined",
            PortalError::Unconfirmed => "unconfirmed",
            PortalError::UpstreamUnavailable(_) => "upstream_unavailable",
            PortalError::Internal => "internal",
            PortalError::Transport(_) => "transport",
        }
    }
}

mod server_fn_impl {
    use super::PortalError;
    use leptos::server_fn::codec::JsonEncoding;
    use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

    impl FromServerFnError for PortalError {
        type Encoder = JsonEncoding;

        fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
            match value {
                ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => {
                    PortalError::Transport("network error".into())
                }
                _ => PortalError::Transport("unexpected reply".into()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_keeps_the_variant() {
        let e = PortalError::BadRequest("Quota must be at least 100 MB.".into());
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"bad_request","detail":"Quota must be at least 100 MB."}"#
        );
        assert_eq!(serde_json::from_str::<PortalError>(&json).unwrap(), e);
    }

    #[test]
    fn messages_never_name_internals() {
        assert_eq!(
            PortalError::Internal.to_string(),
            "Something went wrong on our side. Please try again later."
        );
        assert_eq!(PortalError::NotFound.status(), 404);
    }
}
