//! The JSON control endpoint under `/_sim/control` (listed in the crate docs): fault rules,
//! demo customers, and the state tests need to see or set that no upstream API exposes (a
//! client's card scenario and ledger, a line's top-up counters).

use crate::faults::FaultRule;
use crate::freebit::QuotaHistoryEntry;
use crate::whmcs::{Card, WhmcsLedger};
use crate::{ProvisionedClient, Simulators};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

pub(crate) fn router(sims: Simulators) -> Router {
    Router::new()
        .route(
            "/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/calls", get(calls).delete(reset_calls))
        .route("/freebit/expire-auth", post(expire_auth))
        .route("/freebit/lines/{msisdn}", get(freebit_line))
        .route("/clients", post(provision_client))
        .route("/whmcs/clients/{id}/card", post(set_card))
        .route("/whmcs/clients/{id}/ledger", get(whmcs_ledger))
        .route("/salesforce/accounts", post(add_sf_account))
        .route("/salesforce/expire-tokens", post(expire_sf_tokens))
        .route("/salesforce/records/{object}", get(sf_records))
        .route("/salesforce/orders/{id}/approve", post(approve_sf_order))
        .route("/salesforce/approval-flow", post(set_sf_approval_flow))
        .with_state(sims)
}

async fn list_faults(State(s): State<Simulators>) -> Json<Vec<FaultRule>> {
    Json(s.faults.list())
}

async fn add_fault(
    State(s): State<Simulators>,
    Json(rule): Json<FaultRule>,
) -> (StatusCode, Json<FaultRule>) {
    tracing::debug!(?rule, "simulator fault added");
    s.faults.add(rule.clone());
    (StatusCode::CREATED, Json(rule))
}

async fn clear_faults(State(s): State<Simulators>) -> StatusCode {
    s.faults.clear();
    StatusCode::NO_CONTENT
}

async fn calls(State(s): State<Simulators>) -> Json<crate::faults::Calls> {
    Json(s.faults.calls())
}

async fn reset_calls(State(s): State<Simulators>) -> StatusCode {
    s.faults.reset_calls();
    StatusCode::NO_CONTENT
}

async fn expire_auth(State(s): State<Simulators>) -> StatusCode {
    s.freebit.expire_auth_keys();
    StatusCode::NO_CONTENT
}

async fn provision_client(State(s): State<Simulators>) -> (StatusCode, Json<ProvisionedClient>) {
    (StatusCode::CREATED, Json(s.provision_demo_client()))
}

/// The body of `POST /whmcs/clients/{id}/card`: `{"card":"declines"}`.
#[derive(Deserialize)]
struct CardBody {
    card: Card,
}

async fn set_card(
    State(s): State<Simulators>,
    Path(id): Path<u64>,
    Json(body): Json<CardBody>,
) -> StatusCode {
    if s.whmcs.set_card(id, body.card) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

async fn whmcs_ledger(State(s): State<Simulators>, Path(id): Path<u64>) -> Response {
    match s.whmcs.ledger(id) {
        Some(l) => Json::<WhmcsLedger>(l).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /freebit/lines/{msisdn}`: a line's quota and top-up counters.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LineView {
    msisdn: String,
    quota_kb: u64,
    add_spec_calls: u32,
    each_quota_calls: u32,
    history: Vec<QuotaHistoryEntry>,
}

async fn freebit_line(State(s): State<Simulators>, Path(msisdn): Path<String>) -> Response {
    match s.freebit.line(&msisdn) {
        Some(l) => Json(LineView {
            msisdn: l.msisdn,
            quota_kb: l.quota_kb,
            add_spec_calls: l.add_spec_calls,
            each_quota_calls: l.each_quota_calls,
            history: l.history,
        })
        .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `POST /salesforce/accounts`: a new account with its contact (`{}` for a fresh newcomer).
async fn add_sf_account(
    State(s): State<Simulators>,
    Json(new): Json<crate::salesforce::NewAccount>,
) -> (StatusCode, Json<crate::salesforce::AddedAccount>) {
    (StatusCode::CREATED, Json(s.salesforce.add_account(new)))
}

async fn expire_sf_tokens(State(s): State<Simulators>) -> StatusCode {
    s.salesforce.expire_tokens();
    StatusCode::NO_CONTENT
}

/// `GET /salesforce/records/{object}`: every record of the object, as stored.
async fn sf_records(
    State(s): State<Simulators>,
    Path(object): Path<String>,
) -> Json<Vec<serde_json::Value>> {
    Json(s.salesforce.records(&object))
}

/// `POST /salesforce/orders/{id}/approve`: staff approve the order (its `Status` becomes
/// `Approved`, and the org's Flow publishes `OrderProvisionRequested__e`).
async fn approve_sf_order(State(s): State<Simulators>, Path(id): Path<String>) -> StatusCode {
    if s.salesforce.approve_order(&id) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

#[derive(Deserialize)]
struct Switch {
    on: bool,
}

/// `POST /salesforce/approval-flow` `{"on": false}`: the Flow stops publishing on approval
/// (an org whose automation is broken; the portal's sweep must still find the order).
async fn set_sf_approval_flow(State(s): State<Simulators>, Json(sw): Json<Switch>) -> StatusCode {
    s.salesforce.set_approval_flow(sw.on);
    StatusCode::NO_CONTENT
}
