//! One `reqwest::Client` for the Salesforce REST API. Every call carries the cached access
//! token; a 401 `INVALID_SESSION_ID` mints a new token and repeats the call once (not when
//! the session is unusable for REST at all — that would loop, contract A1). Errors are read
//! from Salesforce's array `[{message, errorCode, fields}]`. Reads (queries, record reads)
//! are retried on transient failures; writes are sent once, because a create that timed out
//! may have happened (the caller looks before it creates again).

use super::records::AccountFields;
use super::token::{self, Token};
use crate::upstream::{call_with_policy, CallKind};
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

/// The message of an `INVALID_SESSION_ID` that a new token does not cure.
const NOT_FOR_REST: &str = "This session is not valid for use with the REST API";

#[derive(Clone)]
pub struct SalesforceConfig {
    /// Where tokens are minted: `https://login.salesforce.com/`, `https://test.salesforce.com/`
    /// or the org's My Domain.
    pub login_url: url::Url,
    /// The JWT `aud`: `https://login.salesforce.com` or `https://test.salesforce.com`, even
    /// when tokens are minted at My Domain.
    pub audience: String,
    /// The connected app's consumer key (JWT `iss`).
    pub client_id: String,
    /// The integration user (JWT `sub`).
    pub username: String,
    /// The connected app's RSA private key, PEM (PKCS#1 or PKCS#8).
    pub private_key_pem: SecretString,
    /// `v62.0` (the `.0` is required).
    pub api_version: String,
    pub fields: AccountFields,
    pub timeout: Duration,
    pub read_retries: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum SalesforceError {
    #[error("Salesforce did not answer in time")]
    Timeout,
    #[error("Salesforce could not be reached: {0}")]
    Transport(String),
    #[error("Salesforce refused the integration's credentials: {0}")]
    Auth(String),
    #[error("Salesforce answered HTTP {status}")]
    Http { status: u16 },
    #[error("Salesforce sent a body that is not the expected JSON: {0}")]
    Decode(String),
    #[error("Salesforce {what} failed: {code}: {message}")]
    Api {
        what: String,
        status: u16,
        code: String,
        message: String,
        fields: Vec<String>,
    },
}

impl SalesforceError {
    pub fn is_transient(&self) -> bool {
        match self {
            SalesforceError::Timeout
            | SalesforceError::Transport(_)
            | SalesforceError::Decode(_) => true,
            SalesforceError::Http { status } => *status >= 500,
            SalesforceError::Api { status, code, .. } => {
                *status >= 500 || code == "SERVER_UNAVAILABLE"
            }
            SalesforceError::Auth(_) => false,
        }
    }

    /// Salesforce's `errorCode` (e.g. `NOT_FOUND`, `REQUEST_LIMIT_EXCEEDED`).
    pub fn code(&self) -> Option<&str> {
        match self {
            SalesforceError::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    pub(super) fn from_reqwest(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            SalesforceError::Timeout
        } else {
            SalesforceError::Transport(e.to_string())
        }
    }
}

#[derive(Deserialize)]
struct ApiError {
    #[serde(default)]
    message: String,
    #[serde(default, rename = "errorCode")]
    error_code: String,
    #[serde(default)]
    fields: Vec<String>,
}

/// The error of a non-2xx answer, from Salesforce's error array when there is one.
fn api_error(what: &str, status: u16, body: &str) -> SalesforceError {
    match serde_json::from_str::<Vec<ApiError>>(body) {
        Ok(errors) if !errors.is_empty() => {
            let first = &errors[0];
            SalesforceError::Api {
                what: what.to_string(),
                status,
                code: first.error_code.clone(),
                message: errors
                    .iter()
                    .map(|e| e.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                fields: first.fields.clone(),
            }
        }
        _ => SalesforceError::Http { status },
    }
}

#[derive(Deserialize)]
struct QueryPage<T> {
    #[serde(default = "Vec::new")]
    records: Vec<T>,
    #[serde(default)]
    done: bool,
    #[serde(default, rename = "nextRecordsUrl")]
    next_records_url: Option<String>,
}

#[derive(Deserialize)]
struct Created {
    id: String,
    #[serde(default)]
    success: bool,
}

#[derive(Clone)]
pub struct SalesforceClient {
    http: reqwest::Client,
    config: Arc<SalesforceConfig>,
    key: Arc<jsonwebtoken::EncodingKey>,
    token: Arc<tokio::sync::Mutex<Option<Token>>>,
}

impl SalesforceClient {
    pub fn new(config: SalesforceConfig) -> Result<Self, SalesforceError> {
        let key = jsonwebtoken::EncodingKey::from_rsa_pem(
            config.private_key_pem.expose_secret().as_bytes(),
        )
        .map_err(|e| SalesforceError::Auth(format!("the private key is not an RSA PEM: {e}")))?;
        config.fields.check().map_err(SalesforceError::Auth)?;
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(5)))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| SalesforceError::Transport(e.to_string()))?;
        Ok(SalesforceClient {
            http,
            config: Arc::new(config),
            key: Arc::new(key),
            token: Arc::default(),
        })
    }

