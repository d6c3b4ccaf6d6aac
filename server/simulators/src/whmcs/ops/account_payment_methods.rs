//! `index.php?rp=/account/paymentmethods` of the simulated client area: reached through an
//! SSO token with that `sso_redirect_path`, it lists the client's stored card (or none) and
//! offers "Add card" (`id="whmcs-add-card"`), a form posting the client id to
//! `account/paymentmethods`. The post sets the client's card scenario to `Pays` (a working
//! Visa ending 4242) and answers a confirmation page; an optional `return` field becomes its
//! link back to the portal. There is no session check: see `super::super::pages`.

use super::super::pages::{h, page, return_field, return_link};
use super::super::state::{Card, WhmcsState};
use axum::http::StatusCode;
use axum::response::Response;

pub(in super::super) fn show(
    s: &WhmcsState,
    client_id: u64,
    ret: Option<&str>,
    system_url: &str,
) -> Response {
    let stored = match s.client(client_id).map(|c| c.card) {
        Some(Card::Missing) | None => "No saved cards.",
        Some(Card::Pays | Card::Declines) => "Visa ending 4242",
    };
    page(
        StatusCode::OK,
        "Payment methods",
        &format!(
            r#"<p id="whmcs-paymethods">{stored}</p><form method="post" action="{}"><input type="hidden" name="client_id" value="{client_id}">{}<button type="submit" id="whmcs-add-card">Add card</button></form>{}"#,
            h(&format!("{system_url}account/paymentmethods")),
            return_field(ret),
            return_link(ret)
        ),
    )
}

/// `POST account/paymentmethods` with `client_id`: the client now has a card that pays.
pub(in super::super) fn add_card(
    s: &mut WhmcsState,
    client_id: Option<u64>,
    ret: Option<&str>,
) -> Response {
    match client_id.and_then(|id| s.clients.iter_mut().find(|c| c.id == id)) {
        None => page(StatusCode::NOT_FOUND, "Client not found", &return_link(ret)),
        Some(c) => {
            c.card = Card::Pays;
            page(
                StatusCode::OK,
                "Card added",
                &format!(
                    r#"<p id="whmcs-paymethods">Visa ending 4242 saved.</p>{}"#,
                    return_link(ret)
                ),
            )
        }
    }
}
