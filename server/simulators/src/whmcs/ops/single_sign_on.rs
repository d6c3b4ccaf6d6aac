//! `GET /oauth/singlesignon.php?access_token=…`: a valid token is consumed and shows a
//! stand-in client-area page naming the client and destination; an unknown, used or expired
//! token (older than the SSO lifetime) redirects to the login page.

use super::super::esc;
use super::super::state::WhmcsState;
use axum::response::{Html, IntoResponse, Redirect, Response};

pub(in super::super) fn run(s: &mut WhmcsState, token: Option<&str>) -> Response {
    let token = s.sso.remove(token.unwrap_or_default());
    match token {
        Some(t) if t.issued.elapsed() <= s.sso_ttl => {
            let email = s
                .client(t.client_id)
                .map(|c| c.email.clone())
                .unwrap_or_default();
            Html(format!(
                "<!DOCTYPE html><html><body><h1>WHMCS client area (simulated)</h1>\
                 <p>Signed in as {}</p><p>Destination: {}</p></body></html>",
                esc(&email),
                esc(&t.redirect)
            ))
            .into_response()
        }
        _ => Redirect::to("login.php?incorrect=true").into_response(),
    }
}
