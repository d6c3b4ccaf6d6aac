//! REST for non-browser clients (seed 000's BFF routes). Same services, same session cookie
//! and the same [`PortalError`] as the pages; errors answer `{"code", "message"}`.

use crate::AppState;
use app::domain::topup::{parse_history_range, parse_idempotency_key};
use app::domain::{
    ActionReceipt, Customer, Eid, FeatureChange, Invoice, NetworkType, PlanCode, PortalError,
    SessionInfo, Subscription, SubscriptionId, TimelineEntry, TopUp, TopUpHistory, TopUpOrder,
    TopUpState, UsageReport,
};
use app::ports::{session_cookie, session_token, Client};
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

pub struct ApiError(pub PortalError);

impl From<PortalError> for ApiError {
    fn from(e: PortalError) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut body = json!({"code": self.0.code(), "message": self.0.to_string()});
        if let Some(field) = self.0.field() {
            body["field"] = json!(field);
        }
        if let PortalError::PaymentRequired {
            pay_url, pay_label, ..
        } = &self.0
        {
            body["payUrl"] = json!(pay_url);
            body["payLabel"] = json!(pay_label);
        }
        let mut response = (status, Json(body)).into_response();
        if let Some(secs) = self.0.retry_after() {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        response
    }
}

/// The logged-in customer; rejects with 401 otherwise.
pub struct Authed(pub Customer);

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = session_token(&parts.headers, state.ports.secure_cookies)
            .ok_or(PortalError::Unauthorized)?;
        let customer = state
            .ports
            .accounts
            .customer_for_session(&token)
            .await?
            .ok_or(PortalError::Unauthorized)?;
        Ok(Authed(customer))
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/auth/login", post(login))
        .route("/api/auth/link", post(link))
        .route("/api/auth/password-reset", post(password_reset))
        .route(
            "/api/auth/password-reset/confirm",
            post(password_reset_confirm),
        )
        .route("/api/auth/logout", post(logout))
        .route("/api/auth/logout-everywhere", post(logout_everywhere))
        .route("/api/auth/sessions", get(sessions))
        .route(
            "/api/auth/sessions/{id}",
            axum::routing::delete(end_session),
        )
        .route("/api/me", get(me))
        .route("/api/subscriptions", get(subscriptions))
        .route("/api/billing/invoices", get(invoices))
        .route("/api/billing/invoices/{id}/open", get(open_invoice))
        .route("/api/subscriptions/{id}/sim", get(sim))
        .route("/api/subscriptions/{id}/sim/details", get(sim_details))
        .route("/api/subscriptions/{id}/sim/usage", get(sim_usage))
        .route("/api/subscriptions/{id}/sim/timeline", get(sim_timeline))
        .route("/api/subscriptions/{id}/sim/change-plan", post(change_plan))
        .route(
            "/api/subscriptions/{id}/sim/cancel-plan-change",
            post(cancel_plan_change),
        )
        .route("/api/subscriptions/{id}/sim/features", post(features))
        .route("/api/subscriptions/{id}/sim/cancel", post(cancel))
        .route(
            "/api/subscriptions/{id}/sim/reissue-esim",
            post(reissue_esim),
        )
        .route("/api/subscriptions/{id}/sim/top-up", post(top_up))
        .route(
            "/api/subscriptions/{id}/sim/top-up-history",
            get(top_up_history),
        )
        .route(
            "/api/subscriptions/{id}/sim/top-ups/{top_up}/pay",
            get(pay_top_up),
        )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoginBody {
    email: String,
    password: String,
}

async fn login(
    State(state): State<AppState>,
    parts: Parts,
    body: Result<Json<LoginBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|e| {
        too_large(&e).unwrap_or_else(|| {
            PortalError::BadRequest("Send JSON with \"email\" and \"password\".".into())
        })
    })?;
    let session = state
        .ports
        .accounts
        .login(
            body.email.trim(),
            &body.password,
            &Client::from_parts(&parts),
            session_token(&parts.headers, state.ports.secure_cookies).as_deref(),
        )
        .await?;
    let cookie = session_cookie(
        &session.token,
        session.max_age_secs,
        state.ports.secure_cookies,
    );
    Ok(session_answer(session, cookie))
}

