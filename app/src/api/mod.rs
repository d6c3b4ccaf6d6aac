//! Server functions: each one gets the session's customer, parses input into domain types,
//! calls a port and returns a domain type or [`PortalError`]. No business logic lives here.

mod account;
mod auth;
mod automation;
mod billing;
mod profile;
mod shop;
mod sims;
mod store;
mod store_orders;
mod support;
mod topups;

pub use account::*;
pub use auth::*;
pub use automation::*;
pub use billing::*;
pub use profile::*;
pub use shop::*;
pub use sims::*;
pub use store::*;
pub use store_orders::*;
pub use support::*;
pub use topups::*;

#[cfg(feature = "ssr")]
pub(crate) mod ctx {
    use crate::domain::{Customer, PortalError};
    use crate::ports::{self, Ports};
    use leptos::prelude::use_context;

    pub fn ports() -> Result<Ports, PortalError> {
        use_context::<Ports>().ok_or_else(|| {
            tracing::error!("Ports missing from the Leptos context");
            PortalError::Internal
        })
    }

    pub fn session_token() -> Option<String> {
        let parts = use_context::<http::request::Parts>()?;
        ports::session_token(&parts.headers, ports().ok()?.secure_cookies)
    }

    /// Who sent the current request.
    pub fn client() -> ports::Client {
        use_context::<http::request::Parts>()
            .map(|p| ports::Client::from_parts(&p))
            .unwrap_or_default()
    }

    /// The logged-in customer, or `Unauthorized`; looked up once per request.
    pub async fn customer() -> Result<Customer, PortalError> {
        let lookup = || async {
            match session_token() {
                Some(token) => ports()?.accounts.customer_for_session(&token).await,
                None => Ok(None),
            }
        };
        let found = match use_context::<ports::SessionMemo>() {
            Some(memo) => memo.get_or_try_init(lookup).await?.clone(),
            None => lookup().await?,
        };
        found.ok_or(PortalError::Unauthorized)
    }

    /// Gives a failed server function the HTTP status of its error (401, 404, 503…) instead
    /// of a blanket 500, so logs and API clients see what happened.
    ///
    /// A plain HTML form post (no JavaScript yet) is left alone: Leptos answers it with a
    /// 302 back to the form, carrying the error for the page to show. So is a call made while
    /// rendering a page: one failed section must not turn a useful page into an error status
    /// (page-level errors set theirs through `ErrorPanel`).
    pub fn with_status<T>(result: Result<T, PortalError>) -> Result<T, PortalError> {
        let leave_alone = use_context::<http::request::Parts>().is_none_or(|p| {
            !p.uri.path().starts_with("/api/fn/")
                || (p.method == http::Method::POST
                    && p.headers
                        .get(http::header::ACCEPT)
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|a| a.contains("text/html")))
        });
        if leave_alone {
            return result;
        }
        if let (Err(e), Some(opts)) = (&result, use_context::<leptos_axum::ResponseOptions>()) {
            if let Ok(status) = http::StatusCode::from_u16(e.status()) {
                opts.set_status(status);
            }
            if let Some(secs) = e.retry_after() {
                opts.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(secs));
            }
        }
        result
    }

    /// Sets the new session's cookie and sends the browser to the subscriptions list.
    pub fn start_session(session: &ports::NewSession, secure_cookies: bool) {
        start_session_at(session, secure_cookies, crate::routes::SUBSCRIPTIONS);
    }

    /// Sets the new session's cookie and sends the browser to `path`.
    pub fn start_session_at(session: &ports::NewSession, secure_cookies: bool, path: &str) {
        set_cookie(&ports::session_cookie(
            &session.token,
            session.max_age_secs,
            secure_cookies,
        ));
        if let Some(lang) = session.lang {
            set_cookie(&crate::i18n::cookie(lang, secure_cookies));
        }
        leptos_axum::redirect(path);
    }

    pub fn set_cookie(value: &str) {
        if let (Some(opts), Ok(v)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::HeaderValue::from_str(value),
        ) {
            opts.append_header(http::header::SET_COOKIE, v);
        }
    }
}
