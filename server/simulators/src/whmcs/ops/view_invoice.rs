//! `viewinvoice.php?id=N` of the simulated client area: reached through an SSO token whose
//! destination is that page (`sso:custom_redirect`, with or without a leading `/`), it shows
//! the invoice (number, total in yen, status, item descriptions) and, while it is Unpaid, a
//! "Pay now" form (`id="whmcs-pay-now"`) posting back to `viewinvoice.php?id=N`.
//!
//! The post charges the invoice's client's card exactly like CapturePayment does (see
//! `WhmcsState::charge`, without counting a capture attempt: it is not an API call) and
//! answers a page saying "Invoice #N is paid", or that the card was declined. An optional
//! `return` field (query or form; carried from the SSO destination's own `return` query
//! parameter) becomes the page's link back to the portal. There is no session check: see
//! `super::super::pages`.

use super::super::pages::{h, page, return_field, return_link, yen};
use super::super::state::{Charge, WhmcsState};
use axum::http::StatusCode;
use axum::response::Response;

/// The invoice page for `client_id`, or `None` when `id` is not one of that client's invoices
/// (then the SSO landing shows its stand-in page).
pub(in super::super) fn show(
    s: &WhmcsState,
    client_id: u64,
    id: u64,
    ret: Option<&str>,
    system_url: &str,
) -> Option<Response> {
    let inv = s
        .invoices
        .iter()
        .find(|i| i.id == id && i.userid == client_id)?;
    let email = s.client(client_id).map(|c| c.email.as_str()).unwrap_or("");
    let items: String = inv
        .items
        .iter()
        .map(|(d, a)| format!("<li>{} — {}</li>", h(d), yen(*a)))
        .collect();
    let pay = if inv.status == "Unpaid" {
        format!(
            r#"<form method="post" action="{}">{}<button type="submit" id="whmcs-pay-now">Pay now</button></form>"#,
            h(&format!("{system_url}viewinvoice.php?id={id}")),
            return_field(ret)
        )
    } else {
        String::new()
    };
    Some(page(
        StatusCode::OK,
        &format!("Invoice #{id}"),
        &format!(
            r#"<p>Signed in as {}</p><ul id="whmcs-invoice-items">{items}</ul><p>Total: <span id="whmcs-invoice-total">{}</span></p><p>Status: <span id="whmcs-invoice-status">{}</span></p>{pay}{}"#,
            h(email),
            yen(inv.total()),
            h(&inv.status),
            return_link(ret)
        ),
    ))
}

/// `POST viewinvoice.php?id=N`: charges the card and says how it went.
pub(in super::super) fn pay(s: &mut WhmcsState, id: Option<u64>, ret: Option<&str>) -> Response {
    let Some((id, status)) = id.and_then(|id| {
        s.invoices
            .iter()
            .find(|i| i.id == id)
            .map(|i| (id, i.status.clone()))
    }) else {
        return page(
            StatusCode::NOT_FOUND,
            "Invoice not found",
            &return_link(ret),
        );
    };
    let outcome = if status == "Paid" {
        Charge::Paid
    } else {
        s.charge(id)
    };
    match outcome {
        Charge::Paid => page(
            StatusCode::OK,
            &format!("Invoice #{id} is paid"),
            &format!(
                r#"<p id="whmcs-pay-result">Invoice #{id} is paid. Thank you.</p>{}"#,
                return_link(ret)
            ),
        ),
        Charge::Declined => page(
            StatusCode::OK,
            "Payment declined",
            &format!(
                r#"<p id="whmcs-pay-result">Your card was declined. Invoice #{id} is still unpaid.</p>{}"#,
                return_link(ret)
            ),
        ),
        Charge::NotUnpaid => page(
            StatusCode::CONFLICT,
            &format!("Invoice #{id} cannot be paid"),
            &format!(
                r#"<p id="whmcs-pay-result">Invoice #{id} is {}.</p>{}"#,
                h(&status),
                return_link(ret)
            ),
        ),
    }
}