/// Browsers use the cookie; REST and GraphQL clients may send the token as
/// `Authorization: Bearer …` instead (same lifetime rules, no cookie, no CSRF exposure).
fn session_answer(session: app::ports::NewSession, cookie: String) -> Response {
    let body = json!({
        "customer": session.customer,
        "token": session.token,
        "tokenType": "Bearer",
        "expiresIn": session.max_age_secs,
    });
    ([(SET_COOKIE, cookie)], Json(body)).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResetBody {
    email: String,
}

/// `{email}` → 202 whether or not the email has a login (nothing to learn from asking).
async fn password_reset(
    State(state): State<AppState>,
    parts: Parts,
    body: Result<Json<ResetBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|e| {
        too_large(&e).unwrap_or_else(|| PortalError::BadRequest("Send JSON with \"email\".".into()))
    })?;
    state
        .ports
        .accounts
        .request_password_reset(&body.email, &Client::from_parts(&parts))
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({"message": app::domain::account::RESET_SENT})),
    )
        .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ResetConfirmBody {
    token: String,
    new_password: String,
}

/// `{token, newPassword}` → 204; every session of the account ends.
async fn password_reset_confirm(
    State(state): State<AppState>,
    body: Result<Json<ResetConfirmBody>, axum::extract::rejection::JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(body) = body.map_err(|e| {
        too_large(&e).unwrap_or_else(|| {
            PortalError::BadRequest("Send JSON with \"token\" and \"newPassword\".".into())
        })
    })?;
    state
        .ports
        .accounts
        .reset_password(&body.token, &body.new_password)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct LinkBody {
    email: String,
    billing_password: String,
    new_password: String,
}

/// `{email, billingPassword, newPassword}`: the first login of an existing billing customer.
async fn link(
    State(state): State<AppState>,
    parts: Parts,
    body: Result<Json<LinkBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|e| {
        too_large(&e).unwrap_or_else(|| {
            PortalError::BadRequest(
                "Send JSON with \"email\", \"billingPassword\" and \"newPassword\".".into(),
            )
        })
    })?;
    let session = state
        .ports
        .accounts
        .link_billing_account(
            &body.email,
            &body.billing_password,
            &body.new_password,
            &Client::from_parts(&parts),
        )
        .await?;
    let cookie = session_cookie(
        &session.token,
        session.max_age_secs,
        state.ports.secure_cookies,
    );
    Ok(session_answer(session, cookie))
}

async fn sessions(
    State(state): State<AppState>,
    Authed(customer): Authed,
    headers: HeaderMap,
) -> Result<Json<Vec<SessionInfo>>, ApiError> {
    let token = session_token(&headers, state.ports.secure_cookies).unwrap_or_default();
    Ok(Json(
        state.ports.accounts.sessions(&customer, &token).await?,
    ))
}

async fn end_session(
    State(state): State<AppState>,
    Authed(customer): Authed,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.ports.accounts.end_session(&customer, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn logout_everywhere(
    State(state): State<AppState>,
    Authed(customer): Authed,
) -> Result<Response, ApiError> {
    state.ports.accounts.logout_everywhere(&customer).await?;
    let cookie = session_cookie("", 0, state.ports.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], StatusCode::NO_CONTENT).into_response())
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    if let Some(token) = session_token(&headers, state.ports.secure_cookies) {
        state.ports.accounts.logout(&token).await?;
    }
    let cookie = session_cookie("", 0, state.ports.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], StatusCode::NO_CONTENT).into_response())
}

async fn invoices(
    State(state): State<AppState>,
    Authed(customer): Authed,
) -> Result<Json<Vec<Invoice>>, ApiError> {
    Ok(Json(state.ports.billing.invoices(&customer).await?))
}

