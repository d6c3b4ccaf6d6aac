//! `GET /oauth/singlesignon.php?access_token=…`: a valid token is consumed and shows the
//! client-area page of its destination; an unknown, used or expired token (older than the
//! SSO lifetime) redirects to the login page.
//!
//! Two destinations have pages of their own, so a browser test can pay or add a card the way
//! a customer would: `viewinvoice.php?id=N` for one of the client's invoices (see
//! `view_invoice`) and `index.php?rp=/account/paymentmethods` (see
//! `account_payment_methods`). Either may carry a `return` query parameter, which becomes
//! the pages' link back to the portal. Any other destination shows a stand-in page naming the
//! client and the destination.

use super::super::pages::h;
use super::super::state::WhmcsState;
use super::{account_payment_methods, view_invoice};
use axum::extract::Query;
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::collections::HashMap;

pub(in super::super) fn run(s: &mut WhmcsState, token: Option<&str>, system_url: &str) -> Response {
    let token = s.sso.remove(token.unwrap_or_default());
    let Some(t) = token.filter(|t| t.issued.elapsed() <= s.sso_ttl) else {
        return Redirect::to("login.php?incorrect=true").into_response();
    };
    let (file, query) = split(&t.redirect);
    let ret = query.get("return").map(String::as_str);
    let own_page = match file {
        "viewinvoice.php" => query
            .get("id")
            .and_then(|id| id.trim().parse().ok())
            .and_then(|id| view_invoice::show(s, t.client_id, id, ret, system_url)),
        "index.php"
            if query.get("rp").map(|rp| rp.trim_end_matches('/'))
                == Some("/account/paymentmethods") =>
        {
            Some(account_payment_methods::show(
                s,
                t.client_id,
                ret,
                system_url,
            ))
        }
        _ => None,
    };
    own_page.unwrap_or_else(|| {
        let email = s
            .client(t.client_id)
            .map(|c| c.email.clone())
            .unwrap_or_default();
        Html(format!(
            "<!DOCTYPE html><html><body><h1>WHMCS client area (simulated)</h1>\
             <p>Signed in as {}</p><p>Destination: {}</p></body></html>",
            h(&email),
            h(&t.redirect)
        ))
        .into_response()
    })
}

/// A destination's file (without a leading `/`) and its decoded query parameters (none when
/// the query does not parse).
fn split(destination: &str) -> (&str, HashMap<String, String>) {
    let destination = destination.trim_start_matches('/');
    let (file, query) = destination.split_once('?').unwrap_or((destination, ""));
    let params = format!("/?{query}")
        .parse::<Uri>()
        .ok()
        .and_then(|u| Query::<HashMap<String, String>>::try_from_uri(&u).ok())
        .map(|Query(q)| q)
        .unwrap_or_default();
    (file, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_split_into_file_and_decoded_query() {
        let (f, q) = split("/viewinvoice.php?id=42&return=http%3A%2F%2Fportal%2Ftopup");
        assert_eq!(f, "viewinvoice.php");
        assert_eq!(q.get("id").map(String::as_str), Some("42"));
        assert_eq!(
            q.get("return").map(String::as_str),
            Some("http://portal/topup")
        );
        let (f, q) = split("index.php?rp=/account/paymentmethods");
        assert_eq!(
            (f, q.get("rp").map(String::as_str)),
            ("index.php", Some("/account/paymentmethods"))
        );
        assert_eq!(split("clientarea.php").0, "clientarea.php");
    }
}
