//! GetClients: `search` matches the email, names and company (contained, any case);
//! paged with `limitstart`/`limitnum` (25); `clients.client[]`, or `""` when none match.

use super::super::state::WhmcsState;
use super::super::{param, success, Params};
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(s: &WhmcsState, p: &Params) -> Response {
    let search = param(p, "search").unwrap_or_default().trim().to_lowercase();
    let start: usize = param(p, "limitstart")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let num: usize = param(p, "limitnum")
        .and_then(|v| v.parse().ok())
        .unwrap_or(25);
    let matching: Vec<_> = s
        .clients
        .iter()
        .filter(|c| {
            search.is_empty()
                || [&c.email, &c.firstname, &c.lastname, &c.address.companyname]
                    .iter()
                    .any(|f| f.to_lowercase().contains(&search))
        })
        .collect();
    let page: Vec<_> = matching
        .iter()
        .skip(start)
        .take(num)
        .map(|c| {
            json!({"id": c.id, "firstname": c.firstname, "lastname": c.lastname,
                "companyname": c.address.companyname, "email": c.email,
                "datecreated": c.datecreated, "groupid": 0, "status": "Active"})
        })
        .collect();
    let clients = if page.is_empty() {
        json!("")
    } else {
        json!({ "client": page })
    };
    success(json!({
        "totalresults": matching.len(), "startnumber": start, "numreturned": page.len(),
        "clients": clients,
    }))
}
