//! One `reqwest::Client` for Freebit: form field `json`, `authKey` inside every body, success
//! only on `resultCode` "100".
//!
//! The authKey is cached and shared; when the carrier rejects it, the client re-authenticates
//! once and retries. The re-authentication holds a lock and checks whether somebody else
//! already replaced the key, so many requests expiring together cause one `/authOem/` call.
//! Reads are retried with exponential backoff and jitter on transient failures; writes are
//! never retried (a write that timed out may have been applied).
//!
//! Identical reads in flight share one request (a page asks for the same line several times at
//! once). A prefetch ([`FreebitClient::prefetch_line`]), started before the page knows it
//! needs the line, is joined while in flight and its answers are reused for a moment
//! ([`PREFETCH_REUSE`]); an ordinary answer is never reused. Every write moves an epoch that
//! is part of the key, so nothing read before or during a write is reused after it.

use super::wire::{self, path};
use crate::upstream::{call_with_policy, CallKind as Kind};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

#[derive(Clone)]
pub struct FreebitConfig {
    /// Everything before `emptool/api/`, e.g. `https://i1.mvno.net/`.
    pub base_url: url::Url,
    pub oem_id: String,
    pub oem_key: SecretString,
    /// Per-request timeout.
    pub timeout: Duration,
    /// Extra attempts for reads after the first.
    pub read_retries: usize,
}

/// How long a prefetched answer may be used by the reads it was made for.
const PREFETCH_REUSE: Duration = Duration::from_secs(2);

tokio::task_local! {
    /// Set inside a prefetch: its answers are kept for [`PREFETCH_REUSE`].
    static PREFETCHING: ();
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum FreebitError {
    #[error("Freebit did not answer in time")]
    Timeout,
    #[error("Freebit could not be reached: {0}")]
    Transport(String),
    #[error("Freebit answered HTTP {status}")]
    Http { status: u16 },
    #[error("Freebit sent a body that is not the expected JSON: {0}")]
    Decode(String),
    #[error("Freebit resultCode {result_code} (statusCode {status_code:?}): {message:?}")]
    Api {
        result_code: String,
        status_code: Option<String>,
        message: Option<String>,
    },
    #[error("Freebit request is invalid: {0}")]
    Invalid(String),
}

impl FreebitError {
    /// Failures worth retrying for a read: nothing was learnt from the carrier.
    pub fn is_transient(&self) -> bool {
        match self {
            FreebitError::Timeout | FreebitError::Transport(_) | FreebitError::Decode(_) => true,
            FreebitError::Http { status } => *status >= 500 || *status == 429,
            FreebitError::Api { .. } | FreebitError::Invalid(_) => false,
        }
    }

    /// The carrier's explicit "authKey rejected" answer: nothing was applied.
    pub fn is_auth(&self) -> bool {
        matches!(self, FreebitError::Api { result_code, .. } if result_code == wire::AUTH_ERROR_CODE)
    }

    /// Any answer that looks like an authentication problem (the explicit code, HTTP 401/403,
    /// or a 401/403 `statusCode`). Reads re-authenticate on all of them; writes only on
    /// [`Self::is_auth`], the one answer known to mean "not applied".
    pub fn is_auth_like(&self) -> bool {
        self.is_auth()
            || matches!(self, FreebitError::Http { status: 401 | 403 })
            || matches!(self, FreebitError::Api { status_code: Some(c), .. } if c == "401" || c == "403")
    }

    fn from_reqwest(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            FreebitError::Timeout
        } else {
            FreebitError::Transport(e.to_string())
        }
    }
}

#[derive(Clone)]
pub struct FreebitClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    api: url::Url,
    oem_id: String,
    oem_key: SecretString,
    read_retries: usize,
    /// The shared authKey and when it was issued.
    auth_key: Mutex<Option<(Arc<str>, Instant)>>,
    auth_calls: std::sync::atomic::AtomicU64,
    /// Reads in flight, by write epoch, path and body.
    reads: moka::future::Cache<String, Value>,
    /// Prefetched answers, by the same key.
    prefetched: moka::future::Cache<String, Value>,
    /// Moved before and after every write.
    write_epoch: AtomicU64,
}

