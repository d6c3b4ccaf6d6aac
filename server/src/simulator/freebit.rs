//! A stateful Freebit "emptool" simulator speaking the wire format of `crate::freebit::wire`
//! (form field `json`, `authKey` in the body, `resultCode` "100").
//!
//! State changes the way the carrier's do: top-ups raise the remaining quota at once and show
//! in the quota history; plan changes, scheduled top-ups and cancellations wait for their
//! date; voice options and 4G/5G changes complete after a configurable delay, and a 4G/5G
//! change locks the line until it completes. Pending work is settled lazily on each request.

use super::demo;
use super::faults::{Fault, Faults, Upstream};
use crate::freebit::wire::{self, path, QuotaHistoryEntry, TalkOption};
use axum::extract::{Form, FromRequest, Multipart, Path, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use chrono::{FixedOffset, NaiveDate, Utc};
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Result codes the simulator answers with (besides "100"); assumed, like the wire notes.
pub mod code {
    pub const BAD_REQUEST: &str = "400";
    pub const NOT_FOUND: &str = "210";
    pub const LOCKED: &str = "230";
    pub const INVALID: &str = "220";
}

#[derive(Clone, Debug)]
pub struct FreebitSimConfig {
    /// How long voice-option changes take to apply.
    pub talk_option_delay: Duration,
    /// How long a 4G/5G change takes (the line is locked meanwhile; ~30 min for real).
    pub contract_line_delay: Duration,
}

impl Default for FreebitSimConfig {
    fn default() -> Self {
        FreebitSimConfig {
            talk_option_delay: Duration::from_secs(20),
            contract_line_delay: Duration::from_secs(60),
        }
    }
}

#[derive(Debug, Clone)]
enum Pending {
    Plan {
        plan_code: String,
        on: NaiveDate,
    },
    Quota {
        mb: u64,
        code: Option<String>,
        on: NaiveDate,
    },
    Cancel {
        on: NaiveDate,
    },
    Talk {
        options: TalkOption,
        at: Instant,
    },
    ContractLine {
        line: String,
        at: Instant,
    },
}

#[derive(Debug, Clone)]
pub struct Line {
    pub msisdn: String,
    pub iccid: String,
    pub eid: Option<String>,
    pub plan_code: String,
    pub state: String,
    pub contract_line: String,
    pub quota_kb: u64,
    pub voicemail: bool,
    pub callwaiting: bool,
    pub worldwing: bool,
    pub history: Vec<QuotaHistoryEntry>,
    pending: Vec<Pending>,
}

struct State_ {
    lines: HashMap<String, Line>,
    auth_keys: HashSet<String>,
}

#[derive(Clone)]
pub struct FreebitSim {
    state: Arc<Mutex<State_>>,
    config: FreebitSimConfig,
    faults: Faults,
}

/// Today in Japan, the carrier's calendar.
pub fn today_jst() -> NaiveDate {
    let jst = FixedOffset::east_opt(9 * 3600).expect("valid offset");
    Utc::now().with_timezone(&jst).date_naive()
}

fn flag(on: bool) -> &'static str {
    if on {
        wire::ON
    } else {
        wire::OFF
    }
}

fn ok(extra: Value) -> Response {
    let mut body = json!({"resultCode": "100", "status": {"message": "OK", "statusCode": "200"}});
    if let (Some(b), Value::Object(e)) = (body.as_object_mut(), extra) {
        b.extend(e);
    }
    Json(body).into_response()
}

fn fail(result_code: &str, status_code: &str, message: &str) -> Response {
    Json(json!({"resultCode": result_code, "status": {"message": message, "statusCode": status_code}}))
        .into_response()
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    NaiveDate::parse_from_str(&digits, "%Y%m%d").ok()
}

fn str_field<'a>(req: &'a Map<String, Value>, k: &str) -> Option<&'a str> {
    req.get(k).and_then(Value::as_str).filter(|s| !s.is_empty())
}

