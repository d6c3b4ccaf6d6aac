//! The language of each request and the header's switch.
//!
//! Every request runs with its language ([`app::i18n::from_request`]: the `lang` cookie, else
//! `Accept-Language`) as the current one, so what server functions and the REST API say
//! (errors included) is in the customer's language. `POST /lang` (the switch) sets the
//! cookie, saves the choice on the customer's account when logged in, and goes back.

use crate::store::customers;
use crate::AppState;
use app::i18n::{self, Lang};
use axum::extract::{Request, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;

pub async fn scope(req: Request, next: Next) -> Response {
    let lang = i18n::from_request(req.headers());
    i18n::with_lang(lang, next.run(req)).await
}

#[derive(Deserialize)]
pub struct Switch {
    lang: String,
    #[serde(default)]
    next: String,
}

/// Only a path on this site (never `//elsewhere` or a URL).
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/"
    }
}

async fn switch(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<Switch>,
) -> Response {
    let Some(lang) = Lang::parse(&form.lang) else {
        return (StatusCode::BAD_REQUEST, i18n::t("server-lang-unknown")).into_response();
    };
    let secure = state.ports.secure_cookies;
    if let Some(token) = app::ports::session_token(&headers, secure) {
        if let Ok(Some(customer)) = state.ports.accounts.customer_for_session(&token).await {
            if let Err(e) = customers::set_locale(&state.db, customer.id, lang.code()).await {
                tracing::warn!(error = %e, "could not save the language");
            }
        }
    }
    let mut r = StatusCode::SEE_OTHER.into_response();
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&i18n::cookie(lang, secure)) {
        h.insert(SET_COOKIE, v);
    }
    if let Ok(v) = HeaderValue::from_str(safe_next(&form.next)) {
        h.insert(LOCATION, v);
    }
    r
}

pub fn router() -> Router<AppState> {
    Router::new().route("/lang", post(switch))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(
            super::safe_next("/subscriptions/2001"),
            "/subscriptions/2001"
        );
        assert_eq!(super::safe_next("//evil.example/"), "/");
        assert_eq!(super::safe_next("https://evil.example/"), "/");
        assert_eq!(super::safe_next("/\\evil.example"), "/");
    }
}
