//! eSIM reads and changes (contract §4): list, details, `PUT /esims` (customer reference),
//! bundles with their byte counters, history, and v2.5's suspend/restore. Any ICCID the
//! organisation does not hold is 403, never 404.

use super::{message, parse_body, EsimGoSim};
use axum::body::Bytes;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;

fn not_accessible() -> Response {
    message(StatusCode::FORBIDDEN, "Access denied: ICCID not accessible")
}

/// `GET /esims?page=&perPage=&filterBy=&filter=`: perPage must be 10, 25, 50 or 100.
pub(super) async fn list(
    State(sim): State<EsimGoSim>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    sim.op("esims/list", || async {
        let per_page = match q.get("perPage").map(|v| v.parse::<usize>()) {
            None => 25,
            Some(Ok(n)) if [10, 25, 50, 100].contains(&n) => n,
            Some(_) => return message(StatusCode::BAD_REQUEST, "perPage must be 10, 25, 50 or 100"),
        };
        let page = q.get("page").and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).max(1);
        let st = sim.lock();
        let filter = q.get("filter").map(String::as_str).unwrap_or("");
        let hits: Vec<Value> = st
            .esims
            .iter()
            .filter(|e| match q.get("filterBy").map(String::as_str) {
                None => true,
                Some("iccid") => e.iccid == filter,
                Some("customerRef") => e.customer_ref == filter,
                Some("lastAction") => e.last_action == filter,
                Some(_) => true,
            })
            .map(super::state::Esim::list_json)
            .collect();
        let rows = hits.len();
        let esims: Vec<Value> = hits.into_iter().skip((page - 1) * per_page).take(per_page).collect();
        Json(json!({"esims": esims, "pageCount": rows.div_ceil(per_page), "rows": rows, "pageSize": per_page}))
            .into_response()
    })
    .await
}

pub(super) async fn details(State(sim): State<EsimGoSim>, Path(iccid): Path<String>) -> Response {
    sim.op("esims/get", || async {
        match sim.lock().esim(&iccid) {
            Some(e) => Json(e.details_json()).into_response(),
            None => not_accessible(),
        }
    })
    .await
}

/// `PUT /esims` with `{"iccid","customerRef"}` in the body or the query.
pub(super) async fn update(
    State(sim): State<EsimGoSim>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    sim.op("esims/update", || async {
        let mut fields: HashMap<String, String> =
            super::orders::url_pairs(q.as_deref().unwrap_or(""))
                .into_iter()
                .collect();
        if !body.is_empty() {
            let v = match parse_body(&body) {
                Ok(v) => v,
                Err(r) => return r,
            };
            for k in ["iccid", "customerRef"] {
                if let Some(s) = v.get(k).and_then(Value::as_str) {
                    fields.insert(k.to_string(), s.to_string());
                }
            }
        }
        let Some(iccid) = fields.get("iccid") else {
            return message(StatusCode::BAD_REQUEST, "iccid is required");
        };
        let mut st = sim.lock();
        let Some(e) = st.esim_mut(iccid) else {
            return not_accessible();
        };
        if let Some(r) = fields.get("customerRef") {
            e.customer_ref = r.clone();
        }
        Json(json!({"status": "success"})).into_response()
    })
    .await
}

/// `GET /esims/{iccid}/bundles?includeUsed=&limit=`: newest first; without `includeUsed`
/// only the bundles still usable (processing, queued, active).
pub(super) async fn bundles(
    State(sim): State<EsimGoSim>,
    Path(iccid): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    sim.op("esims/bundles", || async {
        let limit = match q.get("limit").map(|v| v.parse::<usize>()) {
            None => 15,
            Some(Ok(n)) if (1..=200).contains(&n) => n,
            Some(_) => return message(StatusCode::BAD_REQUEST, "limit must be between 1 and 200"),
        };
        let include_used = q.get("includeUsed").is_some_and(|v| v == "true");
        let st = sim.lock();
        let now = st.now();
        let Some(e) = st.esim(&iccid) else {
            return not_accessible();
        };
        let bundles: Vec<Value> = e
            .assignments
            .iter()
            .rev()
            .filter(|a| include_used || matches!(a.state(now), "processing" | "queued" | "active"))
            .take(limit)
            .map(|a| json!({"name": a.bundle, "description": a.description, "assignments": [a.json(now)]}))
            .collect();
        Json(json!({ "bundles": bundles })).into_response()
    })
    .await
}

/// `GET /esims/{iccid}/bundles/{name}`: the latest assignment of that bundle.
pub(super) async fn bundle(
    State(sim): State<EsimGoSim>,
    Path((iccid, name)): Path<(String, String)>,
) -> Response {
    sim.op("esims/bundle", || async {
        let st = sim.lock();
        let now = st.now();
        let Some(e) = st.esim(&iccid) else {
            return not_accessible();
        };
        match e.assignments.iter().rev().find(|a| a.bundle == name) {
            Some(a) => Json(json!({"assignments": [a.json(now)]})).into_response(),
            None => message(StatusCode::BAD_REQUEST, "Bundle not assigned to this eSIM"),
        }
    })
    .await
}

pub(super) async fn history(State(sim): State<EsimGoSim>, Path(iccid): Path<String>) -> Response {
    sim.op("esims/history", || async {
        match sim.lock().esim(&iccid) {
            Some(e) => Json(e.history.clone()).into_response(),
            None => not_accessible(),
        }
    })
    .await
}

/// v2.5 `POST /esims/{iccid}/suspend` `{"suspend": true|false}` → 201.
pub(super) async fn suspend(
    State(sim): State<EsimGoSim>,
    Path(iccid): Path<String>,
    body: Bytes,
) -> Response {
    sim.op("esims/suspend", || async {
        let v = match parse_body(&body) {
            Ok(v) => v,
            Err(r) => return r,
        };
        let Some(on) = v.get("suspend").and_then(Value::as_bool) else {
            return message(StatusCode::BAD_REQUEST, "suspend must be true or false");
        };
        let mut st = sim.lock();
        let now = st.now();
        let Some(e) = st.esim_mut(&iccid) else {
            return not_accessible();
        };
        if e.profile_status == "Deactivated" {
            return message(StatusCode::BAD_REQUEST, "eSIM has been deactivated");
        }
        e.suspended = on;
        let (name, text) = if on {
            ("eSIM Suspended", "eSIM suspended successfully")
        } else {
            ("eSIM Unsuspended", "eSIM unsuspended successfully")
        };
        e.note(now, name, None, None);
        (StatusCode::CREATED, Json(json!({ "status": text }))).into_response()
    })
    .await
}

/// v2.5 `GET /esims/{iccid}/suspend` (undocumented answer; contract §4 suggests this).
pub(super) async fn suspended(State(sim): State<EsimGoSim>, Path(iccid): Path<String>) -> Response {
    sim.op("esims/suspend", || async {
        match sim.lock().esim(&iccid) {
            Some(e) => Json(json!({ "suspended": e.suspended })).into_response(),
            None => not_accessible(),
        }
    })
    .await
}
