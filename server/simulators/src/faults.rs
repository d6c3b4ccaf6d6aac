//! Fault injection shared by both simulators, switched per upstream and per operation through
//! the JSON control endpoint `/_sim/control/faults` (see the README).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Upstream {
    Freebit,
    Whmcs,
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
    /// Credentials rejected: Freebit's auth result code, WHMCS's 403 "Authentication Failed".
    AuthFailure,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultRule {
    pub upstream: Upstream,
    /// Freebit path (`mvno/getDetail`) or WHMCS action (`CapturePayment`), compared without
    /// case and surrounding slashes; absent = every operation of that upstream.
    #[serde(default)]
    pub operation: Option<String>,
    #[serde(flatten)]
    pub fault: Fault,
    #[serde(default)]
    pub latency_ms: Option<u64>,
    /// How many matching requests it affects; absent = until cleared.
    #[serde(default)]
    pub times: Option<u32>,
}

fn norm(op: &str) -> String {
    op.trim_matches('/').to_ascii_lowercase()
}

#[derive(Clone, Default)]
pub struct Faults {
    rules: Arc<Mutex<Vec<FaultRule>>>,
}

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

    /// Applies a matching fault: sleeps its latency, then either returns the faulty response
    /// or `None` to let the simulator answer normally. `Freebit`/`WhmcsError`/`AuthFailure`
    /// bodies are built by the simulator that owns the wire format (`render`).
    pub async fn apply(
        &self,
        upstream: Upstream,
        operation: &str,
        render: impl FnOnce(&Fault) -> Option<Response>,
    ) -> Option<Response> {
        let rule = self.take(upstream, operation)?;
        if let Some(ms) = rule.latency_ms {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        match &rule.fault {
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
        });
        assert!(f.take(Upstream::Whmcs, "getinvoice").is_none());
        assert!(f.take(Upstream::Freebit, "capturepayment").is_none());
        assert!(f.take(Upstream::Whmcs, "capturepayment").is_some());
        assert!(f.take(Upstream::Whmcs, "capturepayment").is_none());
    }
}
