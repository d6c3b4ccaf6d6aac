//! The simulated org over HTTP (contract A1–A4, A6): the OAuth token endpoint (JWT bearer and
//! password grants), SOQL query with `nextRecordsUrl` paging, sObject create / read / update,
//! and Salesforce's error shape — an array of `{message, errorCode, fields?}`.

mod cometd;
mod composite;
mod rules;
mod token;

use super::soql;
use super::store::{fields_of, QueryResult, Records};
use crate::faults::{Fault, Faults, Upstream};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

/// The connected app and integration user the simulated org accepts.
pub const CLIENT_ID: &str = "3MVG9sim-portal-consumer-key";
pub const CLIENT_SECRET: &str = "sim-portal-consumer-secret";
pub const USERNAME: &str = "integration@sonixnet.example";
pub const PASSWORD: &str = "sim-portal-password";

#[derive(Clone)]
pub struct SalesforceSim {
    state: Arc<Mutex<OrgState>>,
    faults: Faults,
}

struct OrgState {
    records: Records,
    tokens: HashSet<String>,
    /// Records per query batch (2,000 in a real org; small in tests to exercise paging).
    batch_size: usize,
    /// Remaining rows of paged queries, by locator id.
    cursors: HashMap<String, Vec<Value>>,
    issued: u64,
    instance_url: String,
    /// Published platform events, oldest first (replay id = position + 1).
    events: Vec<cometd::Event>,
    events_changed: Arc<tokio::sync::Notify>,
    /// Whether the org's Flow publishes `OrderProvisionRequested__e` on approval.
    approval_flow: bool,
    comet_clients: HashMap<String, cometd::CometClient>,
    comet_issued: u64,
    /// How long a CometD connect is held when no event is waiting (110 s in a real org).
    connect_timeout: std::time::Duration,
}

fn errors(status: StatusCode, code: &str, message: &str, fields: &[&str]) -> Response {
    let mut e = json!({"message": message, "errorCode": code});
    if !fields.is_empty() {
        e["fields"] = json!(fields);
    }
    (status, Json(json!([e]))).into_response()
}

fn not_found() -> Response {
    errors(
        StatusCode::NOT_FOUND,
        "NOT_FOUND",
        "The requested resource does not exist",
        &[],
    )
}

impl SalesforceSim {
    /// An empty org; `public_base`: where this router is reachable (`…/_sim/salesforce`), the
    /// `instance_url`. Requests go through `faults` (operations named by [`operation`]).
    pub fn empty(public_base: &str, faults: Faults) -> Self {
        SalesforceSim {
            faults,
            state: Arc::new(Mutex::new(OrgState {
                records: Records::default(),
                tokens: HashSet::new(),
                batch_size: 2000,
                cursors: HashMap::new(),
                issued: 0,
                instance_url: public_base.trim_end_matches('/').to_string(),
                events: Vec::new(),
                events_changed: Arc::new(tokio::sync::Notify::new()),
                approval_flow: true,
                comet_clients: HashMap::new(),
                comet_issued: 0,
                connect_timeout: std::time::Duration::from_secs(110),
            })),
        }
    }

    fn lock(&self) -> MutexGuard<'_, OrgState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Every issued access token stops working (the next call gets `INVALID_SESSION_ID`).
    pub fn expire_tokens(&self) {
        self.lock().tokens.clear();
    }

    pub fn set_batch_size(&self, n: usize) {
        self.lock().batch_size = n.max(1);
    }

    /// Switches the org's approval Flow (publishing `OrderProvisionRequested__e` when an
    /// order's `Status` becomes `Approved`) on or off.
    pub fn set_approval_flow(&self, on: bool) {
        self.lock().approval_flow = on;
    }

    /// How long a CometD connect waits for an event before answering empty.
    pub fn set_connect_timeout(&self, timeout: std::time::Duration) {
        self.lock().connect_timeout = timeout;
    }

    /// Approves an order as staff would (its `Status` becomes `Approved`, which fires the
    /// Flow); false when there is no such order.
    pub fn approve_order(&self, id: &str) -> bool {
        let mut body = Map::new();
        body.insert("Status".into(), json!("Approved"));
        rules::update(&mut self.lock(), "Order", id, body).is_ok()
    }

