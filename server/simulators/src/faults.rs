//! Fault injection shared by both simulators, switched per upstream and per operation through
//! the JSON control endpoint `/_sim/control/faults` (see the README).
//!
//! A rule either replaces the answer before any work is done (the request never reached the
//! upstream's logic), or, with `lost_reply`, lets the operation run and only then replaces its
//! answer: the upstream did the work but the reply was lost on the way back (a timeout, a
//! proxy's 503). The second kind is what reconciliation after a money-moving call must cope
//! with: the portal saw a failure although the invoice was charged.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Upstream {
    Freebit,
    Whmcs,
    Salesforce,
    #[serde(rename = "esimgo")]
    EsimGo,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// Only the added latency (`latency_ms`), then the normal answer.
    Latency,
    /// Never answers in time (the connection is held for 120 s).
    Timeout,
    /// An HTTP error status with a short text body.
    Http { status: u16 },
    /// HTTP 200 with an HTML maintenance page instead of JSON.
    Html,
    /// Freebit: HTTP 200 with this non-100 result.
    FreebitResult {
        result_code: String,
        #[serde(default)]
        status_code: Option<String>,
        #[serde(default)]
        message: Option<String>,
    },
    /// WHMCS: HTTP 200 with `{"result":"error","message":…}` (e.g. "Payment Attempt Failed").
    WhmcsError { message: String },
    /// WHMCS: HTTP 200 with `"result":"success"` plus a `warning` — the operation failed.
    WhmcsWarning { message: String },
    /// Credentials rejected: Freebit's auth result code, WHMCS's 403 "Authentication Failed",
    /// Salesforce's 401 `INVALID_SESSION_ID` (400 `invalid_grant` on the token endpoint).
    AuthFailure,
    /// Salesforce: this status with the error array `[{"errorCode","message"}]`, e.g. 403
    /// `REQUEST_LIMIT_EXCEEDED` or 503 `SERVER_UNAVAILABLE`.
    SalesforceError {
        status: u16,
        error_code: String,
        message: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultRule {
    pub upstream: Upstream,
    /// Freebit path (`mvno/getDetail`), WHMCS action (`CapturePayment`), Salesforce
    /// operation (`token`, `query`, `create/Account`, `read/Case`, `update/Account`) or eSIM Go
    /// operation (`catalogue`, `orders` (a transaction), `orders/validate`, `orders/get`, `esims/assignments`, `esims/get`,
    /// `esims/bundles`, `esims/suspend`, … as named in `esimgo/`), compared
    /// without case and surrounding slashes; absent = every operation of that upstream.
    #[serde(default)]
    pub operation: Option<String>,
    #[serde(flatten)]
    pub fault: Fault,
    #[serde(default)]
    pub latency_ms: Option<u64>,
    /// How many matching requests it affects; absent = until cleared.
    #[serde(default)]
    pub times: Option<u32>,
    /// When true the operation is performed normally first and only its answer is replaced by
    /// the fault (a lost reply); when false (the default) the fault replaces the answer
    /// before any work is done. Meaningless for `latency`, which always answers normally.
    #[serde(default)]
    pub lost_reply: bool,
}

fn norm(op: &str) -> String {
    op.trim_matches('/').to_ascii_lowercase()
}

#[derive(Clone, Default)]
pub struct Faults {
    rules: Arc<Mutex<Vec<FaultRule>>>,
    /// Requests received per upstream and operation (faulted or not): what caching tests and
    /// the benchmark count.
    calls: Arc<Mutex<BTreeMap<String, u64>>>,
    /// The last `X-Request-Id` headers received (the portal's correlation ids), newest last.
    request_ids: Arc<Mutex<std::collections::VecDeque<String>>>,
}

/// Requests received so far, keyed `freebit mvno/getdetail`, `whmcs getclientsproducts`.
pub type Calls = BTreeMap<String, u64>;

impl Faults {
    pub fn add(&self, rule: FaultRule) {
        self.lock().push(rule);
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    pub fn list(&self) -> Vec<FaultRule> {
        self.lock().clone()
    }

    /// Requests received so far by upstream and operation.
    pub fn calls(&self) -> Calls {
        self.calls.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Remembers a correlation id a request carried (the last 1,000 are kept).
    pub fn note_request_id(&self, headers: &axum::http::HeaderMap) {
        if let Some(id) = headers.get("x-request-id").and_then(|v| v.to_str().ok()) {
            let mut ids = self.request_ids.lock().unwrap_or_else(|p| p.into_inner());
            if ids.len() == 1000 {
                ids.pop_front();
            }
            ids.push_back(id.to_string());
        }
    }

    /// The correlation ids received so far, oldest first.
    pub fn request_ids(&self) -> Vec<String> {
        self.request_ids
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .cloned()
            .collect()
    }

    /// Starts counting from zero.
    pub fn reset_calls(&self) {
        self.calls.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    fn count(&self, upstream: Upstream, operation: &str) {
        let name = match upstream {
            Upstream::Freebit => "freebit",
            Upstream::Whmcs => "whmcs",
            Upstream::Salesforce => "salesforce",
            Upstream::EsimGo => "esimgo",
        };
        *self
            .calls
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(format!("{name} {}", norm(operation)))
            .or_default() += 1;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<FaultRule>> {
        self.rules.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes the first rule matching this request (consuming one of its `times`).
    fn take(&self, upstream: Upstream, operation: &str) -> Option<FaultRule> {
        let op = norm(operation);
        let mut rules = self.lock();
        let idx = rules.iter().position(|r| {
            r.upstream == upstream && r.operation.as_deref().is_none_or(|o| norm(o) == op)
        })?;
        let rule = rules[idx].clone();
        if let Some(t) = rules[idx].times.as_mut() {
            *t = t.saturating_sub(1);
            if *t == 0 {
                rules.remove(idx);
            }
        }
        Some(rule)
    }

    /// Answers a request, with the first matching rule applied (consuming one of its `times`).
    ///
    /// `run` is the simulator's own handling of the request. Without a rule it simply runs.
    /// With one, the rule's `latency_ms` is slept first; then a plain rule answers with its
    /// fault instead of running `run` at all, while a `lost_reply` rule runs `run`, discards
    /// its answer and answers with the fault. `latency` faults answer normally either way.
    /// The bodies of `freebit_result`/`whmcs_*`/`auth_failure` faults depend on the wire
    /// format and are built by `render` of the simulator that owns it (`None` = no such body
    /// for this upstream: the normal answer stands).
    pub async fn apply<Fut>(
        &self,
        upstream: Upstream,
        operation: &str,
        render: impl FnOnce(&Fault) -> Option<Response>,
        run: impl FnOnce() -> Fut,
    ) -> Response
    where
        Fut: Future<Output = Response>,
    {
        self.count(upstream, operation);
        let Some(rule) = self.take(upstream, operation) else {
            return run().await;
        };
        if let Some(ms) = rule.latency_ms {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        tracing::debug!(?upstream, operation, lost_reply = rule.lost_reply, fault = ?rule.fault, "simulator fault injected");
        if rule.lost_reply {
            let answer = run().await;
            return faulty_response(&rule.fault, render).await.unwrap_or(answer);
        }
        match faulty_response(&rule.fault, render).await {
            Some(r) => r,
            None => run().await,
        }
    }
}

/// The answer a fault gives instead of the normal one (`None` for `latency`, or when `render`
/// has no body for it). A timeout holds the connection for 120 s, then answers 504.
async fn faulty_response(
    fault: &Fault,
    render: impl FnOnce(&Fault) -> Option<Response>,
) -> Option<Response> {
    match fault {
        Fault::Latency => None,
        Fault::Timeout => {
            tokio::time::sleep(Duration::from_secs(120)).await;
            Some(StatusCode::GATEWAY_TIMEOUT.into_response())
        }
        Fault::Http { status } => Some(
            (
                StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                "Service Unavailable",
            )
                .into_response(),
        ),
        Fault::Html => Some(
            axum::response::Html(
                "<!DOCTYPE html><html><head><title>Maintenance</title></head>\
                 <body><h1>Down for maintenance</h1></body></html>",
            )
            .into_response(),
        ),
        other => render(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse_from_control_json() {
        let r: FaultRule = serde_json::from_str(
            r#"{"upstream":"freebit","operation":"/mvno/getDetail/","kind":"freebit_result","result_code":"500","message":"busy","times":1}"#,
        )
        .unwrap();
        assert_eq!(r.times, Some(1));
        assert!(
            matches!(r.fault, Fault::FreebitResult { ref result_code, .. } if result_code == "500")
        );
    }

    #[test]
    fn times_are_consumed_and_operations_matched() {
        let f = Faults::default();
        f.add(FaultRule {
            upstream: Upstream::Whmcs,
            operation: Some("CapturePayment".into()),
            fault: Fault::Html,
            latency_ms: None,
            times: Some(1),
            lost_reply: false,
        });
        assert!(f.take(Upstream::Whmcs, "getinvoice").is_none());
        assert!(f.take(Upstream::Freebit, "capturepayment").is_none());
        assert!(f.take(Upstream::Whmcs, "capturepayment").is_some());
        assert!(f.take(Upstream::Whmcs, "capturepayment").is_none());
    }

    fn rule(fault: Fault, lost_reply: bool) -> FaultRule {
        FaultRule {
            upstream: Upstream::Whmcs,
            operation: Some("CapturePayment".into()),
            fault,
            latency_ms: None,
            times: Some(1),
            lost_reply,
        }
    }

    /// Runs one request through `f`; returns the status and whether the handler ran.
    async fn answer(f: &Faults, op: &str) -> (StatusCode, bool) {
        let ran = std::sync::atomic::AtomicBool::new(false);
        let r = f
            .apply(
                Upstream::Whmcs,
                op,
                |_| None,
                || async {
                    ran.store(true, std::sync::atomic::Ordering::SeqCst);
                    StatusCode::OK.into_response()
                },
            )
            .await;
        (r.status(), ran.load(std::sync::atomic::Ordering::SeqCst))
    }

    #[test]
    fn lost_reply_defaults_to_false() {
        let r: FaultRule =
            serde_json::from_str(r#"{"upstream":"whmcs","kind":"http","status":503}"#).unwrap();
        assert!(!r.lost_reply);
        let r: FaultRule = serde_json::from_str(
            r#"{"upstream":"whmcs","kind":"timeout","lost_reply":true,"times":1}"#,
        )
        .unwrap();
        assert!(r.lost_reply);
        assert_eq!(r.fault, Fault::Timeout);
    }

    #[tokio::test]
    async fn a_plain_fault_answers_before_any_work() {
        let f = Faults::default();
        f.add(rule(Fault::Http { status: 503 }, false));
        assert_eq!(
            answer(&f, "capturepayment").await,
            (StatusCode::SERVICE_UNAVAILABLE, false)
        );
        assert_eq!(answer(&f, "capturepayment").await, (StatusCode::OK, true));
    }

    #[tokio::test]
    async fn a_lost_reply_does_the_work_then_answers_with_the_fault() {
        let f = Faults::default();
        f.add(rule(Fault::Http { status: 503 }, true));
        assert_eq!(
            answer(&f, "capturepayment").await,
            (StatusCode::SERVICE_UNAVAILABLE, true)
        );
        f.add(rule(Fault::Html, true));
        let (status, ran) = answer(&f, "capturepayment").await;
        assert!(ran && status == StatusCode::OK, "HTML with 200, work done");
        f.add(rule(
            Fault::WhmcsError {
                message: "Payment Attempt Failed".into(),
            },
            true,
        ));
        let ran = std::sync::atomic::AtomicBool::new(false);
        let r = f
            .apply(
                Upstream::Whmcs,
                "CapturePayment",
                |_| Some(StatusCode::IM_A_TEAPOT.into_response()),
                || async {
                    ran.store(true, std::sync::atomic::Ordering::SeqCst);
                    StatusCode::OK.into_response()
                },
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::IM_A_TEAPOT,
            "rendered by the simulator"
        );
        assert!(ran.load(std::sync::atomic::Ordering::SeqCst));
    }

    #[tokio::test]
    async fn latency_answers_normally_and_other_operations_are_untouched() {
        let f = Faults::default();
        f.add(FaultRule {
            latency_ms: Some(1),
            ..rule(Fault::Latency, true)
        });
        assert_eq!(answer(&f, "getinvoice").await, (StatusCode::OK, true));
        assert_eq!(answer(&f, "capturepayment").await, (StatusCode::OK, true));
        assert!(f.list().is_empty(), "its one time consumed");
    }
}
