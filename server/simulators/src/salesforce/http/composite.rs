//! `POST /services/data/vNN.0/composite` (contract A5): up to 25 sObject subrequests in one
//! call, later ones referring to earlier results as `@{referenceId.id}`. Always HTTP 200; with
//! `allOrNone` a failing subrequest rolls every other one back, and those answer 400
//! `PROCESSING_HALTED`.

use super::rules::{self, SfError};
use super::SalesforceSim;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

const MAX_SUBREQUESTS: usize = 25;

/// `@{ref.id}` in any string of `v`, replaced by the referenced result's field.
fn resolve(v: &Value, results: &HashMap<String, Value>) -> Value {
    match v {
        Value::String(s) => {
            let mut out = s.clone();
            while let Some(start) = out.find("@{") {
                let Some(len) = out[start..].find('}') else {
                    break;
                };
                let reference = &out[start + 2..start + len];
                let replacement = reference
                    .split_once('.')
                    .and_then(|(r, field)| results.get(r).map(|b| b[field].clone()))
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                out.replace_range(start..start + len + 1, &replacement);
            }
            Value::String(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| resolve(x, results)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), resolve(x, results)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The object and id a subrequest URL names (`/services/data/v62.0/sobjects/Order[/801…]`).
fn target(url: &str) -> Option<(String, Option<String>)> {
    let rest = url.split_once("/sobjects/")?.1;
    let mut parts = rest.trim_end_matches('/').split('/');
    let object = parts.next()?.to_string();
    Some((object, parts.next().map(str::to_string)))
}

struct Outcome {
    status: StatusCode,
    body: Value,
}

fn run_one(
    s: &mut super::OrgState,
    method: &str,
    url: &str,
    body: Value,
) -> Result<Outcome, SfError> {
    let Some((object, id)) = target(url) else {
        return Err(SfError::not_found());
    };
    let fields = match body {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    match (method, id) {
        ("POST", None) => rules::insert(s, &object, fields).map(|id| Outcome {
            status: StatusCode::CREATED,
            body: json!({"id": id, "success": true, "errors": []}),
        }),
        ("PATCH", Some(id)) => rules::update(s, &object, &id, fields).map(|()| Outcome {
            status: StatusCode::NO_CONTENT,
            body: Value::Null,
        }),
        ("GET", Some(id)) => s
            .records
            .get(&object, &id)
            .cloned()
            .map(|body| Outcome {
                status: StatusCode::OK,
                body,
            })
            .ok_or_else(SfError::not_found),
        _ => Err(SfError::not_found()),
    }
}

fn halted() -> Value {
    json!([{"errorCode": "PROCESSING_HALTED",
            "message": "The transaction was rolled back since another operation in the same transaction failed."}])
}

pub(super) async fn composite(
    State(sim): State<SalesforceSim>,
    Path(version): Path<String>,
    headers: HeaderMap,
    Json(req): Json<Value>,
) -> Response {
    if let Some(r) = sim.refusal(&headers, &version) {
        return r;
    }
    let Some(subs) = req["compositeRequest"].as_array() else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!([{"errorCode": "JSON_PARSER_ERROR", "message": "compositeRequest is required"}])),
        )
            .into_response();
    };
    if subs.len() > MAX_SUBREQUESTS {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!([{"errorCode": "INVALID_BATCH_REQUEST",
                         "message": format!("Limit Exceeded : Maximum number of subrequests allowed is {MAX_SUBREQUESTS}.")}])),
        )
            .into_response();
    }
    let all_or_none = req["allOrNone"].as_bool().unwrap_or(false);
    let mut s = sim.lock();
    let snapshot = (s.records.clone(), s.events.len());
    let mut results: HashMap<String, Value> = HashMap::new();
    let mut responses: Vec<Value> = Vec::new();
    let mut failed = false;
    for sub in subs {
        let reference = sub["referenceId"].as_str().unwrap_or_default().to_string();
        if failed && all_or_none {
            responses.push(json!({"body": halted(), "httpHeaders": {}, "httpStatusCode": 400, "referenceId": reference}));
            continue;
        }
        let method = sub["method"]
            .as_str()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let url = sub["url"].as_str().unwrap_or_default();
        let body = resolve(&sub["body"], &results);
        match run_one(&mut s, &method, url, body) {
            Ok(out) => {
                let mut headers = json!({});
                if let Some(id) = out.body["id"].as_str() {
                    headers["Location"] = json!(format!("{}/{id}", url.trim_end_matches('/')));
                }
                results.insert(reference.clone(), out.body.clone());
                responses.push(json!({"body": out.body, "httpHeaders": headers,
                                      "httpStatusCode": out.status.as_u16(), "referenceId": reference}));
            }
            Err(e) => {
                failed = true;
                responses.push(json!({"body": e.body(), "httpHeaders": {},
                                      "httpStatusCode": e.status.as_u16(), "referenceId": reference}));
            }
        }
    }
    if failed && all_or_none {
        // Roll back: the records as they were, no event from the rolled-back writes.
        s.records = snapshot.0;
        s.events.truncate(snapshot.1);
        for r in responses.iter_mut() {
            if r["httpStatusCode"].as_u64().is_some_and(|c| c < 300) {
                r["httpStatusCode"] = json!(400);
                r["body"] = halted();
                r["httpHeaders"] = json!({});
            }
        }
    }
    Json(json!({"compositeResponse": responses})).into_response()
}