/// 303 to a fresh single-use WHMCS sign-in link that opens the invoice. A browser (the
/// billing page's buttons) that cannot be sent there goes back to the billing page with a
/// message instead of a JSON error.
async fn open_invoice(
    State(state): State<AppState>,
    Authed(customer): Authed,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let browser = headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    let result = match raw.trim().parse::<u64>() {
        Ok(id) if id > 0 => state.ports.billing.invoice_link(&customer, id).await,
        _ => Err(PortalError::NotFound),
    };
    match result {
        Ok(url) => Ok(axum::response::Redirect::to(&url).into_response()),
        Err(e) if browser => {
            let reason = if e == PortalError::NotFound {
                "not_found"
            } else {
                "unavailable"
            };
            let to = format!("{}?open_error={reason}", app::routes::BILLING);
            Ok(axum::response::Redirect::to(&to).into_response())
        }
        Err(e) => Err(ApiError(e)),
    }
}

async fn me(Authed(customer): Authed) -> Json<Customer> {
    Json(customer)
}

async fn subscriptions(
    State(state): State<AppState>,
    Authed(customer): Authed,
) -> Result<Json<Vec<Subscription>>, ApiError> {
    Ok(Json(state.ports.sims.subscriptions(&customer).await?))
}

/// The `{id}` of `/api/subscriptions/{id}/…`; anything but a positive integer is 404.
struct SimId(SubscriptionId);

impl FromRequestParts<AppState> for SimId {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError(PortalError::NotFound))?;
        SubscriptionId::parse(&raw)
            .map(SimId)
            .ok_or(ApiError(PortalError::NotFound))
    }
}

/// A body cut off by the size limit while streaming (one without a `Content-Length` is
/// only found to be too large as it is read).
fn too_large(e: &axum::extract::rejection::JsonRejection) -> Option<PortalError> {
    (e.status() == StatusCode::PAYLOAD_TOO_LARGE).then_some(PortalError::TooLarge)
}

/// Longest string any write accepts in any field; the domain parsers set tighter limits.
const MAX_FIELD_CHARS: usize = 256;

/// A JSON object body with only the `allowed` fields, none of its strings overlong; anything
/// else is a 400 naming the field. Unknown fields are refused rather than ignored, so a
/// misspelt option (`"voicemail"`) is an error, not a silent no-op.
fn object(
    body: Result<Json<Value>, axum::extract::rejection::JsonRejection>,
    allowed: &[&str],
) -> Result<Value, ApiError> {
    let v = match body {
        Ok(Json(v)) if v.is_object() => v,
        Err(e) if too_large(&e).is_some() => return Err(ApiError(PortalError::TooLarge)),
        _ => {
            return Err(ApiError(PortalError::BadRequest(
                "Send a JSON object (Content-Type: application/json).".into(),
            )))
        }
    };
    for (key, value) in v.as_object().into_iter().flatten() {
        if !allowed.contains(&key.as_str()) {
            let name: String = key.chars().take(40).collect();
            let takes = if allowed.is_empty() {
                "no fields".to_string()
            } else {
                allowed.join(", ")
            };
            return Err(ApiError(PortalError::invalid(
                &name,
                format!("Unknown field \"{name}\": this request takes {takes}."),
            )));
        }
        if value
            .as_str()
            .is_some_and(|s| s.chars().count() > MAX_FIELD_CHARS)
        {
            return Err(ApiError(PortalError::invalid(
                key,
                format!("{key} is too long (at most {MAX_FIELD_CHARS} characters)."),
            )));
        }
    }
    Ok(v)
}

/// A string field, or a 400 naming it.
fn text_field<'a>(body: &'a Value, field: &str, what: &str) -> Result<&'a str, ApiError> {
    body.get(field)
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError(PortalError::invalid(field, what)))
}

/// An optional boolean field, or a 400 naming it.
fn bool_field(body: &Value, field: &str) -> Result<Option<bool>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(ApiError(PortalError::invalid(
            field,
            format!("{field} must be true or false."),
        ))),
    }
}

type JsonBody = Result<Json<Value>, axum::extract::rejection::JsonRejection>;
type Accepted = (StatusCode, Json<ActionReceipt>);

