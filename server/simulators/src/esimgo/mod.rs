//! A stateful eSIM Go API simulator (contract `../shared/contracts/esimgo.md`), mounted at
//! `/v2.4` and `/v2.5` (suspend/restore only on v2.5, as in the real API): the catalogue,
//! the organisation, orders (validate and transaction, assign, top-ups by ICCID), eSIMs, their
//! bundle assignments and history, with the real API's rules: the `X-API-Key` header on every
//! call (else 403 `{"message":"Forbidden"}`), an unknown ICCID is 403, errors are
//! `{"message":…}`, and a fixed window of 10 requests a second answered with 429 and
//! `Retry-After: 1`, `X-Ratelimit-*` headers on every answer.
//!
//! The simulated subscriber's side (installing the profile, attaching, using data, the clock)
//! is driven through the control endpoint; each change sends the signed callbacks the real
//! API would (`callbacks`). Handlers: `orders` (orders and their eSIMs), `esims` (eSIM reads
//! and changes), `usage` (what the subscriber does).

// Handlers answer early with the error `Response` itself; boxing it would buy nothing here.
#![allow(clippy::result_large_err)]

mod callbacks;
mod catalogue;
pub(crate) mod control;
mod esims;
mod orders;
mod state;
mod usage;

pub use callbacks::{CallbackSettings, Delivery, Encoding};

use crate::faults::{Fault, Faults, Upstream};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use state::EsimGoState;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// The key the simulated organisation accepts (and signs its callbacks with).
pub const API_KEY: &str = "esimgo-sim-api-key";
/// The organisation's balance at start (USD).
const START_BALANCE: f64 = 10_000.0;

#[derive(Clone)]
pub struct EsimGoSim {
    state: Arc<Mutex<EsimGoState>>,
    faults: Faults,
    callbacks: Arc<callbacks::Callbacks>,
    window: Arc<Mutex<Window>>,
}

/// The fixed one-second rate-limit window.
struct Window {
    started: Instant,
    started_at: chrono::DateTime<chrono::Utc>,
    used: u32,
    limit: u32,
}

impl EsimGoSim {
    /// `callback_url`: where the organisation's callbacks go (`None`: none are sent).
    pub fn new(faults: Faults, callback_url: Option<String>) -> Self {
        EsimGoSim {
            state: Arc::new(Mutex::new(EsimGoState::new(
                catalogue::demo_catalogue(),
                START_BALANCE,
            ))),
            faults,
            callbacks: Arc::new(callbacks::Callbacks::new(API_KEY, callback_url)),
            window: Arc::new(Mutex::new(Window {
                started: Instant::now(),
                started_at: chrono::Utc::now(),
                used: 0,
                limit: 10,
            })),
        }
    }

    pub fn router(self) -> Router {
        let common = || {
            Router::new()
                .route("/catalogue", get(catalogue_page))
                .route("/catalogue/bundle/{name}", get(catalogue_bundle))
                .route("/organisation", get(organisation))
                .route("/orders", post(orders::create).get(orders::list))
                .route("/orders/{reference}", get(orders::get_one))
                .route("/esims/assignments", get(orders::assignments))
                .route("/esims", get(esims::list).put(esims::update))
                .route("/esims/{iccid}", get(esims::details))
                .route("/esims/{iccid}/bundles", get(esims::bundles))
                .route("/esims/{iccid}/bundles/{name}", get(esims::bundle))
                .route("/esims/{iccid}/history", get(esims::history))
        };
        Router::new()
            .nest("/v2.4", common())
            .nest(
                "/v2.5",
                common().route(
                    "/esims/{iccid}/suspend",
                    post(esims::suspend).get(esims::suspended),
                ),
            )
            .layer(axum::middleware::from_fn_with_state(self.clone(), gate))
            .with_state(self)
    }

    /// How callbacks are sent now.
    pub fn callback_settings(&self) -> CallbackSettings {
        self.callbacks.settings()
    }

    pub fn set_callbacks(&self, s: CallbackSettings) {
        self.callbacks.set(s);
    }