    pub fn fields(&self) -> &AccountFields {
        &self.config.fields
    }

    /// The cached token, or a new one.
    async fn token(&self) -> Result<Token, SalesforceError> {
        let mut held = self.token.lock().await;
        if let Some(t) = held.as_ref() {
            return Ok(t.clone());
        }
        let url = self
            .config
            .login_url
            .join("services/oauth2/token")
            .map_err(|e| SalesforceError::Transport(e.to_string()))?;
        let assertion = token::assertion(
            &self.key,
            &self.config.client_id,
            &self.config.username,
            &self.config.audience,
            chrono::Utc::now().timestamp(),
        )?;
        let started = std::time::Instant::now();
        let minted = token::mint(&self.http, url, &assertion).await;
        crate::telemetry::upstream_call("salesforce", "token", minted.is_ok(), started);
        let t = minted?;
        tracing::info!("minted a Salesforce access token");
        *held = Some(t.clone());
        Ok(t)
    }

    /// Forgets `stale` (unless another call already replaced it).
    async fn forget(&self, stale: &Token) {
        let mut held = self.token.lock().await;
        if held
            .as_ref()
            .is_some_and(|t| t.access_token == stale.access_token)
        {
            *held = None;
        }
    }

    /// Sends one request to `path` (below `/services/data/vNN.0/`, or a full
    /// `/services/data/…` path such as a `nextRecordsUrl`); status and body of a 2xx answer.
    async fn send(
        &self,
        what: &str,
        method: Method,
        path: &str,
        query: Option<&[(&str, &str)]>,
        body: Option<&Value>,
    ) -> Result<(u16, String), SalesforceError> {
        let mut renewed = false;
        loop {
            let token = self.token().await?;
            let url = if path.starts_with("/services/") {
                format!("{}{path}", token.instance_url)
            } else {
                format!(
                    "{}/services/data/{}/{path}",
                    token.instance_url, self.config.api_version
                )
            };
            let mut req = self
                .http
                .request(method.clone(), &url)
                .bearer_auth(&token.access_token);
            if let Some(q) = query {
                req = req.query(q);
            }
            if let Some(b) = body {
                req = req.json(b);
            }
            if let Some(id) = crate::routes::request_id::current() {
                req = req.header(crate::routes::request_id::HEADER, id);
            }
            let resp = req.send().await.map_err(SalesforceError::from_reqwest)?;
            let status = resp.status().as_u16();
            if let Some(limits) = resp
                .headers()
                .get("sforce-limit-info")
                .and_then(|v| v.to_str().ok())
            {
                tracing::debug!(limits, "Salesforce API usage");
            }
            let text = resp.text().await.map_err(SalesforceError::from_reqwest)?;
            if (200..300).contains(&status) {
                return Ok((status, text));
            }
            let err = api_error(what, status, &text);
            let expired = matches!(&err, SalesforceError::Api { code, message, .. }
                if code == "INVALID_SESSION_ID" && !message.contains(NOT_FOR_REST));
            if expired && !renewed {
                tracing::info!(what, "Salesforce session expired; minting a new token");
                self.forget(&token).await;
                renewed = true;
                continue;
            }
            if status == 401 {
                return Err(SalesforceError::Auth(err.to_string()));
            }
            return Err(err);
        }
    }

    fn decode<T: DeserializeOwned>(what: &str, body: &str) -> Result<T, SalesforceError> {
        serde_json::from_str(body).map_err(|e| {
            let start: String = body.chars().take(60).collect();
            SalesforceError::Decode(format!("{what}: {e} ({start:?})"))
        })
    }

    /// Every record the SOQL query matches, following `nextRecordsUrl` to the last batch.
    /// Build the query with [`super::soql::literal`] for every value.
    pub async fn query<T: DeserializeOwned>(&self, soql: &str) -> Result<Vec<T>, SalesforceError> {
        let mut all = Vec::new();
        let mut next: Option<String> = None;
        loop {
            let (_, body) = call_with_policy(
                "salesforce",
                CallKind::Read,
                self.config.read_retries,
                "query",
                || async {
                    match &next {
                        None => {
                            self.send("query", Method::GET, "query", Some(&[("q", soql)]), None)
                                .await
                        }
                        Some(url) => self.send("query", Method::GET, url, None, None).await,
                    }
                },
                SalesforceError::is_transient,
            )
            .await?;
            let page: QueryPage<T> = Self::decode("query", &body)?;
            all.extend(page.records);
            match page.next_records_url {
                Some(url) if !page.done => next = Some(url),
                _ => return Ok(all),
            }
        }
    }

    /// Creates a record; its id.
    pub async fn create(&self, object: &str, fields: &Value) -> Result<String, SalesforceError> {
        let what = format!("create {object}");
        let path = format!("sobjects/{object}");
        let (_, body) = call_with_policy(
            "salesforce",
            CallKind::Write,
            0,
            &what,
            || self.send(&what, Method::POST, &path, None, Some(fields)),
            SalesforceError::is_transient,
        )
        .await?;
        let created: Created = Self::decode(&what, &body)?;
        if !created.success {
            return Err(SalesforceError::Decode(format!("{what}: success false")));
        }
        Ok(created.id)
    }