    /// Every event published so far on `/event/{event}`: `(replayId, payload)`.
    pub fn events(&self, event: &str) -> Vec<(i64, Value)> {
        let channel = format!("/event/{event}");
        self.lock()
            .events
            .iter()
            .filter(|e| e.channel == channel)
            .map(|e| (e.replay_id, e.payload.clone()))
            .collect()
    }

    /// Direct access to the org's records (seeding, assertions).
    pub fn with_records<R>(&self, f: impl FnOnce(&mut Records) -> R) -> R {
        f(&mut self.lock().records)
    }

    pub fn router(self) -> Router {
        Router::new()
            .route("/services/oauth2/token", post(token::token))
            .route("/services/data/{version}/query", get(query))
            .route(
                "/services/data/{version}/composite",
                post(composite::composite),
            )
            .route("/cometd/{version}", post(cometd::cometd))
            .route("/services/data/{version}/query/{locator}", get(query_more))
            .route("/services/data/{version}/sobjects/{object}", post(create))
            .route(
                "/services/data/{version}/sobjects/{object}/{id}",
                get(read).patch(update),
            )
            .layer(middleware::from_fn_with_state(self.clone(), with_faults))
            .with_state(self)
    }

    /// The refusal, unless the request carries a live token and a valid version (`vNN.0`).
    fn refusal(&self, headers: &HeaderMap, version: &str) -> Option<Response> {
        let token = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if !token.is_some_and(|t| self.lock().tokens.contains(t)) {
            return Some(errors(
                StatusCode::UNAUTHORIZED,
                "INVALID_SESSION_ID",
                "Session expired or invalid",
                &[],
            ));
        }
        let valid = version
            .strip_prefix('v')
            .and_then(|v| v.strip_suffix(".0"))
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        (!valid).then(not_found)
    }
}

/// The operation a request is, as fault rules name it: `token`, `query`, `create/Account`,
/// `read/Case`, `update/Account` (`other` for anything else).
fn operation(method: &Method, path: &str) -> String {
    if path.ends_with("/oauth2/token") {
        return "token".into();
    }
    let rest = path
        .split_once("/services/data/")
        .map(|(_, r)| r)
        .unwrap_or_default();
    let parts: Vec<&str> = rest.split('/').collect();
    match (method, parts.as_slice()) {
        (_, [_, "query", ..]) => "query".into(),
        (&Method::POST, [_, "sobjects", object]) => format!("create/{object}"),
        (&Method::GET, [_, "sobjects", object, _]) => format!("read/{object}"),
        (&Method::PATCH, [_, "sobjects", object, _]) => format!("update/{object}"),
        (&Method::POST, [_, "composite"]) => "composite".into(),
        _ if path.contains("/cometd/") => "cometd".into(),
        _ => "other".into(),
    }
}

/// Salesforce-shaped bodies for the faults whose body depends on the wire format.
fn render_fault(op: &str, fault: &Fault) -> Option<Response> {
    match fault {
        Fault::AuthFailure if op == "token" => Some(token::grant_error(
            "invalid_grant",
            "authentication failure",
        )),
        Fault::AuthFailure => Some(errors(
            StatusCode::UNAUTHORIZED,
            "INVALID_SESSION_ID",
            "Session expired or invalid",
            &[],
        )),
        Fault::SalesforceError {
            status,
            error_code,
            message,
        } => Some(errors(
            StatusCode::from_u16(*status).unwrap_or(StatusCode::BAD_REQUEST),
            error_code,
            message,
            &[],
        )),
        _ => None,
    }
}

async fn with_faults(State(sim): State<SalesforceSim>, req: Request, next: Next) -> Response {
    let op = operation(req.method(), req.uri().path());
    sim.faults.note_request_id(req.headers());
    sim.faults
        .apply(
            Upstream::Salesforce,
            &op,
            |f| render_fault(&op, f),
            || next.run(req),
        )
        .await
}

