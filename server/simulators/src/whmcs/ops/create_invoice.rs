//! CreateInvoice: `userid` plus `itemdescriptionN`/`itemamountN` lines and optional `notes`;
//! answers `invoiceid` as a string. A draft cannot be created and sent in one call. Ids
//! continue from a start derived from the run's start time (see `WhmcsState::id_base`), so
//! they are never reused by a restarted simulator.

use super::super::state::{Invoice, WhmcsState};
use super::super::{error, id_param, param, parse_money, success, today, Params};
use axum::response::Response;
use serde_json::json;

/// How many numbered item lines are read.
const MAX_ITEMS: usize = 50;

pub(in super::super) fn run(s: &mut WhmcsState, p: &Params) -> Response {
    let Some(userid) = id_param(p, "userid").filter(|id| s.client(*id).is_some()) else {
        return error("Client ID Not Found");
    };
    if param(p, "draft") == Some("1") && param(p, "sendinvoice") == Some("1") {
        return error(
            "Cannot create and send a draft invoice in a single API request. Please create and send separately.",
        );
    }
    let mut items = Vec::new();
    for n in 1..=MAX_ITEMS {
        let (Some(d), Some(a)) = (
            param(p, &format!("itemdescription{n}")),
            param(p, &format!("itemamount{n}")),
        ) else {
            continue;
        };
        let Some(amount) = parse_money(a) else {
            return error("Invalid item amount");
        };
        items.push((d.to_string(), amount));
    }
    let id = s.next_invoice;
    s.next_invoice += 1;
    let status = param(p, "status").unwrap_or("Unpaid").to_string();
    s.invoices.push(Invoice {
        id,
        userid,
        status: status.clone(),
        date: today(),
        due: today(),
        items,
        datepaid: None,
        last_capture: None,
        paymentmethod: param(p, "paymentmethod").unwrap_or("stripe").to_string(),
        transactions: Vec::new(),
        notes: param(p, "notes").unwrap_or_default().to_string(),
        capture_attempts: 0,
        seeded: false,
    });
    success(json!({"invoiceid": id.to_string(), "status": status}))
}
