//! AddClient (contract B1): the required contact fields, each missing one refused with WHMCS's
//! own sentence; a valid email, ISO-2 country and phone number; a password for the new owner
//! user; the customer-number custom field required (the simulated install marks it so); an
//! email no user has yet. Answers `clientid` as a string.

use super::super::php;
use super::super::state::{Address, Client, WhmcsState};
use super::super::{error, param, success, today, Params};
use crate::demo::CUSTOMER_NUMBER_FIELD_ID;
use axum::response::Response;
use serde_json::json;

/// Required fields and the error WHMCS gives when one is missing.
const REQUIRED: [(&str, &str); 8] = [
    ("firstname", "You did not enter your first name"),
    ("lastname", "You did not enter your last name"),
    ("email", "You did not enter your email address"),
    ("address1", "You did not enter your address (line 1)"),
    ("city", "You did not enter your city"),
    ("state", "You did not enter your state"),
    ("postcode", "You did not enter your postcode"),
    ("phonenumber", "You did not enter your phone number"),
];

pub(crate) fn valid_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
}

pub(crate) fn valid_phone(p: &str) -> bool {
    let digits = p.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && p.chars()
            .all(|c| c.is_ascii_digit() || " +-.()".contains(c))
}

pub(crate) fn valid_country(c: &str) -> bool {
    c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase())
}

pub(in super::super) fn run(s: &mut WhmcsState, p: &Params) -> Response {
    let field = |k: &str| param(p, k).map(str::trim).unwrap_or_default();
    if let Some((_, message)) = REQUIRED.iter().find(|(k, _)| field(k).is_empty()) {
        return error(message);
    }
    if !valid_email(field("email")) {
        return error("The email address you entered was not valid");
    }
    if !valid_country(field("country")) {
        return error("Valid country required");
    }
    if !valid_phone(field("phonenumber")) {
        return error("Invalid telephone phone number");
    }
    if field("password2").is_empty() && param(p, "owner_user_id").is_none() {
        return error("You did not enter a password");
    }
    let customfields = match param(p, "customfields") {
        None => Default::default(),
        Some(enc) => match php::custom_fields(enc) {
            Some(f) => f,
            None => return error("Invalid custom fields format"),
        },
    };
    if customfields
        .get(&CUSTOMER_NUMBER_FIELD_ID)
        .is_none_or(|v| v.trim().is_empty())
    {
        return error("You did not provide required custom field value for Customer Number");
    }
    let email = field("email");
    if s.users()
        .iter()
        .any(|u| u.email.eq_ignore_ascii_case(email))
    {
        return error("A user already exists with that email address");
    }
    let id = s.next_client_id();
    s.clients.push(Client {
        id,
        email: email.to_string(),
        firstname: field("firstname").into(),
        lastname: field("lastname").into(),
        address: Address {
            companyname: field("companyname").into(),
            address1: field("address1").into(),
            address2: field("address2").into(),
            city: field("city").into(),
            state: field("state").into(),
            postcode: field("postcode").into(),
            country: field("country").into(),
            phonenumber: field("phonenumber").into(),
        },
        customfields,
        // A newcomer has no stored card until they add one in the client area.
        card: crate::whmcs::Card::Missing,
        datecreated: today(),
        credit: 0,
    });
    success(json!({ "clientid": id.to_string() }))
}