    /// Every callback sent so far, oldest first.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.callbacks.deliveries()
    }

    /// The signature the simulator would send for `body` (tests sign their own deliveries).
    pub fn sign(&self, body: &[u8], encoding: Encoding) -> String {
        self.callbacks.sign(body, encoding)
    }

    /// Requests allowed per one-second window (10 in the real API).
    pub fn set_rate_limit(&self, per_second: u32) {
        self.window.lock().unwrap_or_else(|p| p.into_inner()).limit = per_second;
    }

    pub fn set_balance(&self, usd: f64) {
        self.lock().balance = usd;
    }

    pub fn balance(&self) -> f64 {
        self.lock().balance
    }

    /// Moves the simulator's clock (bundle start/end dates, expiry) forward.
    pub fn advance_clock(&self, hours: i64) {
        self.lock().clock_offset += chrono::Duration::hours(hours);
    }

    /// Every eSIM Go order placed (transactions only), as `(reference, items)` for tests
    /// that check no order was placed twice.
    pub fn order_count(&self) -> usize {
        self.lock().orders.len()
    }

    fn lock(&self) -> MutexGuard<'_, EsimGoState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `run` as operation `op` under the fault rules.
    async fn op<Fut>(&self, op: &str, run: impl FnOnce() -> Fut) -> Response
    where
        Fut: Future<Output = Response>,
    {
        self.faults
            .apply(Upstream::EsimGo, op, render_fault, run)
            .await
    }
}

fn render_fault(f: &Fault) -> Option<Response> {
    match f {
        Fault::AuthFailure => Some(message(StatusCode::FORBIDDEN, "Forbidden")),
        _ => None,
    }
}

/// An error answer as eSIM Go gives it: `{"message": …}`.
pub(crate) fn message(status: StatusCode, text: &str) -> Response {
    (status, Json(json!({ "message": text }))).into_response()
}

/// Authentication and the rate limit, before any handler; `X-Ratelimit-*` on every answer.
async fn gate(State(sim): State<EsimGoSim>, req: Request, next: Next) -> Response {
    let (allowed, limit, remaining, reset) = {
        let mut w = sim.window.lock().unwrap_or_else(|p| p.into_inner());
        if w.started.elapsed().as_millis() >= 1000 {
            w.started = Instant::now();
            w.started_at = chrono::Utc::now();
            w.used = 0;
        }
        let allowed = w.used < w.limit;
        if allowed {
            w.used += 1;
        }
        let reset = w.started_at + chrono::Duration::seconds(1);
        (allowed, w.limit, w.limit.saturating_sub(w.used), reset)
    };
    let mut r = if !allowed {
        let mut r = message(StatusCode::TOO_MANY_REQUESTS, "Rate limit exceeded");
        r.headers_mut()
            .insert("retry-after", HeaderValue::from_static("1"));
        r
    } else if req
        .headers()
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .is_none_or(|k| k != API_KEY)
    {
        message(StatusCode::FORBIDDEN, "Forbidden")
    } else {
        next.run(req).await
    };
    let h = r.headers_mut();
    for (name, value) in [
        ("x-ratelimit-limit", limit.to_string()),
        ("x-ratelimit-remaining", remaining.to_string()),
        ("x-ratelimit-reset", reset.to_rfc3339()),
        ("x-ratelimit-cost", "1".to_string()),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    }
    r
}

async fn catalogue_page(
    State(sim): State<EsimGoSim>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    sim.op("catalogue", || async {
        match catalogue::page(&sim.lock().catalogue, &q) {
            Ok(v) => Json(v).into_response(),
            Err(e) => message(StatusCode::BAD_REQUEST, &e),
        }
    })
    .await
}

async fn catalogue_bundle(State(sim): State<EsimGoSim>, Path(name): Path<String>) -> Response {
    sim.op("catalogue/bundle", || async {
        match sim.lock().bundle(&name) {
            Some(b) => Json(b.json("group")).into_response(),
            None => message(StatusCode::BAD_REQUEST, "Bundle not found"),
        }
    })
    .await
}

async fn organisation(State(sim): State<EsimGoSim>) -> Response {
    sim.op("organisation", || async {
        let balance = sim.lock().balance;
        let url = sim.callbacks.settings().url;
        Json(json!({
            "name": "SonixNet Travel (simulated)",
            "currency": "USD",
            "balance": balance,
            "testCredit": 0,
            "callbackUrl": url,
            "groups": ["Standard Fixed"],
        }))
        .into_response()
    })
    .await
}

/// Parses a JSON body leniently into a `Value`, answering 400 as the API does.
pub(crate) fn parse_body(body: &[u8]) -> Result<Value, Response> {
    serde_json::from_slice(body).map_err(|_| message(StatusCode::BAD_REQUEST, "Invalid JSON body"))
}