/// One batch of `rows`; the rest kept under a locator.
fn batch(s: &mut OrgState, version: &str, total: usize, mut rows: Vec<Value>) -> Response {
    let rest = if rows.len() > s.batch_size {
        rows.split_off(s.batch_size)
    } else {
        Vec::new()
    };
    let mut body = json!({"totalSize": total, "done": rest.is_empty(), "records": rows});
    if !rest.is_empty() {
        s.issued += 1;
        let id = format!("01gSIM{:012}", s.issued);
        let offset = total - rest.len();
        body["nextRecordsUrl"] = json!(format!("/services/data/{version}/query/{id}-{offset}"));
        s.cursors.insert(id, rest);
    }
    Json(body).into_response()
}

async fn query(
    State(sim): State<SalesforceSim>,
    Path(version): Path<String>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if let Some(r) = sim.refusal(&headers, &version) {
        return r;
    }
    let Some(q) = params.get("q") else {
        return errors(StatusCode::BAD_REQUEST, "MALFORMED_QUERY", "no query", &[]);
    };
    let result = soql::parse(q).and_then(|q| sim.lock().records.query(&q));
    match result {
        Err(e) => errors(StatusCode::BAD_REQUEST, e.code, &e.message, &[]),
        Ok(QueryResult::Count(n)) => {
            Json(json!({"totalSize": n, "done": true, "records": []})).into_response()
        }
        Ok(QueryResult::Records(rows)) => {
            let mut s = sim.lock();
            let total = rows.len();
            batch(&mut s, &version, total, rows)
        }
    }
}

async fn query_more(
    State(sim): State<SalesforceSim>,
    Path((version, locator)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Some(r) = sim.refusal(&headers, &version) {
        return r;
    }
    let Some((id, offset)) = locator.split_once('-') else {
        return errors(
            StatusCode::BAD_REQUEST,
            "INVALID_QUERY_LOCATOR",
            "invalid query locator",
            &[],
        );
    };
    let mut s = sim.lock();
    let Some(rows) = s.cursors.remove(id) else {
        return errors(
            StatusCode::BAD_REQUEST,
            "INVALID_QUERY_LOCATOR",
            "invalid query locator",
            &[],
        );
    };
    let total = offset.parse::<usize>().unwrap_or(0) + rows.len();
    batch(&mut s, &version, total, rows)
}

fn error_response(e: &rules::SfError) -> Response {
    (e.status, Json(e.body())).into_response()
}

async fn create(
    State(sim): State<SalesforceSim>,
    Path((version, object)): Path<(String, String)>,
    headers: HeaderMap,
    Json(body): Json<Map<String, Value>>,
) -> Response {
    if let Some(r) = sim.refusal(&headers, &version) {
        return r;
    }
    match rules::insert(&mut sim.lock(), &object, body) {
        Ok(id) => (
            StatusCode::CREATED,
            Json(json!({"id": id, "errors": [], "success": true})),
        )
            .into_response(),
        Err(e) => error_response(&e),
    }
}

async fn read(
    State(sim): State<SalesforceSim>,
    Path((version, object, id)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Some(r) = sim.refusal(&headers, &version) {
        return r;
    }
    let s = sim.lock();
    let Some(rec) = s.records.get(&object, &id) else {
        return not_found();
    };
    // Every field of the object, `null` when unset, as the REST API returns a record.
    let mut out = Map::new();
    out.insert("attributes".into(), rec["attributes"].clone());
    for f in fields_of(&object) {
        out.insert(
            (*f).to_string(),
            soql::field(rec, &[(*f).to_string()])
                .cloned()
                .unwrap_or(Value::Null),
        );
    }
    Json(Value::Object(out)).into_response()
}

async fn update(
    State(sim): State<SalesforceSim>,
    Path((version, object, id)): Path<(String, String, String)>,
    headers: HeaderMap,
    Json(body): Json<Map<String, Value>>,
) -> Response {
    if let Some(r) = sim.refusal(&headers, &version) {
        return r;
    }
    match rules::update(&mut sim.lock(), &object, &id, body) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error_response(&e),
    }
}

#[cfg(test)]
mod order_tests;
#[cfg(test)]
mod tests;
