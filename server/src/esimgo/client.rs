//! The typed eSIM Go client (API v2.5, contract `esimgo.md`): every call carries `X-API-Key`;
//! reads are retried on transient failures; a 429 is waited out (its `Retry-After`, at most a
//! few times) for reads and writes alike, since a refused request did nothing; requests are
//! paced to the documented 10 a second and orders kept ≥ 3 s apart (per instance). Units,
//! states and the two meanings of 403 are translated here and nowhere else.

use super::wire;
use crate::upstream::{call_with_policy, CallKind};
use chrono::{DateTime, Utc};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Most bundles one order may carry (contract §0: "≤10 bundles per order").
pub const MAX_BUNDLES_PER_ORDER: u32 = 10;
/// Requests a second the API allows (fixed window per IP).
const REQUESTS_PER_SECOND: u32 = 10;
/// Gap the help centre asks for between orders.
const ORDER_GAP: Duration = Duration::from_secs(3);
/// 429s waited out before giving up.
const RATE_LIMIT_RETRIES: u32 = 5;
/// Catalogue page size when syncing.
const CATALOGUE_PAGE: u32 = 100;

#[derive(Clone, Debug)]
pub struct EsimGoConfig {
    /// The versioned API root, e.g. `https://api.esim-go.com/v2.5/`.
    pub base_url: url::Url,
    pub api_key: SecretString,
    pub timeout: Duration,
    pub read_retries: usize,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum EsimGoError {
    #[error("eSIM Go did not answer in time")]
    Timeout,
    #[error("eSIM Go could not be reached: {0}")]
    Transport(String),
    #[error("eSIM Go refused the API key or this server's IP: {0}")]
    Forbidden(String),
    /// 403 on a call about one eSIM: the organisation holds no such ICCID.
    #[error("eSIM Go holds no eSIM with this ICCID")]
    UnknownEsim,
    #[error("eSIM Go's rate limit was still exceeded after waiting")]
    RateLimited,
    /// 400/410: the request was refused with this message (bad bundle, balance, state).
    #[error("eSIM Go refused the request ({status}): {message}")]
    Rejected { status: u16, message: String },
    #[error("eSIM Go is unavailable ({status}): {message}")]
    Unavailable { status: u16, message: String },
    #[error("eSIM Go answered something unreadable: {0}")]
    Decode(String),
}

impl EsimGoError {
    /// Worth trying again later: nothing was refused on its merits.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            EsimGoError::Timeout
                | EsimGoError::Transport(_)
                | EsimGoError::RateLimited
                | EsimGoError::Unavailable { .. }
                | EsimGoError::Decode(_)
        )
    }

    fn from_reqwest(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            EsimGoError::Timeout
        } else {
            EsimGoError::Transport(e.to_string())
        }
    }
}

/// One plan of the catalogue, in the portal's units.
#[derive(Debug, Clone, PartialEq)]
pub struct CataloguePlan {
    /// The bundle name, eSIM Go's id for it (case-sensitive).
    pub name: String,
    pub description: String,
    /// (ISO code, name, region) of every country it covers.
    pub countries: Vec<(String, String, String)>,
    /// MB of data; `None` for an unlimited plan.
    pub data_mb: Option<u64>,
    pub days: u32,
    pub speeds: Vec<String>,
    pub autostart: bool,
    /// The organisation's cost, in cents of `currency` (USD by default).
    pub cost_cents: i64,
    pub image_url: String,
}

/// A line of an order: `quantity` of bundle `bundle` (on `iccid` for a top-up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    pub bundle: String,
    pub quantity: u32,
    pub iccid: Option<String>,
}