/// A date in Freebit's `YYYYMMDD` form.
pub fn yyyymmdd(d: chrono::NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

impl FreebitClient {
    pub fn new(config: FreebitConfig) -> Result<Self, FreebitError> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(5)))
            // A redirect would re-send the form, credentials included, to wherever it
            // points: never followed (a 3xx is an error).
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| FreebitError::Transport(e.to_string()))?;
        let mut base = config.base_url;
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let api = base
            .join("emptool/api/")
            .map_err(|e| FreebitError::Invalid(e.to_string()))?;
        Ok(FreebitClient {
            inner: Arc::new(Inner {
                http,
                api,
                oem_id: config.oem_id,
                oem_key: config.oem_key,
                read_retries: config.read_retries,
                auth_key: Mutex::new(None),
                auth_calls: Default::default(),
                reads: moka::future::Cache::new(10_000),
                prefetched: moka::future::Cache::builder()
                    .max_capacity(10_000)
                    .time_to_live(PREFETCH_REUSE)
                    .build(),
                write_epoch: AtomicU64::new(0),
            }),
        })
    }

    /// How many `/authOem/` calls this client has made (for tests and metrics).
    pub fn auth_calls(&self) -> u64 {
        self.inner
            .auth_calls
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Authenticates afresh (used by the health check to measure a real round trip).
    pub async fn ping(&self) -> Result<(), FreebitError> {
        let key = self.authenticate().await?;
        *self.inner.auth_key.lock().await = Some((key, Instant::now()));
        Ok(())
    }

    // ---- operations --------------------------------------------------------------------

    /// PA03-02: the line's details.
    pub async fn get_detail(&self, account: &str) -> Result<wire::AccountDetail, FreebitError> {
        let req = wire::DetailRequest {
            version: "2",
            request_datas: vec![wire::DetailRequestData {
                kind: "MVNO",
                account: account.to_string(),
            }],
        };
        let resp: wire::DetailResponse = self.call(path::GET_DETAIL, &req, Kind::Read).await?;
        resp.line(account).ok_or_else(|| {
            FreebitError::Decode(format!(
                "getDetail returned no MVNO entry for the account ({} entries)",
                resp.response_datas.len()
            ))
        })
    }

    /// Starts reading the line (details, traffic and, for `history`, the quota history) in
    /// the background, so that the same reads made shortly after join these requests instead
    /// of starting their own. The answers are not used by anyone who does not ask.
    pub fn prefetch_line(
        &self,
        account: &str,
        history: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    ) {
        let (c, account) = (self.clone(), account.to_string());
        tokio::spawn(PREFETCHING.scope((), async move {
            let history = async {
                if let Some((from, to)) = history {
                    let _ = c.quota_history(&account, from, to).await;
                }
            };
            let _ = tokio::join!(
                c.get_detail(&account),
                c.get_traffic_info(&account),
                history
            );
        }));
    }

    /// PA05-01: today's and recent days' traffic.
    pub async fn get_traffic_info(
        &self,
        account: &str,
    ) -> Result<wire::TrafficResponse, FreebitError> {
        let req = wire::AccountRequest {
            account: account.to_string(),
        };
        self.call(path::TRAFFIC_INFO, &req, Kind::Read).await
    }

    /// PA04-04: adds `quota_mb` MB at once. Never retried.
    pub async fn add_spec(
        &self,
        account: &str,
        quota_mb: u64,
        quota_code: Option<&str>,
        expire: Option<chrono::NaiveDate>,
    ) -> Result<(), FreebitError> {
        let req = wire::AddSpecRequest {
            kind: "MVNO",
            account: account.to_string(),
            quota: quota_mb.to_string(),
            quota_code: quota_code.map(str::to_string),
            expire: expire.map(yyyymmdd),
        };
        self.call::<_, Value>(path::ADD_SPEC, &req, Kind::Write)
            .await
            .map(drop)
    }

    /// PA05-02: quota additions between two dates (inclusive).
    pub async fn quota_history(
        &self,
        account: &str,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<wire::QuotaHistoryEntry>, FreebitError> {
        let req = wire::QuotaHistoryRequest {
            account: account.to_string(),
            from_date: yyyymmdd(from),
            to_date: yyyymmdd(to),
        };
        let resp: wire::QuotaHistoryResponse =
            self.call(path::QUOTA_HISTORY, &req, Kind::Read).await?;
        Ok(resp.quota_history)
    }

    /// Scheduled top-up, applied by the carrier on `run_date`.
    pub async fn schedule_quota(
        &self,
        account: &str,
        quota_mb: u64,
        quota_code: Option<&str>,
        run_date: chrono::NaiveDate,
    ) -> Result<(), FreebitError> {
        let req = wire::EachQuotaRequest {
            kind: "MVNO",
            account: account.to_string(),
            quota: quota_mb.to_string(),
            quota_code: quota_code.map(str::to_string),
            run_time: yyyymmdd(run_date),
        };
        self.call::<_, Value>(path::EACH_QUOTA, &req, Kind::Write)
            .await
            .map(drop)
    }

    /// PA05-21: plan change, immediate or on `run_date`. No global IP.
    pub async fn change_plan(
        &self,
        account: &str,
        plan_code: &str,
        run_date: Option<chrono::NaiveDate>,
    ) -> Result<wire::ChangePlanResponse, FreebitError> {
        let req = wire::ChangePlanRequest {
            account: account.to_string(),
            plan_code: plan_code.to_string(),
            global_ip: wire::OFF,
            run_time: run_date.map(yyyymmdd),
        };
        self.call(path::CHANGE_PLAN, &req, Kind::Write).await
    }

    /// PA02-04: cancels the line on `run_date` (immediately when `None`).
    pub async fn cancel_account(
        &self,
        account: &str,
        run_date: Option<chrono::NaiveDate>,
    ) -> Result<(), FreebitError> {
        let req = wire::CancelRequest {
            kind: "MVNO",
            account: account.to_string(),
            run_date: run_date.map(yyyymmdd),
        };
        self.call::<_, Value>(path::CANCEL_ACCOUNT, &req, Kind::Write)
            .await
            .map(drop)
    }

    /// PA05-05 (`register`) or PA05-06: voice options and roaming (WORLD WING). Asynchronous
    /// at the carrier; the new values show in getDetail once applied.
    pub async fn set_talk_options(
        &self,
        account: &str,
        options: wire::TalkOption,
        register: bool,
    ) -> Result<(), FreebitError> {
        if options.is_empty() {
            return Err(FreebitError::Invalid("no voice option to change".into()));
        }
        let req = wire::TalkOptionRequest {
            account: account.to_string(),
            user_confirmed: wire::ON,
            aladin_operated: wire::OFF,
            talk_option: options,
        };
        let p = if register {
            path::TALK_OPTION_ADD
        } else {
            path::TALK_OPTION_CHANGE
        };
        self.call::<_, Value>(p, &req, Kind::Write).await.map(drop)
    }

    /// PA05-38: switches the line between 4G and 5G (takes ~30 min; the account is locked).
    pub async fn change_contract_line(
        &self,
        account: &str,
        contract_line: &str,
        product_number: Option<&str>,
    ) -> Result<(), FreebitError> {
        if contract_line != "4G" && contract_line != "5G" {
            return Err(FreebitError::Invalid(format!(
                "contract line must be 4G or 5G, not {contract_line}"
            )));
        }
        let req = wire::ContractLineRequest {
            account: account.to_string(),
            contract_line: contract_line.to_string(),
            product_number: product_number.map(str::to_string),
        };
        self.call::<_, Value>(path::CONTRACT_LINE, &req, Kind::Write)
            .await
            .map(drop)
    }

    /// PA05-41 with addKind "R": reissues the eSIM profile onto the device with `eid`.
    pub async fn reissue_esim(
        &self,
        account: &str,
        eid: &str,
        old_eid: Option<&str>,
        contract_line: Option<&str>,
    ) -> Result<(), FreebitError> {
        if eid.len() != 32 || !eid.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FreebitError::Invalid("an EID is 32 digits".into()));
        }
        let req = wire::EsimReissueRequest {
            aladin_operated: wire::OFF,
            create_type: "add",
            eid: eid.to_string(),
            account: account.to_string(),
            add_kind: "R",
            contract_line: contract_line.map(str::to_string),
            reissue: wire::EsimReissue {
                old_eid: old_eid.map(str::to_string),
                old_product_number: None,
            },
        };
        self.call::<_, Value>(path::ESIM_ADD_ACCOUNT, &req, Kind::Write)
            .await
            .map(drop)
    }

    /// PA05-41 with addKind "N": a new data-only eSIM line (`simKind` E2) on `account` — a
    /// number from the reseller's block — for the device `eid`, on `plan_code`. Sent once: a
    /// lost answer is settled by reading the line ([`Self::get_detail`]) before sending again.
    pub async fn activate_esim(
        &self,
        account: &str,
        eid: &str,
        plan_code: &str,
        contract_line: &str,
    ) -> Result<(), FreebitError> {
        if eid.len() != 32 || !eid.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FreebitError::Invalid("an EID is 32 digits".into()));
        }
        let req = wire::EsimActivateRequest {
            aladin_operated: wire::OFF,
            create_type: "new",
            eid: eid.to_string(),
            account: account.to_string(),
            add_kind: "N",
            sim_kind: "E2",
            plan_code: plan_code.to_string(),
            contract_line: contract_line.to_string(),
        };
        self.call::<_, Value>(path::ESIM_ADD_ACCOUNT, &req, Kind::Write)
            .await
            .map(drop)
    }

    // ---- transport ---------------------------------------------------------------------

    async fn call<Req: Serialize, Resp: DeserializeOwned>(
        &self,
        path: &str,
        req: &Req,
        kind: Kind,
    ) -> Result<Resp, FreebitError> {
        let body = serde_json::to_value(req).map_err(|e| FreebitError::Invalid(e.to_string()))?;
        let Value::Object(body) = body else {
            return Err(FreebitError::Invalid("request is not a JSON object".into()));
        };
        let send = || {
            call_with_policy(
                "freebit",
                kind,
                self.inner.read_retries,
                path,
                || self.call_authenticated(path, &body, kind),
                FreebitError::is_transient,
            )
        };
        let epoch = &self.inner.write_epoch;
        let value = match kind {
            Kind::Read => {
                let key = format!(
                    "{}|{path}|{}",
                    epoch.load(Ordering::SeqCst),
                    Value::Object(body.clone())
                );
                if let Some(v) = self.inner.prefetched.get(&key).await {
                    v
                } else {
                    let answer = self.inner.reads.try_get_with(key.clone(), send()).await;
                    // In flight only: the next identical read asks again.
                    self.inner.reads.invalidate(&key).await;
                    let v = answer.map_err(|e: Arc<FreebitError>| (*e).clone())?;
                    if PREFETCHING.try_with(|_| ()).is_ok() {
                        self.inner.prefetched.insert(key, v.clone()).await;
                    }
                    v
                }
            }
            Kind::Write => {
                epoch.fetch_add(1, Ordering::SeqCst);
                let result = send().await;
                epoch.fetch_add(1, Ordering::SeqCst);
                result?
            }
        };
        serde_json::from_value(value).map_err(|e| FreebitError::Decode(format!("{path}: {e}")))
    }

    /// One request with the shared authKey; on an auth error, one re-auth and one retry
    /// (safe for writes too: a rejected key means the request was not applied).
    async fn call_authenticated(
        &self,
        path: &str,
        body: &Map<String, Value>,
        kind: Kind,
    ) -> Result<Value, FreebitError> {
        let key = self.current_key().await?;
        let reauth = |e: &FreebitError| match kind {
            Kind::Read => e.is_auth_like(),
            Kind::Write => e.is_auth(),
        };
        match self.post(path, body, Some(&key)).await {
            Err(e) if reauth(&e) => {
                tracing::info!(path, "Freebit authKey rejected; re-authenticating");
                let key = self.refresh_key(&key).await?;
                self.post(path, body, Some(&key)).await
            }
            other => other,
        }
    }

    /// The cached key while it is younger than [`wire::AUTH_KEY_LIFETIME`], else a new one.
    async fn current_key(&self) -> Result<Arc<str>, FreebitError> {
        let mut guard = self.inner.auth_key.lock().await;
        if let Some((k, issued)) = guard.as_ref() {
            if issued.elapsed() < wire::AUTH_KEY_LIFETIME {
                return Ok(k.clone());
            }
        }
        let k = self.authenticate().await?;
        *guard = Some((k.clone(), Instant::now()));
        Ok(k)
    }

    /// Replaces `stale` unless another request already did.
    async fn refresh_key(&self, stale: &Arc<str>) -> Result<Arc<str>, FreebitError> {
        let mut guard = self.inner.auth_key.lock().await;
        if let Some((k, _)) = guard.as_ref() {
            if !Arc::ptr_eq(k, stale) && **k != **stale {
                return Ok(k.clone());
            }
        }
        *guard = None;
        let k = self.authenticate().await?;
        *guard = Some((k.clone(), Instant::now()));
        Ok(k)
    }

    async fn authenticate(&self) -> Result<Arc<str>, FreebitError> {
        self.inner
            .auth_calls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let req = wire::AuthRequest {
            oem_id: &self.inner.oem_id,
            oem_key: self.inner.oem_key.expose_secret(),
        };
        let Value::Object(body) =
            serde_json::to_value(&req).map_err(|e| FreebitError::Invalid(e.to_string()))?
        else {
            return Err(FreebitError::Invalid("auth request".into()));
        };
        let value = self.post(path::AUTH, &body, None).await?;
        let resp: wire::AuthResponse = serde_json::from_value(value)
            .map_err(|e| FreebitError::Decode(format!("authOem: {e}")))?;
        Ok(Arc::from(resp.auth_key))
    }

    async fn post(
        &self,
        path: &str,
        body: &Map<String, Value>,
        auth_key: Option<&str>,
    ) -> Result<Value, FreebitError> {
        let mut body = body.clone();
        if let Some(k) = auth_key {
            body.insert("authKey".into(), Value::String(k.to_string()));
        }
        let url = self
            .inner
            .api
            .join(path)
            .map_err(|e| FreebitError::Invalid(e.to_string()))?;
        let json = Value::Object(body).to_string();
        let resp = self
            .inner
            .http
            .post(url)
            .form(&[("json", json.as_str())])
            .send()
            .await
            .map_err(FreebitError::from_reqwest)?;
        let status = resp.status();
        let text = resp.text().await.map_err(FreebitError::from_reqwest)?;
        if !status.is_success() {
            return Err(FreebitError::Http {
                status: status.as_u16(),
            });
        }
        let value: Value = serde_json::from_str(&text)
            .map_err(|_| FreebitError::Decode(format!("{path}: {}", snippet(&text))))?;
        let envelope: wire::Envelope = serde_json::from_value(value.clone())
            .map_err(|e| FreebitError::Decode(format!("{path}: {e}")))?;
        if envelope.result_code != wire::SUCCESS_CODE {
            let status = envelope.status.unwrap_or_default();
            return Err(FreebitError::Api {
                result_code: envelope.result_code,
                status_code: status.status_code,
                message: status.message,
            });
        }
        Ok(value)
    }
}

fn snippet(text: &str) -> String {
    let t: String = text.chars().take(80).collect();
    format!("{t:?}")
}