impl FreebitSim {
    pub fn new(config: FreebitSimConfig, faults: Faults) -> Self {
        let lines = demo::SIMS
            .iter()
            .map(|s| {
                (
                    s.msisdn.to_string(),
                    Line {
                        msisdn: s.msisdn.into(),
                        iccid: s.iccid.into(),
                        eid: s.eid.map(Into::into),
                        plan_code: s.plan_code.into(),
                        state: s.line_state.into(),
                        contract_line: s.contract_line.into(),
                        quota_kb: s.remaining_mb * 1024,
                        voicemail: s.voicemail,
                        callwaiting: s.callwaiting,
                        worldwing: s.worldwing,
                        history: Vec::new(),
                        pending: Vec::new(),
                    },
                )
            })
            .collect();
        FreebitSim {
            state: Arc::new(Mutex::new(State_ {
                lines,
                auth_keys: HashSet::new(),
            })),
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
        settle(&mut s, today_jst(), Instant::now());
        s.lines.get(msisdn).cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State_> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

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
        Fault::AuthFailure => Some(fail(wire::AUTH_ERROR_CODE, "401", "authKey is invalid")),
        Fault::WhmcsError { message } | Fault::WhmcsWarning { message } => {
            Some(fail("500", "500", message))
        }
        _ => None,
    }
}

/// The request JSON from the form field `json`, sent url-encoded (as the spec and
/// Assist_Design do) or as multipart/form-data (as the newisland-code tool does).
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
    Path(op): Path<String>,
    request: Request,
) -> Response {
    let op = op.trim_matches('/').to_string();
    if let Some(r) = sim.faults.apply(Upstream::Freebit, &op, render_fault).await {
        return r;
    }
    let Some(req) = json_field(request).await else {
        return fail(
            code::BAD_REQUEST,
            "400",
            "json parameter is missing or malformed",
        );
    };
    let op_path = format!("{op}/");
    let mut s = sim.lock();
    if op_path == path::AUTH {
        return if str_field(&req, "oemId") == Some(demo::FREEBIT_OEM_ID)
            && str_field(&req, "oemKey") == Some(demo::FREEBIT_OEM_KEY)
        {
            let key = format!("{:032x}", rand::random::<u128>());
            s.auth_keys.insert(key.clone());
            ok(json!({"authKey": key}))
        } else {
            fail(wire::AUTH_ERROR_CODE, "401", "oemId or oemKey is invalid")
        };
    }
    if !str_field(&req, "authKey").is_some_and(|k| s.auth_keys.contains(k)) {
        return fail(wire::AUTH_ERROR_CODE, "401", "authKey is invalid");
    }
    let now = Instant::now();
    let today = today_jst();
    settle(&mut s, today, now);

    let account = if op_path == path::GET_DETAIL {
        req.get("requestDatas")
            .and_then(|d| d.get(0))
            .and_then(|d| d.get("account"))
            .and_then(Value::as_str)
            .map(str::to_string)
    } else {
        str_field(&req, "account").map(str::to_string)
    };
    let Some(account) = account else {
        return fail(code::BAD_REQUEST, "400", "account is required");
    };
    let config = sim.config.clone();
    let Some(line) = s.lines.get_mut(&account) else {
        return fail(code::NOT_FOUND, "404", "account not found");
    };
    let locked = line
        .pending
        .iter()
        .any(|p| matches!(p, Pending::ContractLine { .. }));
    let is_write = !matches!(
        op_path.as_str(),
        path::GET_DETAIL | path::TRAFFIC_INFO | path::QUOTA_HISTORY
    );
    if locked && is_write {
        return fail(
            code::LOCKED,
            "409",
            "a contract line change is in progress for this account",
        );
    }
    if is_write && line.state == "canceled" {
        return fail(code::INVALID, "400", "account is cancelled");
    }

    match op_path.as_str() {
        path::GET_DETAIL => ok(
            json!({"masterAccount": "sim-master@sonixnet.example", "responseDatas": [detail_json(line)]}),
        ),
        path::TRAFFIC_INFO => {
            let days: Vec<String> = (1..=30)
                .map(|d| demo::daily_usage_kb(&line.msisdn, d).to_string())
                .collect();
            ok(json!({"account": line.msisdn, "traffic": {
                "today": demo::daily_usage_kb(&line.msisdn, 0).to_string(),
                "inRecentDays": days.join(","),
                "blackList": flag(line.quota_kb == 0),
            }}))
        }
        path::ADD_SPEC => match quota_mb(&req) {
            Err(m) => fail(code::INVALID, "400", m),
            Ok(mb) => {
                if let Some(e) = str_field(&req, "expire") {
                    if parse_date(e).is_none() {
                        return fail(code::INVALID, "400", "expire must be YYYYMMDD");
                    }
                }
                let code_ = str_field(&req, "quotaCode").map(str::to_string);
                apply_quota(
                    line,
                    mb,
                    code_,
                    today,
                    str_field(&req, "expire").map(str::to_string),
                );
                ok(json!({}))
            }
        },
        path::EACH_QUOTA => match (
            quota_mb(&req),
            str_field(&req, "runTime").and_then(parse_date),
        ) {
            (Err(m), _) => fail(code::INVALID, "400", m),
            (_, None) => fail(code::INVALID, "400", "runTime must be YYYYMMDD"),
            (Ok(mb), Some(on)) => {
                let code_ = str_field(&req, "quotaCode").map(str::to_string);
                line.pending.push(Pending::Quota {
                    mb,
                    code: code_,
                    on,
                });
                ok(json!({}))
            }
        },
        path::QUOTA_HISTORY => {
            let from = str_field(&req, "fromDate").and_then(parse_date);
            let to = str_field(&req, "toDate").and_then(parse_date);
            let (Some(from), Some(to)) = (from, to) else {
                return fail(code::INVALID, "400", "fromDate and toDate must be YYYYMMDD");
            };
            let rows: Vec<&QuotaHistoryEntry> = line
                .history
                .iter()
                .filter(|h| parse_date(&h.date).is_some_and(|d| d >= from && d <= to))
                .collect();
            ok(json!({"account": line.msisdn, "quotaHistory": rows}))
        }
        path::CHANGE_PLAN => {
            let Some(plan) = str_field(&req, "planCode") else {
                return fail(code::INVALID, "400", "planCode is required");
            };
            if plan.parse::<app::domain::PlanCode>().is_err() {
                return fail(
                    code::INVALID,
                    "400",
                    "planCode is not available for this account",
                );
            }
            if line.state != "active" {
                return fail(
                    code::INVALID,
                    "400",
                    "plan change needs an account in service",
                );
            }
            let on = match str_field(&req, "runTime") {
                None => today,
                Some(r) => match parse_date(r) {
                    Some(d) => d,
                    None => return fail(code::INVALID, "400", "runTime must be YYYYMMDD"),
                },
            };
            line.pending.retain(|p| !matches!(p, Pending::Plan { .. }));
            line.pending.push(Pending::Plan {
                plan_code: plan.to_string(),
                on,
            });
            settle_line(line, today, now);
            ok(json!({"ipv4": "", "ipv6": ""}))
        }
        path::CANCEL_ACCOUNT => {
            let on = match str_field(&req, "runDate") {
                None => today,
                Some(r) => match parse_date(r) {
                    Some(d) => d,
                    None => return fail(code::INVALID, "400", "runDate must be YYYYMMDD"),
                },
            };
            line.pending
                .retain(|p| !matches!(p, Pending::Cancel { .. }));
            line.pending.push(Pending::Cancel { on });
            settle_line(line, today, now);
            ok(json!({}))
        }
        path::TALK_OPTION_ADD | path::TALK_OPTION_CHANGE => {
            if str_field(&req, "userConfirmed") != Some(wire::ON) {
                return fail(code::INVALID, "400", "userConfirmed must be 10");
            }
            let options: TalkOption =
                match req.get("talkOption").cloned().map(serde_json::from_value) {
                    Some(Ok(o)) => o,
                    _ => return fail(code::INVALID, "400", "talkOption is required"),
                };
            if options.is_empty() {
                return fail(
                    code::INVALID,
                    "400",
                    "talkOption must change at least one option",
                );
            }
            let valid =
                |v: &Option<String>| v.as_deref().is_none_or(|v| v == wire::ON || v == wire::OFF);
            if !(valid(&options.voice_mail)
                && valid(&options.call_waiting)
                && valid(&options.world_wing))
            {
                return fail(code::INVALID, "400", "talkOption values must be 10 or 20");
            }
            if line
                .pending
                .iter()
                .any(|p| matches!(p, Pending::Talk { .. }))
            {
                return fail(
                    code::LOCKED,
                    "409",
                    "a voice option order is being processed",
                );
            }
            line.pending.push(Pending::Talk {
                options,
                at: now + config.talk_option_delay,
            });
            ok(json!({}))
        }
        path::CONTRACT_LINE => {
            let Some(cl) = str_field(&req, "contractLine").filter(|c| *c == "4G" || *c == "5G")
            else {
                return fail(code::INVALID, "400", "contractLine must be 4G or 5G");
            };
            line.pending.push(Pending::ContractLine {
                line: cl.to_string(),
                at: now + config.contract_line_delay,
            });
            ok(json!({}))
        }
        path::ESIM_ADD_ACCOUNT => {
            let add_kind = str_field(&req, "addKind").unwrap_or("N");
            if str_field(&req, "aladinOperated") == Some(wire::ON) && add_kind != "N" {
                return fail("400", "400-356", "unsupported pattern");
            }
            if add_kind != "R" {
                return fail(code::INVALID, "400", "account already exists");
            }
            let Some(eid) = str_field(&req, "eid")
                .filter(|e| e.len() == 32 && e.bytes().all(|b| b.is_ascii_digit()))
            else {
                return fail(code::INVALID, "400", "eid must be 32 digits");
            };
            if line.eid.is_none() {
                return fail(code::INVALID, "400", "account is not an eSIM");
            }
            line.eid = Some(eid.to_string());
            ok(json!({}))
        }
        _ => fail(code::BAD_REQUEST, "404", "unknown API"),
    }
}

