//! The OAuth 2.0 JWT bearer flow (contract A1): an RS256 assertion `{iss, sub, aud, exp}`
//! signed with the connected app's private key, exchanged at `{login}/services/oauth2/token`
//! for an access token and the org's `instance_url`. Salesforce returns no lifetime and no
//! refresh token: the token is kept until a call answers `INVALID_SESSION_ID`, then minted again.

use super::client::SalesforceError;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    sub: &'a str,
    aud: &'a str,
    exp: i64,
}

/// A minted access token and where the org's API lives.
#[derive(Clone, Debug)]
pub(super) struct Token {
    pub access_token: String,
    pub instance_url: String,
}

#[derive(Deserialize)]
struct Granted {
    access_token: String,
    instance_url: String,
}

#[derive(Deserialize)]
struct Refused {
    #[serde(default)]
    error: String,
    #[serde(default)]
    error_description: String,
}

/// The signed assertion, valid for three minutes.
pub(super) fn assertion(
    key: &EncodingKey,
    client_id: &str,
    username: &str,
    audience: &str,
    now: i64,
) -> Result<String, SalesforceError> {
    jsonwebtoken::encode(
        &Header::new(Algorithm::RS256),
        &Claims {
            iss: client_id,
            sub: username,
            aud: audience,
            exp: now + 180,
        },
        key,
    )
    .map_err(|e| SalesforceError::Auth(format!("cannot sign the JWT assertion: {e}")))
}

/// Exchanges `assertion` for a token.
pub(super) async fn mint(
    http: &reqwest::Client,
    token_url: url::Url,
    assertion: &str,
) -> Result<Token, SalesforceError> {
    let resp = http
        .post(token_url)
        .form(&[
            ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            ("assertion", assertion),
        ])
        .send()
        .await
        .map_err(SalesforceError::from_reqwest)?;
    let status = resp.status().as_u16();
    let text = resp.text().await.map_err(SalesforceError::from_reqwest)?;
    if status == 200 {
        let g: Granted = serde_json::from_str(&text)
            .map_err(|e| SalesforceError::Decode(format!("token: {e}")))?;
        return Ok(Token {
            access_token: g.access_token,
            instance_url: g.instance_url.trim_end_matches('/').to_string(),
        });
    }
    match serde_json::from_str::<Refused>(&text) {
        Ok(r) if (400..500).contains(&status) => Err(SalesforceError::Auth(format!(
            "{}: {}",
            r.error, r.error_description
        ))),
        _ if status >= 500 => Err(SalesforceError::Http { status }),
        _ => Err(SalesforceError::Decode(format!(
            "token: HTTP {status}: {:?}",
            text.chars().take(80).collect::<String>()
        ))),
    }
}
