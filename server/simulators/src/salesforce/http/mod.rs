//! The simulated org over HTTP (contract A1–A4, A6): the OAuth token endpoint (JWT bearer and
//! password grants), SOQL query with `nextRecordsUrl` paging, sObject create / read / update,
//! and Salesforce's error shape — an array of `{message, errorCode, fields?}`.

use super::soql;
use super::store::{fields_of, has_field, QueryResult, Records};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::Engine;
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
    /// `public_base`: where this router is reachable (`…/_sim/salesforce`), the `instance_url`.
    pub fn new(public_base: &str) -> Self {
        SalesforceSim {
            state: Arc::new(Mutex::new(OrgState {
                records: Records::default(),
                tokens: HashSet::new(),
                batch_size: 2000,
                cursors: HashMap::new(),
                issued: 0,
                instance_url: public_base.trim_end_matches('/').to_string(),
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

    /// Direct access to the org's records (seeding, assertions).
    pub fn with_records<R>(&self, f: impl FnOnce(&mut Records) -> R) -> R {
        f(&mut self.lock().records)
    }

    pub fn router(self) -> Router {
        Router::new()
            .route("/services/oauth2/token", post(token))
            .route("/services/data/{version}/query", get(query))
            .route("/services/data/{version}/query/{locator}", get(query_more))
            .route("/services/data/{version}/sobjects/{object}", post(create))
            .route(
                "/services/data/{version}/sobjects/{object}/{id}",
                get(read).patch(update),
            )
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

fn grant_error(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

/// The refusal of a JWT whose `iss`, `sub`, `aud` or `exp` is not what the org expects. The
/// signature is not checked (the simulator holds no certificate).
fn jwt_refusal(assertion: &str, now: i64) -> Option<Response> {
    let Some(claims) = assertion
        .split('.')
        .nth(1)
        .and_then(|p| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(p)
                .ok()
        })
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
    else {
        return Some(grant_error("invalid_grant", "invalid assertion"));
    };
    if claims["iss"] != CLIENT_ID {
        return Some(grant_error(
            "invalid_client_id",
            "client identifier invalid",
        ));
    }
    if !matches!(
        claims["aud"].as_str(),
        Some("https://login.salesforce.com" | "https://test.salesforce.com")
    ) {
        return Some(grant_error("invalid_grant", "audience is invalid"));
    }
    if claims["sub"] != USERNAME {
        return Some(grant_error(
            "invalid_grant",
            "user hasn't approved this consumer",
        ));
    }
    match claims["exp"].as_i64() {
        Some(exp) if exp > now => None,
        _ => Some(grant_error("invalid_grant", "expired authorization code")),
    }
}

async fn token(
    State(sim): State<SalesforceSim>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |k: &str| form.get(k).map(String::as_str);
    let refused = match field("grant_type") {
        Some("urn:ietf:params:oauth:grant-type:jwt-bearer") => jwt_refusal(
            field("assertion").unwrap_or_default(),
            chrono::Utc::now().timestamp(),
        ),
        Some("password") => {
            if field("client_id") != Some(CLIENT_ID)
                || field("client_secret") != Some(CLIENT_SECRET)
            {
                Some(grant_error(
                    "invalid_client_id",
                    "client identifier invalid",
                ))
            } else if field("username") != Some(USERNAME) || field("password") != Some(PASSWORD) {
                Some(grant_error("invalid_grant", "authentication failure"))
            } else {
                None
            }
        }
        _ => Some(grant_error(
            "unsupported_grant_type",
            "grant type not supported",
        )),
    };
    if let Some(r) = refused {
        return r;
    }
    let mut s = sim.lock();
    s.issued += 1;
    let token = format!(
        "00DSIM000000001!AR{:016x}{:08x}",
        rand::random::<u64>(),
        s.issued
    );
    s.tokens.insert(token.clone());
    Json(json!({
        "access_token": token,
        "scope": "id full",
        "instance_url": s.instance_url,
        "id": "https://login.salesforce.com/id/00DSIM000000001AAA/005SIM000000001AAA",
        "token_type": "Bearer",
    }))
    .into_response()
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

/// Fields of `body` the object lacks, as Salesforce reports the first one.
fn unknown_field(object: &str, body: &Map<String, Value>) -> Option<Response> {
    body.keys().find(|k| !has_field(object, k)).map(|k| {
        errors(
            StatusCode::BAD_REQUEST,
            "INVALID_FIELD",
            &format!("No such column '{k}' on sobject of type {object}"),
            &[],
        )
    })
}

/// Fields a new record of `object` must have.
fn required(object: &str) -> &'static [&'static str] {
    match object {
        "Account" => &["Name"],
        "Contact" => &["LastName"],
        "CaseComment" => &["ParentId"],
        _ => &[],
    }
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
    if fields_of(&object).is_empty() {
        return not_found();
    }
    if body.keys().any(|k| k.eq_ignore_ascii_case("Id")) {
        return errors(
            StatusCode::BAD_REQUEST,
            "INVALID_FIELD",
            "The Id field should not be specified in the sobject data.",
            &[],
        );
    }
    if let Some(r) = unknown_field(&object, &body) {
        return r;
    }
    let missing: Vec<&str> = required(&object)
        .iter()
        .copied()
        .filter(|f| body.get(*f).is_none_or(Value::is_null))
        .collect();
    if !missing.is_empty() {
        return errors(
            StatusCode::BAD_REQUEST,
            "REQUIRED_FIELD_MISSING",
            &format!("Required fields are missing: [{}]", missing.join(", ")),
            &missing,
        );
    }
    let mut s = sim.lock();
    let mut fields = body;
    fields.insert(
        "CreatedDate".into(),
        json!(chrono::Utc::now()
            .format("%Y-%m-%dT%H:%M:%S%.3f+0000")
            .to_string()),
    );
    if object == "Case" {
        fields.insert(
            "CaseNumber".into(),
            json!(format!("{:08}", s.records.count("Case") + 1001)),
        );
        fields.entry("IsClosed").or_insert(json!(false));
    }
    match s.records.insert(&object, fields) {
        Some(id) => (
            StatusCode::CREATED,
            Json(json!({"id": id, "errors": [], "success": true})),
        )
            .into_response(),
        None => not_found(),
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
    if let Some(r) = unknown_field(&object, &body) {
        return r;
    }
    if sim.lock().records.update(&object, &id, body) {
        StatusCode::NO_CONTENT.into_response()
    } else {
        not_found()
    }
}

#[cfg(test)]
mod tests;