    /// Reads a record; `None` when Salesforce says `NOT_FOUND`.
    pub async fn get<T: DeserializeOwned>(
        &self,
        object: &str,
        id: &str,
    ) -> Result<Option<T>, SalesforceError> {
        let what = format!("read {object}");
        let path = format!("sobjects/{object}/{}", urlencode_id(id));
        let result = call_with_policy(
            "salesforce",
            CallKind::Read,
            self.config.read_retries,
            &what,
            || self.send(&what, Method::GET, &path, None, None),
            SalesforceError::is_transient,
        )
        .await;
        match result {
            Ok((_, body)) => Ok(Some(Self::decode(&what, &body)?)),
            Err(e) if e.code() == Some("NOT_FOUND") => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Sets fields of a record (PATCH: setting the same values again is harmless, so it is
    /// retried like a read).
    pub async fn update(
        &self,
        object: &str,
        id: &str,
        fields: &Value,
    ) -> Result<(), SalesforceError> {
        let what = format!("update {object}");
        let path = format!("sobjects/{object}/{}", urlencode_id(id));
        call_with_policy(
            "salesforce",
            CallKind::Read,
            self.config.read_retries,
            &what,
            || self.send(&what, Method::PATCH, &path, None, Some(fields)),
            SalesforceError::is_transient,
        )
        .await?;
        Ok(())
    }

    pub(super) fn api_version(&self) -> &str {
        &self.config.api_version
    }

    /// One write sent once (a composite call): a lost answer may have been applied.
    pub(super) async fn send_once(
        &self,
        what: &str,
        method: Method,
        path: &str,
        body: &Value,
    ) -> Result<(u16, String), SalesforceError> {
        call_with_policy(
            "salesforce",
            CallKind::Write,
            0,
            what,
            || self.send(what, method.clone(), path, None, Some(body)),
            SalesforceError::is_transient,
        )
        .await
    }

    /// POSTs Bayeux `messages` to the org's CometD endpoint (`/cometd/NN.0`) with the
    /// session token, held up to `hold` (a long-polling connect); the answered messages. A
    /// handshake refused for authentication forgets the token, so the next one is fresh.
    pub(super) async fn cometd(
        &self,
        messages: &Value,
        hold: Duration,
    ) -> Result<Vec<Value>, SalesforceError> {
        let token = self.token().await?;
        let version = self.config.api_version.trim_start_matches('v');
        let resp = self
            .http
            .post(format!("{}/cometd/{version}", token.instance_url))
            .header("Authorization", format!("OAuth {}", token.access_token))
            .timeout(hold + self.config.timeout)
            .json(messages)
            .send()
            .await
            .map_err(SalesforceError::from_reqwest)?;
        let status = resp.status().as_u16();
        let text = resp.text().await.map_err(SalesforceError::from_reqwest)?;
        if !(200..300).contains(&status) {
            if status == 401 || status == 403 {
                self.forget(&token).await;
            }
            return Err(api_error("cometd", status, &text));
        }
        let answers: Vec<Value> = Self::decode("cometd", &text)?;
        let denied = answers.iter().any(|m| {
            m["successful"] == false
                && m["error"]
                    .as_str()
                    .is_some_and(|e| e.starts_with("403::Handshake denied"))
        });
        if denied {
            self.forget(&token).await;
            return Err(SalesforceError::Auth("CometD handshake denied".into()));
        }
        Ok(answers)
    }

    /// A cheap authenticated call, for health checks.
    pub async fn ping(&self) -> Result<(), SalesforceError> {
        let _: Vec<Value> = self.query("SELECT Id FROM Account LIMIT 1").await?;
        Ok(())
    }
}

/// Record ids are 15/18 alphanumerics; anything else would change the path, so it is refused
/// by Salesforce as `NOT_FOUND` rather than sent through.
fn urlencode_id(id: &str) -> &str {
    if !id.is_empty() && id.len() <= 18 && id.chars().all(|c| c.is_ascii_alphanumeric()) {
        id
    } else {
        "000000000000000AAA"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_come_from_the_array() {
        let e = api_error(
            "create Account",
            400,
            r#"[{"message":"Required fields are missing: [Name]","errorCode":"REQUIRED_FIELD_MISSING","fields":["Name"]}]"#,
        );
        assert!(
            matches!(&e, SalesforceError::Api { code, fields, status: 400, .. }
            if code == "REQUIRED_FIELD_MISSING" && fields == &["Name"])
        );
        assert!(!e.is_transient());
        let e = api_error("query", 503, "<html>down</html>");
        assert!(matches!(e, SalesforceError::Http { status: 503 }));
        assert!(e.is_transient());
        let e = api_error(
            "query",
            403,
            r#"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#,
        );
        assert!(!e.is_transient(), "back off, do not hammer");
    }

    #[test]
    fn ids_cannot_change_the_path() {
        assert_eq!(urlencode_id("001000000000001AAA"), "001000000000001AAA");
        assert_eq!(urlencode_id("../query"), "000000000000000AAA");
    }
}