/// What an order costs (validate) or cost (transaction).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedOrder {
    /// Empty for a validation.
    pub reference: String,
    pub total_cents: i64,
    pub currency: String,
    pub completed: bool,
    pub created: Option<DateTime<Utc>>,
    /// Bundle name and the eSIMs it went onto.
    pub lines: Vec<(String, Vec<NewEsim>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEsim {
    pub iccid: String,
    /// Empty where the answer did not carry it (read the assignments then).
    pub matching_id: String,
    /// The SM-DP+ host, without any scheme.
    pub smdp_host: String,
}

impl NewEsim {
    /// The activation code a phone or QR takes: `LPA:1$<smdp>$<matchingId>`.
    pub fn lpa(&self) -> String {
        format!("LPA:1${}${}", self.smdp_host, self.matching_id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileStatus {
    /// Released: not installed yet.
    NotInstalled,
    Downloaded,
    Installed,
    Unavailable,
    Deactivated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EsimState {
    Active,
    Suspended,
    Deactivated,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EsimStatus {
    pub iccid: String,
    pub profile: ProfileStatus,
    pub state: EsimState,
    pub first_installed: Option<DateTime<Utc>>,
    pub customer_ref: String,
    pub install: NewEsim,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundleState {
    Processing,
    Queued,
    Active,
    Depleted,
    Expired,
    Revoked,
    Lapsed,
}

impl BundleState {
    fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().as_str() {
            "processing" => BundleState::Processing,
            "queued" => BundleState::Queued,
            "active" => BundleState::Active,
            "depleted" => BundleState::Depleted,
            "expired" => BundleState::Expired,
            "revoked" => BundleState::Revoked,
            "lapsed" => BundleState::Lapsed,
            _ => return None,
        })
    }
}

/// One bundle on an eSIM with its counters (there is no usage endpoint: used = initial −
/// remaining, contract §4).
#[derive(Debug, Clone, PartialEq)]
pub struct BundleUse {
    pub name: String,
    pub description: String,
    pub assignment_id: String,
    pub state: BundleState,
    pub initial_bytes: u64,
    pub remaining_bytes: u64,
    pub unlimited: bool,
    pub assigned: Option<DateTime<Utc>>,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEvent {
    pub name: String,
    pub bundle: String,
    pub at: Option<DateTime<Utc>>,
    pub alert: String,
}

#[derive(Clone)]
pub struct EsimGoClient {
    http: reqwest::Client,
    config: Arc<EsimGoConfig>,
    pace: Arc<DefaultDirectRateLimiter>,
    last_order: Arc<tokio::sync::Mutex<Option<Instant>>>,
}

/// Which 403 a call can get: a bad key, or (about one eSIM) an ICCID we do not hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Organisation,
    Esim,
}

impl EsimGoClient {
    pub fn new(config: EsimGoConfig) -> Result<Self, EsimGoError> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(5)))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| EsimGoError::Transport(e.to_string()))?;
        let mut config = config;
        if !config.base_url.path().ends_with('/') {
            let path = format!("{}/", config.base_url.path());
            config.base_url.set_path(&path);
        }
        let per_second = NonZeroU32::new(REQUESTS_PER_SECOND).unwrap_or(NonZeroU32::MIN);
        Ok(EsimGoClient {
            http,
            config: Arc::new(config),
            pace: Arc::new(RateLimiter::direct(Quota::per_second(per_second))),
            last_order: Arc::new(tokio::sync::Mutex::new(None)),
        })
    }

    // ---- catalogue ---------------------------------------------------------------------

    /// The whole catalogue, page by page.
    pub async fn catalogue(&self) -> Result<Vec<CataloguePlan>, EsimGoError> {
        let mut plans = Vec::new();
        let mut page = 1u32;
        loop {
            let query = [
                ("page", page.to_string()),
                ("perPage", CATALOGUE_PAGE.to_string()),
            ];
            let answer: wire::CatalogueAnswer =
                self.read("catalogue", &query, Scope::Organisation).await?;
            let (bundles, page_count) = match answer {
                wire::CatalogueAnswer::Page {
                    bundles,
                    page_count,
                    ..
                } => (bundles, page_count),
                wire::CatalogueAnswer::Bare(b) => (b, 1),
            };
            let got = bundles.len();
            plans.extend(bundles.into_iter().filter_map(plan));
            if got == 0 || page >= page_count {
                break;
            }
            page += 1;
        }
        Ok(plans)
    }

    /// One bundle by its (case-sensitive) name.
    pub async fn bundle(&self, name: &str) -> Result<Option<CataloguePlan>, EsimGoError> {
        let path = format!("catalogue/bundle/{}", segment(name));
        match self
            .read::<wire::CatalogueBundle>(&path, &[], Scope::Organisation)
            .await
        {
            Ok(b) => Ok(plan(b)),
            Err(EsimGoError::Rejected { status: 400, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub async fn organisation(&self) -> Result<wire::Organisation, EsimGoError> {
        self.read("organisation", &[], Scope::Organisation).await
    }

    // ---- orders ------------------------------------------------------------------------

    /// Prices the lines without charging anything (`type: validate`).
    pub async fn validate_order(&self, lines: &[OrderLine]) -> Result<PlacedOrder, EsimGoError> {
        let answer = self.order("validate", lines).await?;
        if answer.valid == Some(false) {
            return Err(EsimGoError::Rejected {
                status: 200,
                message: answer.status_message,
            });
        }
        Ok(placed(answer))
    }

    /// Buys the lines, charging the organisation's balance, onto new eSIMs (or the lines'
    /// ICCIDs). Sent once: a failure may still have placed the order (see `orders_since`).
    pub async fn place_order(&self, lines: &[OrderLine]) -> Result<PlacedOrder, EsimGoError> {
        let mut last = self.last_order.lock().await;
        if let Some(at) = *last {
            let wait = ORDER_GAP.saturating_sub(at.elapsed());
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
        }
        let result = self.order("transaction", lines).await;
        *last = Some(Instant::now());
        result.map(placed)
    }

    async fn order(
        &self,
        kind: &'static str,
        lines: &[OrderLine],
    ) -> Result<wire::OrderAnswer, EsimGoError> {
        let bundles: u32 = lines.iter().map(|l| l.quantity).sum();
        if lines.is_empty() || bundles == 0 || bundles > MAX_BUNDLES_PER_ORDER {
            return Err(EsimGoError::Rejected {
                status: 0,
                message: format!("an order holds 1 to {MAX_BUNDLES_PER_ORDER} bundles"),
            });
        }
        let body = wire::OrderRequest {
            kind,
            assign: true,
            order: lines
                .iter()
                .map(|l| wire::OrderLineRequest {
                    kind: "bundle",
                    quantity: l.quantity,
                    item: &l.bundle,
                    iccids: l.iccid.iter().map(String::as_str).collect(),
                    allow_reassign: false,
                })
                .collect(),
        };
        let body = serde_json::to_vec(&body).map_err(|e| EsimGoError::Decode(e.to_string()))?;
        let kind_call = if kind == "validate" {
            CallKind::Read
        } else {
            CallKind::Write
        };
        let scope = if lines.iter().any(|l| l.iccid.is_some()) {
            Scope::Esim
        } else {
            Scope::Organisation
        };
        self.call(
            Method::POST,
            "orders",
            &[],
            Some(body),
            kind_call,
            scope,
            None,
        )
        .await
    }

    /// One order by reference.
    pub async fn get_order(&self, reference: &str) -> Result<PlacedOrder, EsimGoError> {
        let path = format!("orders/{}", segment(reference));
        self.read(&path, &[], Scope::Organisation).await.map(placed)
    }

    /// Orders created at or after `from`, newest first as the API lists them (to find an
    /// order whose answer was lost).
    pub async fn orders_since(&self, from: DateTime<Utc>) -> Result<Vec<PlacedOrder>, EsimGoError> {
        let since = format!(
            "gte:{}",
            from.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        );
        let mut all = Vec::new();
        for page in 1..=20u32 {
            let query = [
                ("includeIccids", "true".to_string()),
                ("page", page.to_string()),
                ("limit", "100".to_string()),
                ("createdAt", since.clone()),
            ];
            let list: wire::OrderList = self.read("orders", &query, Scope::Organisation).await?;
            let orders = match list {
                wire::OrderList::Wrapped { orders } | wire::OrderList::Bare(orders) => orders,
                wire::OrderList::One(o) => vec![*o],
            };
            let got = orders.len();
            // A shape not foreseen reads as one empty order: never taken for a real one.
            all.extend(
                orders
                    .into_iter()
                    .filter(|o| !o.order_reference.is_empty())
                    .map(placed),
            );
            if got < 100 {
                break;
            }
        }
        Ok(all)
    }

    // ---- eSIMs -------------------------------------------------------------------------

    /// What a phone needs to install each eSIM of an order (or top-up).
    pub async fn install_data(&self, reference: &str) -> Result<Vec<NewEsim>, EsimGoError> {
        let query = [("reference", reference.to_string())];
        let accept = HeaderValue::from_static("application/json");
        let rows: wire::OneOrMany<wire::InstallRow> = self
            .call(
                Method::GET,
                "esims/assignments",
                &query,
                None,
                CallKind::Read,
                Scope::Esim,
                Some(accept),
            )
            .await?;
        Ok(rows
            .into_vec()
            .into_iter()
            .map(|r| NewEsim {
                iccid: r.iccid,
                matching_id: r.matching_id,
                smdp_host: smdp_host(&r.smdp_address),
            })
            .collect())
    }

    pub async fn esim(&self, iccid: &str) -> Result<EsimStatus, EsimGoError> {
        let path = format!("esims/{}", segment(iccid));
        let d: wire::EsimDetails = self.read(&path, &[], Scope::Esim).await?;
        let profile = match d.profile_status.to_ascii_lowercase().as_str() {
            "installed" => ProfileStatus::Installed,
            "downloaded" => ProfileStatus::Downloaded,
            "unavailable" => ProfileStatus::Unavailable,
            "deactivated" => ProfileStatus::Deactivated,
            _ => ProfileStatus::NotInstalled,
        };
        let state = match d.state.to_ascii_lowercase().as_str() {
            "suspended" => EsimState::Suspended,
            "deactivated" => EsimState::Deactivated,
            _ if profile == ProfileStatus::Deactivated => EsimState::Deactivated,
            _ => EsimState::Active,
        };
        let first_installed = match &d.first_installed_date_time {
            serde_json::Value::Number(n) => {
                n.as_i64().and_then(DateTime::<Utc>::from_timestamp_millis)
            }
            serde_json::Value::String(s) => time(s),
            _ => None,
        };
        Ok(EsimStatus {
            install: NewEsim {
                iccid: d.iccid.clone(),
                matching_id: d.matching_id,
                smdp_host: smdp_host(&d.smdp_address),
            },
            iccid: d.iccid,
            profile,
            state,
            first_installed,
            customer_ref: d.customer_ref,
        })
    }

    /// Every bundle the eSIM has had, newest first, with its counters.
    pub async fn bundles(&self, iccid: &str) -> Result<Vec<BundleUse>, EsimGoError> {
        let path = format!("esims/{}/bundles", segment(iccid));
        let query = [
            ("includeUsed", "true".to_string()),
            ("limit", "200".to_string()),
        ];
        let answer: wire::BundlesAnswer = self.read(&path, &query, Scope::Esim).await?;
        let mut out = Vec::new();
        for b in answer.bundles {
            for a in b.assignments {
                let Some(state) = BundleState::parse(&a.bundle_state) else {
                    tracing::warn!(
                        state = a.bundle_state,
                        "unknown eSIM Go bundle state; skipped"
                    );
                    continue;
                };
                out.push(BundleUse {
                    name: b.name.clone(),
                    description: b.description.clone(),
                    assignment_id: a.id,
                    state,
                    initial_bytes: bytes(a.initial_quantity),
                    remaining_bytes: bytes(a.remaining_quantity),
                    unlimited: a.unlimited,
                    assigned: time(&a.assignment_date_time),
                    start: a.start_time.as_deref().and_then(time),
                    end: a.end_time.as_deref().and_then(time),
                });
            }
        }
        Ok(out)
    }

    pub async fn history(&self, iccid: &str) -> Result<Vec<HistoryEvent>, EsimGoError> {
        let path = format!("esims/{}/history", segment(iccid));
        let rows: Vec<wire::HistoryEntry> = self.read(&path, &[], Scope::Esim).await?;
        Ok(rows
            .into_iter()
            .map(|h| HistoryEvent {
                at: time(&h.date),
                name: h.name,
                bundle: h.bundle_name,
                alert: h.alert_type,
            })
            .collect())
    }

    /// Tags the eSIM with our reference (`PUT /esims`).
    pub async fn set_customer_ref(&self, iccid: &str, reference: &str) -> Result<(), EsimGoError> {
        let body = serde_json::json!({ "iccid": iccid, "customerRef": reference });
        self.write_esim(Method::PUT, "esims", body).await
    }

    /// Whether `header` is eSIM Go's signature of `body`: HMAC-SHA256 keyed by the API key,
    /// hex or base64 (contract §5: the sources disagree), checked in constant time.
    pub fn signature_valid(&self, body: &[u8], header: &str) -> bool {
        use base64::Engine;
        use hmac::{Hmac, Mac};
        let header = header.trim();
        let sent = if header.len() == 64 && header.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex::decode(header).ok()
        } else {
            base64::engine::general_purpose::STANDARD
                .decode(header)
                .ok()
        };
        let Some(sent) = sent.filter(|s| s.len() == 32) else {
            return false;
        };
        let Ok(mut mac) =
            Hmac::<sha2::Sha256>::new_from_slice(self.config.api_key.expose_secret().as_bytes())
        else {
            return false;
        };
        mac.update(body);
        // `verify_slice` compares in constant time.
        mac.verify_slice(&sent).is_ok()
    }

    /// Whether the configured API version has suspend/restore (v2.5 and later; v2.4 has not).
    pub fn supports_suspend(&self) -> bool {
        !self.config.base_url.path().contains("/v2.4")
    }

    /// Suspends (`true`) or restores (`false`) the eSIM (v2.5 only).
    pub async fn suspend(&self, iccid: &str, suspend: bool) -> Result<(), EsimGoError> {
        let path = format!("esims/{}/suspend", segment(iccid));
        self.write_esim(
            Method::POST,
            &path,
            serde_json::json!({ "suspend": suspend }),
        )
        .await
    }

    // ---- transport ---------------------------------------------------------------------

    /// A change to one eSIM whose answer carries nothing we use (`{"status": …}`).
    async fn write_esim(
        &self,
        method: Method,
        path: &str,
        body: serde_json::Value,
    ) -> Result<(), EsimGoError> {
        let body = Some(body.to_string().into_bytes());
        let _: serde_json::Value = self
            .call(method, path, &[], body, CallKind::Write, Scope::Esim, None)
            .await?;
        Ok(())
    }

    async fn read<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        scope: Scope,
    ) -> Result<T, EsimGoError> {
        self.call(Method::GET, path, query, None, CallKind::Read, scope, None)
            .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<Vec<u8>>,
        kind: CallKind,
        scope: Scope,
        accept: Option<HeaderValue>,
    ) -> Result<T, EsimGoError> {
        let operation = operation_name(&method, path);
        call_with_policy(
            "esimgo",
            kind,
            self.config.read_retries,
            &operation,
            || self.send(&method, path, query, body.clone(), scope, accept.clone()),
            EsimGoError::is_transient,
        )
        .await
    }

    /// One request, waiting out 429s (a refused request did nothing, so even an order is
    /// safe to send again).
    async fn send<T: DeserializeOwned>(
        &self,
        method: &Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<Vec<u8>>,
        scope: Scope,
        accept: Option<HeaderValue>,
    ) -> Result<T, EsimGoError> {
        let url = self
            .config
            .base_url
            .join(path)
            .map_err(|e| EsimGoError::Transport(e.to_string()))?;
        for _ in 0..=RATE_LIMIT_RETRIES {
            self.pace.until_ready().await;
            let mut req = self
                .http
                .request(method.clone(), url.clone())
                .header("X-API-Key", self.config.api_key.expose_secret())
                .header(
                    ACCEPT,
                    accept
                        .clone()
                        .unwrap_or(HeaderValue::from_static("application/json")),
                )
                .query(query);
            if let Some(b) = &body {
                req = req.header(CONTENT_TYPE, "application/json").body(b.clone());
            }
            let resp = req.send().await.map_err(EsimGoError::from_reqwest)?;
            let status = resp.status();
            if status == StatusCode::TOO_MANY_REQUESTS {
                let wait = resp
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .unwrap_or(1)
                    .clamp(1, 10);
                tracing::info!(path, wait, "eSIM Go rate limit; waiting");
                tokio::time::sleep(Duration::from_secs(wait)).await;
                continue;
            }
            let text = resp.text().await.map_err(EsimGoError::from_reqwest)?;
            if status.is_success() {
                return serde_json::from_str(&text)
                    .map_err(|e| EsimGoError::Decode(format!("{path}: {e}")));
            }
            return Err(error_for(status, &text, scope));
        }
        Err(EsimGoError::RateLimited)
    }
}

fn error_for(status: StatusCode, text: &str, scope: Scope) -> EsimGoError {
    let message = serde_json::from_str::<wire::ErrorBody>(text)
        .ok()
        .map(|b| b.message)
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| text.chars().take(200).collect());
    match status.as_u16() {
        401 | 403 if scope == Scope::Esim && !message.eq_ignore_ascii_case("forbidden") => {
            EsimGoError::UnknownEsim
        }
        401 | 403 => EsimGoError::Forbidden(message),
        s @ 500..=599 => EsimGoError::Unavailable { status: s, message },
        s => EsimGoError::Rejected { status: s, message },
    }
}

/// The metric/log name of a call: its path with ids replaced.
fn operation_name(method: &Method, path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let named: Vec<&str> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| match (parts.first(), i) {
            (Some(&"esims"), 1) if *p != "assignments" => "{iccid}",
            (Some(&"orders"), 1) => "{reference}",
            (Some(&"catalogue"), 2) => "{name}",
            (Some(&"esims"), 3) => "{name}",
            _ => p,
        })
        .collect();
    format!("{} {}", method.as_str(), named.join("/"))
}

/// A path segment with anything but unreserved characters escaped.
fn segment(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn plan(b: wire::CatalogueBundle) -> Option<CataloguePlan> {
    if b.name.is_empty() || b.duration == 0 || !b.price.is_finite() || b.price < 0.0 {
        tracing::warn!(
            name = b.name,
            "eSIM Go bundle without name, duration or price; skipped"
        );
        return None;
    }
    let unlimited = b.unlimited || b.data_amount < 0.0;
    Some(CataloguePlan {
        data_mb: (!unlimited).then(|| b.data_amount.round() as u64),
        countries: b
            .countries
            .into_iter()
            .map(|c| (c.iso.to_ascii_uppercase(), c.name, c.region))
            .collect(),
        name: b.name,
        description: b.description,
        days: b.duration,
        speeds: b.speed,
        autostart: b.autostart,
        cost_cents: (b.price * 100.0).round() as i64,
        image_url: b.image_url,
    })
}

fn placed(o: wire::OrderAnswer) -> PlacedOrder {
    PlacedOrder {
        completed: o.status.eq_ignore_ascii_case("completed"),
        reference: o.order_reference,
        total_cents: (o.total * 100.0).round() as i64,
        currency: if o.currency.is_empty() {
            "USD".into()
        } else {
            o.currency
        },
        created: time(&o.created_date),
        lines: o
            .order
            .into_iter()
            .map(|l| {
                let esims = if l.esims.is_empty() {
                    l.iccids
                        .into_iter()
                        .map(|iccid| NewEsim {
                            iccid,
                            matching_id: String::new(),
                            smdp_host: String::new(),
                        })
                        .collect()
                } else {
                    l.esims
                        .into_iter()
                        .map(|e| NewEsim {
                            iccid: e.iccid,
                            matching_id: e.matching_id,
                            smdp_host: smdp_host(&e.smdp_address),
                        })
                        .collect()
                };
                (l.item, esims)
            })
            .collect(),
    }
}

/// The SM-DP+ host of an address that may carry a scheme or a trailing slash.
pub fn smdp_host(address: &str) -> String {
    let a = address.trim();
    let a = a
        .strip_prefix("https://")
        .or_else(|| a.strip_prefix("http://"))
        .unwrap_or(a);
    a.trim_end_matches('/').to_string()
}

fn time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn bytes(v: f64) -> u64 {
    if v.is_finite() && v > 0.0 {
        v.round() as u64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lpa_strings_drop_the_scheme_of_the_smdp_address() {
        let e = NewEsim {
            iccid: "1".into(),
            matching_id: "AB-12C3DE-4FGHIJ5".into(),
            smdp_host: smdp_host("http://rsp.mockprovider.com/"),
        };
        assert_eq!(e.lpa(), "LPA:1$rsp.mockprovider.com$AB-12C3DE-4FGHIJ5");
        assert_eq!(smdp_host("rsp-1234.example.com"), "rsp-1234.example.com");
    }

    #[test]
    fn operations_are_named_without_ids() {
        assert_eq!(
            operation_name(&Method::GET, "esims/8944/bundles"),
            "GET esims/{iccid}/bundles"
        );
        assert_eq!(
            operation_name(&Method::GET, "esims/assignments"),
            "GET esims/assignments"
        );
        assert_eq!(
            operation_name(&Method::GET, "orders/abc"),
            "GET orders/{reference}"
        );
    }

    #[test]
    fn a_403_about_an_esim_is_an_unknown_iccid_unless_the_key_was_refused() {
        let e = error_for(
            StatusCode::FORBIDDEN,
            r#"{"message":"Access denied"}"#,
            Scope::Esim,
        );
        assert!(matches!(e, EsimGoError::UnknownEsim));
        let e = error_for(
            StatusCode::FORBIDDEN,
            r#"{"message":"Forbidden"}"#,
            Scope::Esim,
        );
        assert!(matches!(e, EsimGoError::Forbidden(_)));
        let e = error_for(
            StatusCode::SERVICE_UNAVAILABLE,
            "Processing",
            Scope::Organisation,
        );
        assert!(matches!(e, EsimGoError::Unavailable { status: 503, .. }));
    }
}
