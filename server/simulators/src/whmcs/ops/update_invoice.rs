//! UpdateInvoice: only `status` (any of the standard statuses, any case, stored in the
//! canonical spelling) and `notes` are modelled; answers `invoiceid` as a string.

use super::super::state::WhmcsState;
use super::super::{error, id_param, param, success, Params};
use axum::response::Response;
use serde_json::json;

const STATUSES: [&str; 7] = [
    "Draft",
    "Unpaid",
    "Paid",
    "Cancelled",
    "Refunded",
    "Collections",
    "Payment Pending",
];

pub(in super::super) fn run(s: &mut WhmcsState, p: &Params) -> Response {
    let Some(inv) =
        id_param(p, "invoiceid").and_then(|id| s.invoices.iter_mut().find(|i| i.id == id))
    else {
        return error("Invoice ID Not Found");
    };
    if let Some(st) = param(p, "status") {
        let Some(canonical) = STATUSES.iter().find(|v| v.eq_ignore_ascii_case(st)) else {
            return error(&format!("Invalid status {st}"));
        };
        inv.status = (*canonical).to_string();
    }
    if let Some(notes) = param(p, "notes") {
        inv.notes = notes.to_string();
    }
    success(json!({"invoiceid": inv.id.to_string()}))
}
