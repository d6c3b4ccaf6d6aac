//! GetClientsDetails: by `clientid` or `email`; ints for ids, the owner user in `users.user`,
//! a flat `customfields` list (unlike GetClientsProducts), names HTML-escaped.

use super::super::state::WhmcsState;
use super::super::{error, esc, id_param, money, param, success, Params};
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(s: &WhmcsState, p: &Params) -> Response {
    let client = id_param(p, "clientid")
        .and_then(|id| s.client(id))
        .or_else(|| {
            param(p, "email")
                .and_then(|e| s.clients.iter().find(|c| c.email.eq_ignore_ascii_case(e)))
        });
    match client {
        None if param(p, "clientid").is_none() && param(p, "email").is_none() => {
            error("Either clientid Or email Is Required")
        }
        None => error("Client Not Found"),
        Some(c) => {
            let a = &c.address;
            let customfields: Vec<_> = c
                .customfields
                .iter()
                .map(|(id, v)| json!({"id": id, "value": esc(v)}))
                .collect();
            success(json!({"client": {
                "client_id": c.id, "id": c.id, "owner_user_id": c.owner_user_id(),
                "firstname": esc(&c.firstname), "lastname": esc(&c.lastname), "email": c.email,
                "companyname": esc(&a.companyname), "address1": esc(&a.address1),
                "address2": esc(&a.address2), "city": esc(&a.city), "state": esc(&a.state),
                "fullstate": esc(&a.state), "postcode": a.postcode, "country": a.country,
                "countrycode": a.country, "phonenumber": a.phonenumber,
                "status": "Active", "credit": money(c.credit), "currency_code": "JPY",
                "allowSingleSignOn": 1, "customfields": customfields,
                "users": {"user": [{"id": c.owner_user_id(), "is_owner": true}]},
            }}))
        }
    }
}
