//! The eSIM Go part of the control endpoint (`/_sim/control/esimgo`, listed in the crate
//! docs): the subscriber's actions (install, attach, use data) that fire callbacks, the clock,
//! the balance, the rate limit and the callback settings, and the callbacks sent so far.

use super::{CallbackSettings, Delivery, EsimGoSim};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

pub(crate) fn router(sim: EsimGoSim) -> Router {
    Router::new()
        .route("/esims/{iccid}/install", post(install))
        .route("/esims/{iccid}/attach", post(attach))
        .route("/esims/{iccid}/consume", post(consume))
        .route("/clock", post(advance_clock))
        .route("/balance", get(balance).post(set_balance))
        .route("/rate-limit", post(set_rate_limit))
        .route("/callbacks", get(callbacks).put(set_callbacks))
        .with_state(sim)
}

fn sent(d: Option<Vec<Delivery>>) -> Response {
    match d {
        Some(d) => Json(d).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn install(State(s): State<EsimGoSim>, Path(iccid): Path<String>) -> Response {
    sent(s.install(&iccid).await)
}

#[derive(Deserialize)]
struct Attach {
    #[serde(default = "japan")]
    country: String,
}

fn japan() -> String {
    "JP".into()
}

async fn attach(
    State(s): State<EsimGoSim>,
    Path(iccid): Path<String>,
    body: Option<Json<Attach>>,
) -> Response {
    let country = body.map_or_else(japan, |Json(a)| a.country);
    sent(s.attach(&iccid, &country).await)
}

#[derive(Deserialize)]
struct Consume {
    bytes: u64,
}

async fn consume(
    State(s): State<EsimGoSim>,
    Path(iccid): Path<String>,
    Json(c): Json<Consume>,
) -> Response {
    sent(s.consume(&iccid, c.bytes).await)
}

#[derive(Deserialize)]
struct Clock {
    hours: i64,
}

async fn advance_clock(State(s): State<EsimGoSim>, Json(c): Json<Clock>) -> StatusCode {
    s.advance_clock(c.hours);
    StatusCode::NO_CONTENT
}

async fn balance(State(s): State<EsimGoSim>) -> Json<serde_json::Value> {
    Json(json!({ "balance": s.balance() }))
}

#[derive(Deserialize)]
struct Balance {
    balance: f64,
}

async fn set_balance(State(s): State<EsimGoSim>, Json(b): Json<Balance>) -> StatusCode {
    s.set_balance(b.balance);
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Rate {
    per_second: u32,
}

async fn set_rate_limit(State(s): State<EsimGoSim>, Json(r): Json<Rate>) -> StatusCode {
    s.set_rate_limit(r.per_second);
    StatusCode::NO_CONTENT
}

async fn callbacks(State(s): State<EsimGoSim>) -> Json<serde_json::Value> {
    Json(json!({ "settings": s.callback_settings(), "deliveries": s.deliveries() }))
}

async fn set_callbacks(State(s): State<EsimGoSim>, Json(c): Json<CallbackSettings>) -> StatusCode {
    s.set_callbacks(c);
    StatusCode::NO_CONTENT
}