fn accepted(receipt: ActionReceipt) -> Accepted {
    (StatusCode::ACCEPTED, Json(receipt))
}

/// Details and usage together (seed 000's `GET /api/subscriptions/{id}/sim`).
async fn sim(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
) -> Result<Json<Value>, ApiError> {
    let sims = &state.ports.sims;
    let (details, usage) = tokio::join!(sims.sim_details(&customer, id), sims.usage(&customer, id));
    Ok(Json(json!({"details": details?, "usage": usage?})))
}

async fn sim_details(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
) -> Result<Json<Value>, ApiError> {
    let details = state.ports.sims.sim_details(&customer, id).await?;
    Ok(Json(json!({ "details": details })))
}

async fn sim_usage(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
) -> Result<Json<UsageReport>, ApiError> {
    Ok(Json(state.ports.sims.usage(&customer, id).await?))
}

async fn sim_timeline(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
) -> Result<Json<Vec<TimelineEntry>>, ApiError> {
    Ok(Json(state.ports.sims.timeline(&customer, id).await?))
}

/// `{"newPlanCode": "PASI_25G"}`
async fn change_plan(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
    body: JsonBody,
) -> Result<Accepted, ApiError> {
    let body = object(body, &["newPlanCode"])?;
    let plan = PlanCode::parse_input(text_field(
        &body,
        "newPlanCode",
        "newPlanCode is required, e.g. \"PASI_25G\".",
    )?)?;
    Ok(accepted(
        state.ports.sims.change_plan(&customer, id, plan).await?,
    ))
}

async fn cancel_plan_change(
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
async fn features(
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
                    PortalError::invalid("networkType", "networkType must be \"4G\" or \"5G\".")
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
async fn cancel(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
    body: JsonBody,
) -> Result<Accepted, ApiError> {
    let body = object(body, &["cancelOn", "confirmLast4"])?;
    let confirm = text_field(
        &body,
        "confirmLast4",
        "confirmLast4 is required: the last 4 digits of the SIM's number.",
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
async fn reissue_esim(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
    body: JsonBody,
) -> Result<Accepted, ApiError> {
    let body = object(body, &["eid"])?;
    let eid = Eid::parse_input(text_field(
        &body,
        "eid",
        "eid is required: the new device's 32-digit EID.",
    )?)?;
    Ok(accepted(
        state.ports.sims.reissue_esim(&customer, id, eid).await?,
    ))
}

/// An optional text field (absent, null or a string), or a 400 naming it.
fn opt_text<'a>(body: &'a Value, field: &str) -> Result<&'a str, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(""),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(ApiError(PortalError::invalid(
            field,
            format!("{field} must be a string."),
        ))),
    }
}

/// `{"quotaMb": 3000, "campaignCode"?, "expiryDate"?: "YYYY-MM-DD", "scheduledFor"?: "YYYY-MM-DD"}`
/// with an optional `Idempotency-Key` header (same key, same top-up: never charged twice).
/// 200 when the data is on the line, 202 when paid and on its way (or scheduled), 402 when
/// the payment failed (with `payUrl`).
async fn top_up(
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
struct HistoryQuery {
    from_date: Option<String>,
    to_date: Option<String>,
}

/// `?fromDate=YYYY-MM-DD&toDate=YYYY-MM-DD` (default: the last 90 days).
async fn top_up_history(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
    query: Result<Query<HistoryQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<TopUpHistory>, ApiError> {
    let Query(q) = query
        .map_err(|_| PortalError::BadRequest("Use fromDate and toDate as YYYY-MM-DD.".into()))?;
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
async fn pay_top_up(
    State(state): State<AppState>,
    Authed(customer): Authed,
    Path((raw_id, top_up)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let id = SubscriptionId::parse(&raw_id).ok_or(ApiError(PortalError::NotFound))?;
    let url = state.ports.top_ups.pay_link(&customer, id, &top_up).await?;
    Ok(axum::response::Redirect::to(&url).into_response())
}
