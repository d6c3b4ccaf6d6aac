//! The SIM page over REST: subscriptions, details, usage, timeline and the actions.

use super::input::*;
use super::*;

pub(super) async fn subscriptions(
    State(state): State<AppState>,
    Authed(customer): Authed,
) -> Result<Json<Vec<Subscription>>, ApiError> {
    Ok(Json(state.ports.sims.subscriptions(&customer).await?))
}

/// Details and usage together (seed 000's `GET /api/subscriptions/{id}/sim`).
pub(super) async fn sim(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
) -> Result<Json<Value>, ApiError> {
    let sims = &state.ports.sims;
    let (details, usage) = tokio::join!(sims.sim_details(&customer, id), sims.usage(&customer, id));
    Ok(Json(json!({"details": details?, "usage": usage?})))
}

pub(super) async fn sim_details(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
) -> Result<Json<Value>, ApiError> {
    let details = state.ports.sims.sim_details(&customer, id).await?;
    Ok(Json(json!({ "details": details })))
}

pub(super) async fn sim_usage(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
) -> Result<Json<UsageReport>, ApiError> {
    Ok(Json(state.ports.sims.usage(&customer, id).await?))
}

pub(super) async fn sim_timeline(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
) -> Result<Json<Vec<TimelineEntry>>, ApiError> {
    Ok(Json(state.ports.sims.timeline(&customer, id).await?))
}

/// `{"newPlanCode": "PASI_25G"}`
pub(super) async fn change_plan(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
    body: JsonBody,
) -> Result<Accepted, ApiError> {
    let body = object(body, &["newPlanCode"])?;
    let plan = PlanCode::parse_input(text_field(
        &body,
        "newPlanCode",
        &t!("server-api-sim-plan-required"),
    )?)?;
    Ok(accepted(
        state.ports.sims.change_plan(&customer, id, plan).await?,
    ))
}

pub(super) async fn cancel_plan_change(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
) -> Result<Accepted, ApiError> {
    Ok(accepted(
        state.ports.sims.cancel_plan_change(&customer, id).await?,
    ))
}

/// `{"voiceMail": true, "callWaiting": false, "internationalRoaming": true, "networkType": "4G"}`,
/// any subset.
pub(super) async fn features(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
    body: JsonBody,
) -> Result<Accepted, ApiError> {
    let body = object(
        body,
        &[
            "voiceMail",
            "callWaiting",
            "internationalRoaming",
            "networkType",
        ],
    )?;
    let network_type = match body.get("networkType") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_str()
                .and_then(|s| s.parse::<NetworkType>().ok())
                .ok_or_else(|| {
                    PortalError::invalid("networkType", t!("server-api-sim-network-type"))
                })?,
        ),
    };
    let change = FeatureChange {
        voice_mail: bool_field(&body, "voiceMail")?,
        call_waiting: bool_field(&body, "callWaiting")?,
        international_roaming: bool_field(&body, "internationalRoaming")?,
        network_type,
    };
    Ok(accepted(
        state.ports.sims.set_features(&customer, id, change).await?,
    ))
}

/// `{"confirmLast4": "2946", "cancelOn": "2026-11-30"}`; `cancelOn` defaults to this month's end.
pub(super) async fn cancel(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
    body: JsonBody,
) -> Result<Accepted, ApiError> {
    let body = object(body, &["cancelOn", "confirmLast4"])?;
    let confirm = text_field(
        &body,
        "confirmLast4",
        &t!("server-api-sim-confirm-required"),
    )?;
    let on = match body.get("cancelOn") {
        None | Some(Value::Null) => {
            app::domain::dates::end_of_month(crate::portal::sim::today_jst())
        }
        Some(v) => app::domain::dates::parse_cancel_on(v.as_str().unwrap_or_default())?,
    };
    Ok(accepted(
        state
            .ports
            .sims
            .cancel_sim(&customer, id, on, confirm)
            .await?,
    ))
}

/// `{"eid": "89049032…"}` (32 digits)
pub(super) async fn reissue_esim(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
    body: JsonBody,
) -> Result<Accepted, ApiError> {
    let body = object(body, &["eid"])?;
    let eid = Eid::parse_input(text_field(
        &body,
        "eid",
        &t!("server-api-sim-eid-required"),
    )?)?;
    Ok(accepted(
        state.ports.sims.reissue_esim(&customer, id, eid).await?,
    ))
}
