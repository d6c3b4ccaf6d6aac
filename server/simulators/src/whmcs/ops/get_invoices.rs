//! GetInvoices: filtered by `userid` and `status` (case-insensitive), `order` asc/desc, paged
//! like GetClientsProducts but with int counters, `last_capture_attempt` with underscores,
//! `notes` HTML-escaped, `invoices` `""` when empty.

use super::super::state::{Invoice, WhmcsState};
use super::super::{esc, id_param, money, param, success, Params, NO_DATETIME};
use axum::response::Response;
use serde_json::{json, Value};

pub(in super::super) fn run(s: &WhmcsState, p: &Params) -> Response {
    let mut list: Vec<&Invoice> = s
        .invoices
        .iter()
        .filter(|i| id_param(p, "userid").is_none_or(|u| i.userid == u))
        .filter(|i| param(p, "status").is_none_or(|st| i.status.eq_ignore_ascii_case(st)))
        .collect();
    if param(p, "order").is_some_and(|o| o.eq_ignore_ascii_case("desc")) {
        list.reverse();
    }
    let start = id_param(p, "limitstart").unwrap_or(0) as usize;
    let num = id_param(p, "limitnum").unwrap_or(25) as usize;
    let page: Vec<Value> = list
        .iter()
        .skip(start)
        .take(num)
        .map(|i| {
            json!({"id": i.id, "userid": i.userid, "status": i.status, "total": money(i.total()),
                   "date": i.date, "duedate": i.due,
                   "datepaid": i.datepaid.as_deref().unwrap_or(NO_DATETIME),
                   "last_capture_attempt": i.last_capture.as_deref().unwrap_or(NO_DATETIME),
                   "notes": esc(&i.notes),
                   "currencycode": "JPY", "currencyprefix": "¥", "currencysuffix": ""})
        })
        .collect();
    let invoices = if page.is_empty() {
        json!("")
    } else {
        json!({ "invoice": page })
    };
    success(json!({
        "totalresults": list.len(), "startnumber": start, "numreturned": page.len(),
        "invoices": invoices,
    }))
}
