//! GetCredits ("Obtain the Credit Log for a Client Account"): `clientid` in; `totalresults`
//! (int), `clientid` (string) and the AddCredit entries as `credits.credit[]` with int `id`
//! and `relid`, the amount as a string and the description HTML-escaped; `credits` is `""`
//! when the log is empty, like every other WHMCS list.
//!
//! This action is not in `../shared/contracts/whmcs.md`; its shape follows the WHMCS API
//! reference (getcredits) and the conventions that contract records for the other lists.

use super::super::state::WhmcsState;
use super::super::{error, esc, id_param, money, success, Params};
use axum::response::Response;
use serde_json::{json, Value};

pub(in super::super) fn run(s: &WhmcsState, p: &Params) -> Response {
    let Some(c) = id_param(p, "clientid").and_then(|id| s.client(id)) else {
        return error("Client ID Not Found");
    };
    let entries: Vec<Value> = s
        .credit_log
        .iter()
        .filter(|e| e.clientid == c.id)
        .map(|e| {
            json!({"id": e.id, "date": e.date, "description": esc(&e.description),
                   "amount": money(e.amount), "relid": 0})
        })
        .collect();
    let total = entries.len();
    let credits = if entries.is_empty() {
        json!("")
    } else {
        json!({ "credit": entries })
    };
    success(json!({"totalresults": total, "clientid": c.id.to_string(), "credits": credits}))
}
