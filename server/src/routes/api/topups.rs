//! Top-ups over REST: order, history, pay link.

use super::input::*;
use super::*;

/// `{"quotaMb": 3000, "campaignCode"?, "expiryDate"?: "YYYY-MM-DD", "scheduledFor"?: "YYYY-MM-DD"}`
/// with an optional `Idempotency-Key` header (same key, same top-up: never charged twice).
/// 200 when the data is on the line, 202 when paid and on its way (or scheduled), 402 when
/// the payment failed (with `payUrl`).
pub(super) async fn top_up(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
    headers: HeaderMap,
    body: JsonBody,
) -> Result<(StatusCode, Json<TopUp>), ApiError> {
    let body = object(
        body,
        &["quotaMb", "campaignCode", "expiryDate", "scheduledFor"],
    )?;
    let quota = match body.get("quotaMb") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => String::new(),
        Some(_) => "not a number".to_string(),
    };
    let order = TopUpOrder::parse_input(
        &quota,
        opt_text(&body, "campaignCode")?,
        opt_text(&body, "expiryDate")?,
        opt_text(&body, "scheduledFor")?,
        crate::portal::sim::today_jst(),
    )?;
    let key = match headers.get("idempotency-key") {
        Some(v) => parse_idempotency_key(v.to_str().unwrap_or_default())?,
        // Without a key every request is a new top-up, as the client asked.
        None => format!("auto-{:032x}", rand::random::<u128>()),
    };
    let t = state
        .ports
        .top_ups
        .order(&customer, id, order, &key)
        .await?;
    let status = if t.state == TopUpState::Applied {
        StatusCode::OK
    } else {
        StatusCode::ACCEPTED
    };
    Ok((status, Json(t)))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct HistoryQuery {
    pub(super) from_date: Option<String>,
    pub(super) to_date: Option<String>,
}

/// `?fromDate=YYYY-MM-DD&toDate=YYYY-MM-DD` (default: the last 90 days).
pub(super) async fn top_up_history(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
    query: Result<Query<HistoryQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<TopUpHistory>, ApiError> {
    let Query(q) = query.map_err(|_| PortalError::BadRequest(t!("server-api-history-dates")))?;
    let (from, to) = parse_history_range(
        q.from_date.as_deref(),
        q.to_date.as_deref(),
        crate::portal::sim::today_jst(),
    )?;
    Ok(Json(
        state.ports.top_ups.history(&customer, id, from, to).await?,
    ))
}

/// Mints a single-use billing sign-in (valid ~60 s) and sends the browser there: the
/// invoice to pay, or the page to add a card.
pub(super) async fn pay_top_up(
    State(state): State<AppState>,
    Authed(customer): Authed,
    Path((raw_id, top_up)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let id = SubscriptionId::parse(&raw_id).ok_or(ApiError(PortalError::NotFound))?;
    let url = state.ports.top_ups.pay_link(&customer, id, &top_up).await?;
    Ok(axum::response::Redirect::to(&url).into_response())
}
