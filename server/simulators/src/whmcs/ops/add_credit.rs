//! AddCredit: adds (or with `type=remove` removes) credit; answers `newbalance` as a string.
//! Each call is recorded in the client's credit log (GetCredits) with its `date` (default
//! today), `description` and the amount as given, also for removals.

use super::super::state::{CreditEntry, WhmcsState};
use super::super::{error, id_param, money, param, parse_money, success, today, Params};
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(s: &mut WhmcsState, p: &Params) -> Response {
    let Some(amount) = param(p, "amount") else {
        return error("No Amount Provided");
    };
    let Some(cents) = parse_money(amount).filter(|c| *c > 0) else {
        return error("Amount must be in decimal format: ### or ###.##");
    };
    let remove = match param(p, "type").unwrap_or("add") {
        "add" => false,
        "remove" => true,
        _ => return error("Type can only be add or remove"),
    };
    let Some(c) = id_param(p, "clientid").and_then(|id| s.clients.iter_mut().find(|c| c.id == id))
    else {
        return error("Client ID Not Found");
    };
    c.credit += if remove { -cents } else { cents };
    let (clientid, balance) = (c.id, c.credit);
    let id = s.credit_log.len() as u64 + 1;
    s.credit_log.push(CreditEntry {
        id,
        clientid,
        date: param(p, "date").map_or_else(today, str::to_string),
        description: param(p, "description").unwrap_or_default().to_string(),
        amount: cents,
    });
    success(json!({"newbalance": money(balance)}))
}
