//! `POST /services/oauth2/token` (contract A1): the JWT bearer grant — claims checked, and the
//! RS256 signature verified against the demo connected app's certificate — and the password
//! grant. Every issued token is live until [`SalesforceSim::expire_tokens`].

use super::{SalesforceSim, CLIENT_ID, CLIENT_SECRET, PASSWORD, USERNAME};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use base64::Engine;
use serde_json::{json, Value};
use std::collections::HashMap;

/// The certificate uploaded to the simulated connected app (its private key is the demo key
/// the portal signs with in demo mode; see `demo_keys/README.md`).
const CERTIFICATE: &str = include_str!("../demo_keys/public.pem");

pub(super) fn grant_error(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

/// Whether `assertion` (`header.claims.signature`) is RS256-signed by the connected app's key.
fn signed_by_app(assertion: &str) -> bool {
    let Some((message, signature)) = assertion.rsplit_once('.') else {
        return false;
    };
    let header = message
        .split('.')
        .next()
        .and_then(|h| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(h)
                .ok()
        })
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok());
    if header.is_none_or(|h| h["alg"] != "RS256") {
        return false;
    }
    let Ok(key) = jsonwebtoken::DecodingKey::from_rsa_pem(CERTIFICATE.as_bytes()) else {
        return false;
    };
    jsonwebtoken::crypto::verify(
        signature,
        message.as_bytes(),
        &key,
        jsonwebtoken::Algorithm::RS256,
    )
    .unwrap_or(false)
}

/// The refusal of a JWT that is not signed with the connected app's key, or whose `iss`,
/// `sub`, `aud` or `exp` is not what the org expects.
fn jwt_refusal(assertion: &str, now: i64) -> Option<Response> {
    let Some(claims) = assertion
        .split('.')
        .nth(1)
        .and_then(|p| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(p)
                .ok()
        })
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
    else {
        return Some(grant_error("invalid_grant", "invalid assertion"));
    };
    if !signed_by_app(assertion) {
        return Some(grant_error("invalid_grant", "invalid signature"));
    }
    if claims["iss"] != CLIENT_ID {
        return Some(grant_error(
            "invalid_client_id",
            "client identifier invalid",
        ));
    }
    if !matches!(
        claims["aud"].as_str(),
        Some("https://login.salesforce.com" | "https://test.salesforce.com")
    ) {
        return Some(grant_error("invalid_grant", "audience is invalid"));
    }
    if claims["sub"] != USERNAME {
        return Some(grant_error(
            "invalid_grant",
            "user hasn't approved this consumer",
        ));
    }
    match claims["exp"].as_i64() {
        Some(exp) if exp > now => None,
        _ => Some(grant_error("invalid_grant", "expired authorization code")),
    }
}

pub(super) async fn token(
    State(sim): State<SalesforceSim>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |k: &str| form.get(k).map(String::as_str);
    let refused = match field("grant_type") {
        Some("urn:ietf:params:oauth:grant-type:jwt-bearer") => jwt_refusal(
            field("assertion").unwrap_or_default(),
            chrono::Utc::now().timestamp(),
        ),
        Some("password") => {
            if field("client_id") != Some(CLIENT_ID)
                || field("client_secret") != Some(CLIENT_SECRET)
            {
                Some(grant_error(
                    "invalid_client_id",
                    "client identifier invalid",
                ))
            } else if field("username") != Some(USERNAME) || field("password") != Some(PASSWORD) {
                Some(grant_error("invalid_grant", "authentication failure"))
            } else {
                None
            }
        }
        _ => Some(grant_error(
            "unsupported_grant_type",
            "grant type not supported",
        )),
    };
    if let Some(r) = refused {
        return r;
    }
    let mut s = sim.lock();
    s.issued += 1;
    let token = format!(
        "00DSIM000000001!AR{:016x}{:08x}",
        rand::random::<u64>(),
        s.issued
    );
    s.tokens.insert(token.clone());
    Json(json!({
        "access_token": token,
        "scope": "id full",
        "instance_url": s.instance_url,
        "id": "https://login.salesforce.com/id/00DSIM000000001AAA/005SIM000000001AAA",
        "token_type": "Bearer",
    }))
    .into_response()
}
