//! The one error type that crosses the wire, for server functions and the REST API alike.
//!
//! Every variant carries only what a customer may see. Upstream codes and internal causes are
//! logged on the server and never put in here.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum PortalError {
    /// No valid session: the customer must log in.
    #[error("{}", crate::t!("domain-error-unauthorized"))]
    Unauthorized,
    /// Login failed. Deliberately generic: it never says whether the email exists.
    #[error("{}", crate::t!("domain-error-invalid-credentials"))]
    InvalidCredentials,
    /// Refused whoever asks this way (e.g. a write sent from another site).
    #[error("{0}")]
    Forbidden(String),
    /// The thing does not exist *for this customer* (another customer's service looks the same).
    #[error("{}", crate::t!("domain-error-not-found"))]
    NotFound,
    /// A named thing does not exist (or is not visible to this staff member); the text says
    /// what was looked for.
    #[error("{0}")]
    NoSuch(String),
    /// The state machine refuses the operation from the current state; `allowed` lists the
    /// operations it would accept now (answered as 409 with the list).
    #[error("{message}")]
    NotAllowed {
        message: String,
        allowed: Vec<String>,
    },
    /// The input was rejected; the text says what to fix.
    #[error("{0}")]
    BadRequest(String),
    /// The request body is larger than any request needs.
    #[error("{}", crate::t!("domain-error-too-large"))]
    TooLarge,
    /// One input field is invalid; `field` is its JSON name (`newPlanCode`, `eid`, …).
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// The request clashes with something already in progress (e.g. a 4G/5G switch).
    #[error("{0}")]
    Conflict(String),
    /// One input field names something already used (an email with a login, a customer
    /// number already linked); `field` is its JSON name.
    #[error("{message}")]
    Taken { field: String, message: String },
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
    /// Too many attempts from this address or on this account; `retry_after_secs` is when
    /// the next one is allowed (also sent as `Retry-After`).
    #[error("{message}")]
    RateLimited {
        message: String,
        retry_after_secs: u64,
    },
    /// A change was sent but its answer never came: it may or may not have been applied.
    #[error("{}", crate::t!("domain-error-unconfirmed"))]
    Unconfirmed,
    /// An upstream system (billing or the mobile network) did not answer usefully.
    #[error("{}", crate::t!("domain-error-upstream", name = .0.clone()))]
    UpstreamUnavailable(String),
    /// Anything else. Details are in the server log, never here.
    #[error("{}", crate::t!("domain-error-internal"))]
    Internal,
    /// The request never reached the server function or its reply could not be read.
    #[error("{}", crate::t!("domain-error-transport", reason = .0.clone()))]
    Transport(String),
}

impl PortalError {
    pub fn taken(field: &str, message: impl Into<String>) -> Self {
        PortalError::Taken {
            field: field.to_string(),
            message: message.into(),
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        PortalError::Invalid {
            field: field.to_string(),
            message: message.into(),
        }
    }

    /// Too many attempts; the text says when to try again.
    pub fn rate_limited(what: &str, retry_after: std::time::Duration) -> Self {
        let secs = retry_after.as_secs_f64().ceil().max(1.0) as u64;
        let wait = if secs < 90 {
            crate::t!("domain-wait-seconds", count = crate::i18n::num(secs as f64))
        } else {
            crate::t!(
                "domain-wait-minutes",
                count = crate::i18n::num(secs.div_ceil(60) as f64)
            )
        };
        PortalError::RateLimited {
            message: crate::t!("domain-rate-limited", what = what.to_string(), wait = wait),
            retry_after_secs: secs,
        }
    }

    /// Seconds until a rate-limited request may be repeated.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            PortalError::RateLimited {
                retry_after_secs, ..
            } => Some(*retry_after_secs),
            _ => None,
        }
    }

    /// The input field an error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            PortalError::Invalid { field, .. } | PortalError::Taken { field, .. } => Some(field),
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
            PortalError::NotFound | PortalError::NoSuch(_) => 404,
            PortalError::NotAllowed { .. } => 409,
            PortalError::BadRequest(_) | PortalError::Invalid { .. } => 400,
            PortalError::TooLarge => 413,
            PortalError::Conflict(_) | PortalError::Taken { .. } => 409,
            PortalError::PaymentRequired { .. } => 402,
            PortalError::RateLimited { .. } => 429,
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
            PortalError::NotFound | PortalError::NoSuch(_) => "not_found",
            PortalError::NotAllowed { .. } => "not_allowed",
            PortalError::BadRequest(_) => "bad_request",
            PortalError::TooLarge => "too_large",
            PortalError::Invalid { .. } => "invalid",
            PortalError::Conflict(_) | PortalError::Taken { .. } => "conflict",
            PortalError::PaymentRequired { .. } => "payment_required",
            PortalError::RateLimited { .. } => "rate_limited",
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
                    PortalError::Transport(crate::t!("domain-error-transport-network"))
                }
                // The server could not read the arguments: the caller's mistake, said without
                // the parser's text.
                ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                    PortalError::BadRequest(crate::t!("domain-error-bad-args"))
                }
                _ => PortalError::Transport(crate::t!("domain-error-transport-reply")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

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

    #[test]
    fn rate_limits_say_when_to_come_back_in_whole_units() {
        let e = PortalError::rate_limited("Too many failed logins.", Duration::from_millis(1200));
        assert_eq!(e.retry_after(), Some(2));
        assert_eq!(
            e.to_string(),
            "Too many failed logins. Please wait 2 seconds and try again."
        );
        assert_eq!(e.status(), 429);
        let e = PortalError::rate_limited("Slow down.", Duration::from_millis(10));
        assert_eq!(e.retry_after(), Some(1));
        assert!(e.to_string().contains("1 second and"));
        let e = PortalError::rate_limited("Slow down.", Duration::from_secs(900));
        assert!(e.to_string().contains("15 minutes"), "{e}");
    }
}
