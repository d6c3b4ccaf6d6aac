//! ValidateLogin: `email` + `password2` (every simulated client's password is
//! [`crate::demo::DEMO_PASSWORD`]); answers the owner *user* id, not the client id.

use super::super::state::WhmcsState;
use super::super::{error, param, success, Params};
use crate::demo::DEMO_PASSWORD;
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(s: &WhmcsState, p: &Params) -> Response {
    let email = param(p, "email").unwrap_or("");
    let password_ok = param(p, "password2") == Some(DEMO_PASSWORD);
    match s
        .users()
        .into_iter()
        .find(|u| u.email.eq_ignore_ascii_case(email))
    {
        Some(u) if password_ok => success(json!({
            "userid": u.id.to_string(),
            "passwordhash": format!("{:040x}", u.id),
            "twoFactorEnabled": "false",
        })),
        _ => error("Email or Password Invalid"),
    }
}
