//! CapturePayment: charges an Unpaid invoice's stored card, as the client's [`Card`] scenario
//! says. A card that pays makes the invoice Paid with a transaction; a declining or missing
//! card answers "Payment Attempt Failed" (HTTP 200) and leaves it Unpaid with
//! `lastcaptureattempt` updated. Every request naming an existing invoice counts as a capture
//! attempt on it, refused ones included, so tests can tell "never tried" from "tried twice".
//!
//! [`Card`]: super::super::state::Card

use super::super::state::{Charge, WhmcsState};
use super::super::{error, id_param, success, Params};
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(s: &mut WhmcsState, p: &Params) -> Response {
    let Some(id) = id_param(p, "invoiceid") else {
        return error("Invoice Not Found or Not Unpaid");
    };
    if let Some(inv) = s.invoices.iter_mut().find(|i| i.id == id) {
        inv.capture_attempts += 1;
    }
    match s.charge(id) {
        Charge::Paid => success(json!({})),
        Charge::Declined => error("Payment Attempt Failed"),
        Charge::NotUnpaid => error("Invoice Not Found or Not Unpaid"),
    }
}
