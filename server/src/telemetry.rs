//! `/metrics` in the Prometheus text format: request latency by route, upstream calls and
//! latency by operation, cache reads, session lookups and top-ups by saga state.
//!
//! Metrics are recorded through the `metrics` facade anywhere in the code; one recorder per
//! process renders them (several portals in one test process share it). Live mode serves
//! `/metrics` only to `Authorization: Bearer $METRICS_TOKEN` (behind a proxy every caller
//! looks like loopback, so the address cannot decide); without a token it is off. Demo mode
//! serves it to anyone who can reach the demo.

use crate::store::{top_ups, Db};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use secrecy::{ExposeSecret, SecretString};
use std::sync::OnceLock;
use std::time::Instant;
use subtle::ConstantTimeEq;

/// Latency buckets (seconds): from a cached page to a slow upstream.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The process's recorder, installed on first use.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("duration_seconds".into()), &BUCKETS)
            .expect("static buckets are valid")
            .build_recorder();
        let handle = recorder.handle();
        // Fails only if another recorder is installed (then this one is unused).
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("a metrics recorder was already installed");
        }
        handle
    })
}

/// Times every request, labelled by its route pattern (never the raw path, which would make
/// a series per SIM id), method and status.
pub async fn time_requests(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "other".to_string(), |m| m.as_str().to_string());
    let method = req.method().to_string();
    let started = Instant::now();
    let mut response = next.run(req).await;
    let status = response.status().as_u16().to_string();
    let secs = started.elapsed().as_secs_f64();
    // The server's own time for the request (until the response head; a streamed body is not
    // in it): benchmarks read it to report server-side latency apart from the network.
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!("app;dur={:.2}", secs * 1000.0)) {
        response.headers_mut().insert("server-timing", v);
    }
    metrics::histogram!("http_request_duration_seconds", "route" => route.clone(), "method" => method.clone())
        .record(secs);
    metrics::counter!("http_requests_total", "route" => route, "method" => method, "status" => status)
        .increment(1);
    response
}

/// Records one upstream call (all its attempts).
pub fn upstream_call(upstream: &'static str, operation: &str, ok: bool, started: Instant) {
    let operation = operation.trim_matches('/').to_string();
    metrics::histogram!("upstream_call_duration_seconds", "upstream" => upstream, "operation" => operation.clone())
        .record(started.elapsed().as_secs_f64());
    metrics::counter!("upstream_calls_total", "upstream" => upstream, "operation" => operation,
        "outcome" => if ok { "ok" } else { "error" })
    .increment(1);
}

#[derive(Clone)]
pub struct MetricsState {
    pub db: Db,
    /// `None` in demo mode: open to whoever reaches the demo.
    pub token: Option<SecretString>,
    pub live: bool,
}

pub async fn serve(State(s): State<MetricsState>, req: Request) -> Response {
    if s.live {
        let Some(token) = &s.token else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let sent = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        // Constant time, so the token cannot be guessed byte by byte.
        let matches =
            sent.is_some_and(|t| bool::from(t.as_bytes().ct_eq(token.expose_secret().as_bytes())));
        if !matches {
            return StatusCode::UNAUTHORIZED.into_response();
        }
    }
    match top_ups::count_by_state(&s.db).await {
        Ok(states) => {
            for (state, n) in states {
                metrics::gauge!("topup_saga_rows", "state" => state).set(n as f64);
            }
        }
        Err(e) => tracing::warn!(error = %e, "top-up states unavailable for metrics"),
    }
    // The store's orders by state: completion rate = completed / all (refunded and
    // payment_failed are the others' endings).
    match crate::store::store_orders::count_by_state(&s.db).await {
        Ok(states) => {
            for (state, n) in states {
                metrics::gauge!("store_order_rows", "state" => state).set(n as f64);
            }
        }
        Err(e) => tracing::warn!(error = %e, "store order states unavailable for metrics"),
    }
    metrics::counter!("session_lookups_total")
        .absolute(crate::store::sessions::LOOKUPS.load(std::sync::atomic::Ordering::Relaxed));
    let h = handle();
    h.run_upkeep();
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        h.render(),
    )
        .into_response()
}