/// The `quota` field in MB (string or number), or the carrier's validation message.
fn quota_mb(req: &Map<String, Value>) -> Result<u64, &'static str> {
    let raw = match req.get("quota") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err("quota is required"),
    };
    match raw.parse::<u64>() {
        Ok(mb) if (1..=512_000).contains(&mb) => Ok(mb),
        _ => Err("quota must be 1-512000 MB"),
    }
}

fn apply_quota(
    line: &mut Line,
    mb: u64,
    code: Option<String>,
    on: NaiveDate,
    expire: Option<String>,
) {
    line.quota_kb += mb * 1024;
    line.history.push(QuotaHistoryEntry {
        quota: mb,
        date: on.format("%Y%m%d").to_string(),
        expire,
        quota_code: code,
    });
}

fn detail_json(line: &Line) -> Value {
    let pending = line.pending.iter().find_map(|p| match p {
        Pending::Plan { plan_code, on } => Some(json!({"func": "changePlan", "date": on.format("%Y%m%d").to_string(), "planCode": plan_code})),
        Pending::Cancel { on } => Some(json!({"func": "cancel", "date": on.format("%Y%m%d").to_string()})),
        Pending::ContractLine { line, .. } => Some(json!({"func": "contractLine", "contractLine": line})),
        Pending::Talk { .. } => Some(json!({"func": "talkOption"})),
        Pending::Quota { .. } => None,
    });
    let mut d = json!({
        "kind": "MVNO",
        "account": line.msisdn,
        "state": line.state,
        "planCode": line.plan_code,
        "iccid": line.iccid,
        "contractLine": line.contract_line,
        "quota": line.quota_kb.to_string(),
        "voicemail": flag(line.voicemail),
        "callwaiting": flag(line.callwaiting),
        "worldwing": flag(line.worldwing),
        "sms": "20",
        "talk": "20",
    });
    if let Some(obj) = d.as_object_mut() {
        if let Some(eid) = &line.eid {
            obj.insert("eid".into(), json!(eid));
        }
        if let Some(p) = pending {
            obj.insert("async".into(), p);
        }
    }
    d
}

fn settle(s: &mut State_, today: NaiveDate, now: Instant) {
    for line in s.lines.values_mut() {
        settle_line(line, today, now);
    }
}

/// Applies every pending operation that is due.
fn settle_line(line: &mut Line, today: NaiveDate, now: Instant) {
    let pending = std::mem::take(&mut line.pending);
    for p in pending {
        match p {
            Pending::Plan { plan_code, on } if on <= today => line.plan_code = plan_code,
            Pending::Quota { mb, code, on } if on <= today => apply_quota(line, mb, code, on, None),
            Pending::Cancel { on } if on <= today => line.state = "canceled".into(),
            Pending::Talk { options, at } if at <= now => {
                let on =
                    |v: &Option<String>, cur: bool| v.as_deref().map_or(cur, |v| v == wire::ON);
                line.voicemail = on(&options.voice_mail, line.voicemail);
                line.callwaiting = on(&options.call_waiting, line.callwaiting);
                line.worldwing = on(&options.world_wing, line.worldwing);
            }
            Pending::ContractLine { line: cl, at } if at <= now => line.contract_line = cl,
            other => line.pending.push(other),
        }
    }
}
