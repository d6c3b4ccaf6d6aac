//! CreateSsoToken: a single-use token for `client_id`, leading to `destination`
//! (`sso:custom_redirect` + `sso_redirect_path`, or a `clientarea:*` page); answers
//! `access_token` and `redirect_url` = `<system-url>oauth/singlesignon.php?access_token=…`.

use super::super::state::{SsoToken, WhmcsState};
use super::super::{error, id_param, param, success, Params};
use axum::response::Response;
use serde_json::json;
use std::time::Instant;

pub(in super::super) fn run(s: &mut WhmcsState, p: &Params, system_url: &str) -> Response {
    let Some(client_id) = id_param(p, "client_id").filter(|id| s.client(*id).is_some()) else {
        return error("Invalid client_id");
    };
    let redirect = match param(p, "destination").unwrap_or("clientarea:home") {
        "sso:custom_redirect" => param(p, "sso_redirect_path")
            .unwrap_or("clientarea.php")
            .trim_start_matches('/')
            .to_string(),
        "clientarea:home" => "clientarea.php".into(),
        "clientarea:services" => "clientarea.php?action=services".into(),
        "clientarea:invoices" => "clientarea.php?action=invoices".into(),
        "clientarea:profile" => "clientarea.php?action=details".into(),
        _ => return error("Invalid destination"),
    };
    let token = format!("{:040x}", rand::random::<u128>());
    s.sso.insert(
        token.clone(),
        SsoToken {
            client_id,
            redirect,
            issued: Instant::now(),
        },
    );
    success(json!({
        "access_token": token,
        "redirect_url": format!("{system_url}oauth/singlesignon.php?access_token={token}"),
    }))
}
