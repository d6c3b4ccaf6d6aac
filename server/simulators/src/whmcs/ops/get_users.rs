//! GetUsers (WHMCS 8): `search` matches the start of the email, first name, last name or
//! full name, without case; paged with `limitstart`/`limitnum` (default 25). Each user lists
//! the clients it belongs to as `clients: [{id, isOwner}]`; `users` is a plain array.

use super::super::state::WhmcsState;
use super::super::{param, success, Params};
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(s: &WhmcsState, p: &Params) -> Response {
    let search = param(p, "search").unwrap_or("").trim().to_lowercase();
    let start: usize = param(p, "limitstart")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let num: usize = param(p, "limitnum")
        .and_then(|v| v.parse().ok())
        .unwrap_or(25);
    let matching: Vec<_> = s
        .users()
        .into_iter()
        .filter(|u| {
            let names = s
                .clients
                .iter()
                .find(|c| u.clients.first().is_some_and(|(id, _)| *id == c.id))
                .map(|c| (c.firstname.to_lowercase(), c.lastname.to_lowercase()))
                .unwrap_or_default();
            search.is_empty()
                || u.email.to_lowercase().starts_with(&search)
                || names.0.starts_with(&search)
                || names.1.starts_with(&search)
                || format!("{} {}", names.0, names.1).starts_with(&search)
        })
        .collect();
    let page: Vec<_> = matching
        .iter()
        .skip(start)
        .take(num)
        .map(|u| {
            json!({
                "id": u.id,
                "firstname": "",
                "lastname": "",
                "email": u.email,
                "datecreated": "2024-04-01 10:00:00",
                "validationdata": "",
                "clients": u.clients.iter()
                    .map(|(id, owner)| json!({"id": id, "isOwner": owner}))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    success(json!({
        "totalresults": matching.len(),
        "startnumber": start,
        "numreturned": page.len(),
        "users": page,
    }))
}
