//! A stateful Freebit "emptool" simulator: `POST /emptool/api/<path>` with the request JSON
//! in the form field `json` (url-encoded or multipart), `authKey` inside the JSON, and a
//! `resultCode` "100" envelope, as `../shared/contracts/freebit.md` describes.
//!
//! State changes the way the carrier's do: top-ups raise the remaining quota at once and show
//! in the quota history; plan changes, scheduled top-ups and cancellations wait for their
//! date; voice options, 4G/5G changes and eSIM reissues complete after configurable delays,
//! and a 4G/5G change locks the line until it completes (see `state.rs`).
//!
//! This module holds what every request shares: the router, reading the `json` field, fault
//! injection, the authKey check, the per-line locks, and dispatch to one handler per
//! operation in `ops/`. The wire constants are the simulator's own (`wire.rs`), private to
//! this crate so that the portal cannot borrow them either.

mod ops;
pub(crate) mod state;
pub(crate) mod wire;

pub use crate::clock::today_jst;
pub use state::{Line, QuotaHistoryEntry, TalkChange};

use crate::faults::{Fault, Faults, Upstream};
use axum::extract::{Form, FromRequest, Multipart, Path, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use ops::{fail, str_field, Ctx, LineOp, Op};
use serde_json::{Map, Value};
use state::{Pending, SimState};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use wire::{status, RESULT_AUTH, RESULT_BAD_REQUEST, RESULT_INVALID, RESULT_LOCKED};

/// The carrier's processing delays, short in tests and realistic-ish by default.
#[derive(Clone, Debug)]
pub struct FreebitSimConfig {
    /// How long voice-option changes take to apply.
    pub talk_option_delay: Duration,
    /// How long a 4G/5G change takes (the line is locked meanwhile; ~30 min for real).
    pub contract_line_delay: Duration,
    /// How long an eSIM reissue takes before the line's EID is the new one.
    pub esim_reissue_delay: Duration,
}

impl Default for FreebitSimConfig {
    fn default() -> Self {
        FreebitSimConfig {
            talk_option_delay: Duration::from_secs(20),
            contract_line_delay: Duration::from_secs(60),
            esim_reissue_delay: Duration::from_secs(30),
        }
    }
}

#[derive(Clone)]
pub struct FreebitSim {
    state: Arc<Mutex<SimState>>,
    config: FreebitSimConfig,
    faults: Faults,
}

impl FreebitSim {
    /// A simulator holding the demo lines ([`crate::demo::SIMS`]).
    pub fn new(config: FreebitSimConfig, faults: Faults) -> Self {
        let mut state = SimState::default();
        for s in crate::demo::SIMS {
            state.lines.insert(s.msisdn.to_string(), Line::from_demo(s));
        }
        FreebitSim {
            state: Arc::new(Mutex::new(state)),
            config,
            faults,
        }
    }

    pub fn router(self) -> Router {
        Router::new()
            .route("/emptool/api/{*path}", post(handle))
            .with_state(self)
    }

    /// Forgets every issued authKey, as if they had expired (for re-auth tests).
    pub fn expire_auth_keys(&self) {
        self.lock().auth_keys.clear();
    }

    /// A copy of a line as the carrier holds it now (for tests and the control endpoint).
    pub fn line(&self, msisdn: &str) -> Option<Line> {
        let mut s = self.lock();
        s.settle(today_jst(), Instant::now());
        s.lines.get(msisdn).cloned()
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, SimState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Freebit-shaped bodies for the faults whose body depends on the wire format.
fn render_fault(f: &Fault) -> Option<Response> {
    match f {
        Fault::FreebitResult {
            result_code,
            status_code,
            message,
        } => Some(fail(
            result_code,
            status_code.as_deref().unwrap_or(result_code),
            message.as_deref().unwrap_or("simulated failure"),
        )),
        Fault::AuthFailure => Some(fail(
            RESULT_AUTH,
            status::UNAUTHORIZED,
            "authKey is invalid",
        )),
        Fault::WhmcsError { message } | Fault::WhmcsWarning { message } => {
            Some(fail("500", "500", message))
        }
        _ => None,
    }
}

/// The request JSON from the form field `json`, sent url-encoded (as the spec and
/// Assist_Design do) or as multipart/form-data (as the newisland-code tool does). A raw JSON
/// body is not the wire format and yields `None`.
async fn json_field(request: Request) -> Option<Map<String, Value>> {
    let multipart = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data"));
    let raw = if multipart {
        let mut parts = Multipart::from_request(request, &()).await.ok()?;
        loop {
            let field = parts.next_field().await.ok()??;
            if field.name() == Some("json") {
                break field.text().await.ok()?;
            }
        }
    } else {
        let Form(fields) = Form::<HashMap<String, String>>::from_request(request, &())
            .await
            .ok()?;
        fields.get("json")?.clone()
    };
    match serde_json::from_str(&raw).ok()? {
        Value::Object(m) => Some(m),
        _ => None,
    }
}

async fn handle(
    State(sim): State<FreebitSim>,
    Path(path): Path<String>,
    request: Request,
) -> Response {
    let path = path.trim_matches('/').to_string();
    sim.faults
        .apply(Upstream::Freebit, &path, render_fault, || {
            process(&sim, &path, request)
        })
        .await
}

/// Reads, authenticates and runs one request.
async fn process(sim: &FreebitSim, path: &str, request: Request) -> Response {
    let Some(req) = json_field(request).await else {
        return fail(
            RESULT_BAD_REQUEST,
            status::BAD_REQUEST,
            "json parameter is missing or malformed",
        );
    };
    tracing::debug!(%path, "freebit simulator request");
    let mut s = sim.lock();
    if path == wire::path::AUTH {
        return ops::auth::run(&mut s, &req);
    }
    if !str_field(&req, "authKey").is_some_and(|k| s.auth_keys.contains(k)) {
        return fail(RESULT_AUTH, status::UNAUTHORIZED, "authKey is invalid");
    }
    let now = Instant::now();
    let today = today_jst();
    s.settle(today, now);

    let op = match Op::from_path(path) {
        None => return fail(RESULT_BAD_REQUEST, status::NOT_FOUND, "unknown API"),
        Some(Op::GetDetail) => return ops::get_detail::run(&s, &req),
        Some(Op::Line(op)) => op,
    };
    let Some(account) = str_field(&req, "account") else {
        return fail(
            RESULT_BAD_REQUEST,
            status::BAD_REQUEST,
            "account is required",
        );
    };
    if op == LineOp::EsimAddAccount && !s.lines.contains_key(account) {
        let ctx = Ctx {
            req: &req,
            today,
            now,
            config: &sim.config,
        };
        let account = account.to_string();
        return ops::esim_activate::run(&mut s, &account, &ctx);
    }
    let Some(line) = s.lines.get_mut(account) else {
        return fail(
            wire::RESULT_NOT_FOUND,
            status::NOT_FOUND,
            "account not found",
        );
    };
    if op.is_write() {
        if line.has_pending(|p| matches!(p, Pending::ContractLine { .. })) {
            return fail(
                RESULT_LOCKED,
                status::CONFLICT,
                "a contract line change is in progress for this account",
            );
        }
        if line.is_canceled() {
            return fail(RESULT_INVALID, status::BAD_REQUEST, "account is cancelled");
        }
    }
    let ctx = Ctx {
        req: &req,
        today,
        now,
        config: &sim.config,
    };
    match op {
        LineOp::TrafficInfo => ops::traffic_info::run(line),
        LineOp::AddSpec => ops::add_spec::run(line, &ctx),
        LineOp::QuotaHistory => ops::quota_history::run(line, &ctx),
        LineOp::EachQuota => ops::each_quota::run(line, &ctx),
        LineOp::ChangePlan => ops::change_plan::run(line, &ctx),
        LineOp::Cancel => ops::cancel::run(line, &ctx, "runDate"),
        LineOp::ReleasePlan => ops::cancel::run(line, &ctx, "runTime"),
        LineOp::TalkOptionAdd | LineOp::TalkOptionChange => ops::talk_option::run(line, &ctx),
        LineOp::ContractLine => ops::contract_line::run(line, &ctx),
        LineOp::EsimAddAccount => ops::esim_reissue::run(line, &ctx),
    }
}
