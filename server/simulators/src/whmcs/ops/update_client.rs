//! UpdateClient (contract B2): by `clientid` or `clientemail`; only the fields sent change
//! (an empty value clears an optional one), each checked like AddClient; another client's
//! email is "Duplicate Email Address".

use super::super::php;
use super::super::state::WhmcsState;
use super::super::{error, id_param, param, success, Params};
use super::add_client::{valid_country, valid_email, valid_phone};
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(s: &mut WhmcsState, p: &Params) -> Response {
    let idx = match (id_param(p, "clientid"), param(p, "clientemail")) {
        (Some(id), _) => s.clients.iter().position(|c| c.id == id),
        (None, Some(e)) => s
            .clients
            .iter()
            .position(|c| c.email.eq_ignore_ascii_case(e.trim())),
        (None, None) => None,
    };
    let Some(idx) = idx else {
        return error("Client ID Not Found");
    };
    let field = |k: &str| param(p, k).map(str::trim);
    if let Some(e) = field("email") {
        if !valid_email(e) {
            return error("The email address you entered was not valid");
        }
        let id = s.clients[idx].id;
        if s.users()
            .iter()
            .any(|u| u.email.eq_ignore_ascii_case(e) && !u.clients.iter().any(|(c, _)| *c == id))
        {
            return error("Duplicate Email Address");
        }
    }
    if field("country").is_some_and(|c| !valid_country(c)) {
        return error("Valid country required");
    }
    if field("phonenumber").is_some_and(|n| !valid_phone(n)) {
        return error("Invalid telephone phone number");
    }
    for (k, what) in [
        ("firstname", "first name"),
        ("lastname", "last name"),
        ("address1", "address (line 1)"),
        ("city", "city"),
        ("state", "state"),
        ("postcode", "postcode"),
    ] {
        if field(k) == Some("") {
            return error(&format!("You did not enter your {what}"));
        }
    }
    let customfields = match param(p, "customfields").map(php::custom_fields) {
        Some(None) => return error("Invalid custom fields format"),
        Some(Some(f)) => f,
        None => Default::default(),
    };
    let c = &mut s.clients[idx];
    let set = |target: &mut String, k: &str| {
        if let Some(v) = field(k) {
            *target = v.to_string();
        }
    };
    set(&mut c.email, "email");
    set(&mut c.firstname, "firstname");
    set(&mut c.lastname, "lastname");
    let a = &mut c.address;
    set(&mut a.companyname, "companyname");
    set(&mut a.address1, "address1");
    set(&mut a.address2, "address2");
    set(&mut a.city, "city");
    set(&mut a.state, "state");
    set(&mut a.postcode, "postcode");
    set(&mut a.country, "country");
    set(&mut a.phonenumber, "phonenumber");
    c.customfields.extend(customfields);
    success(json!({ "clientid": c.id.to_string() }))
}
