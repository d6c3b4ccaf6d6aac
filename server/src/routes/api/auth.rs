//! Login, linking, password reset, sessions and logout.

use super::input::*;
use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LoginBody {
    pub(super) email: String,
    pub(super) password: String,
}

pub(super) async fn login(
    State(state): State<AppState>,
    parts: Parts,
    body: Result<Json<LoginBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|e| {
        too_large(&e).unwrap_or_else(|| PortalError::BadRequest(t!("server-api-login-json")))
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
    Ok(session_answer(session, state.ports.secure_cookies))
}

/// Browsers use the cookie; REST and GraphQL clients may send the token as
/// `Authorization: Bearer …` instead (same lifetime rules, no cookie, no CSRF exposure).
pub(super) fn session_answer(session: app::ports::NewSession, secure_cookies: bool) -> Response {
    let cookie = session_cookie(&session.token, session.max_age_secs, secure_cookies);
    let body = json!({
        "customer": session.customer,
        "token": session.token,
        "tokenType": "Bearer",
        "expiresIn": session.max_age_secs,
    });
    let mut response = ([(SET_COOKIE, cookie)], Json(body)).into_response();
    if let Some(lang) = session.lang {
        if let Ok(v) = axum::http::HeaderValue::from_str(&app::i18n::cookie(lang, secure_cookies)) {
            response.headers_mut().append(SET_COOKIE, v);
        }
    }
    response
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ResetBody {
    pub(super) email: String,
}

/// `{email}` → 202 whether or not the email has a login (nothing to learn from asking).
pub(super) async fn password_reset(
    State(state): State<AppState>,
    parts: Parts,
    body: Result<Json<ResetBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|e| {
        too_large(&e).unwrap_or_else(|| PortalError::BadRequest(t!("server-api-reset-json")))
    })?;
    state
        .ports
        .accounts
        .request_password_reset(&body.email, &Client::from_parts(&parts))
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({"message": app::domain::account::reset_sent()})),
    )
        .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct ResetConfirmBody {
    pub(super) token: String,
    pub(super) new_password: String,
}

/// `{token, newPassword}` → 204; every session of the account ends.
pub(super) async fn password_reset_confirm(
    State(state): State<AppState>,
    body: Result<Json<ResetConfirmBody>, axum::extract::rejection::JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(body) = body.map_err(|e| {
        too_large(&e)
            .unwrap_or_else(|| PortalError::BadRequest(t!("server-api-reset-confirm-json")))
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
pub(super) struct LinkBody {
    pub(super) email: String,
    pub(super) billing_password: String,
    pub(super) new_password: String,
}

/// `{email, billingPassword, newPassword}`: the first login of an existing billing customer.
pub(super) async fn link(
    State(state): State<AppState>,
    parts: Parts,
    body: Result<Json<LinkBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|e| {
        too_large(&e).unwrap_or_else(|| PortalError::BadRequest(t!("server-api-link-json")))
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
    Ok(session_answer(session, state.ports.secure_cookies))
}

pub(super) async fn sessions(
    State(state): State<AppState>,
    Authed(customer): Authed,
    headers: HeaderMap,
) -> Result<Json<Vec<SessionInfo>>, ApiError> {
    let token = session_token(&headers, state.ports.secure_cookies).unwrap_or_default();
    Ok(Json(
        state.ports.accounts.sessions(&customer, &token).await?,
    ))
}

pub(super) async fn end_session(
    State(state): State<AppState>,
    Authed(customer): Authed,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.ports.accounts.end_session(&customer, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) async fn logout_everywhere(
    State(state): State<AppState>,
    Authed(customer): Authed,
) -> Result<Response, ApiError> {
    state.ports.accounts.logout_everywhere(&customer).await?;
    let cookie = session_cookie("", 0, state.ports.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], StatusCode::NO_CONTENT).into_response())
}

pub(super) async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(token) = session_token(&headers, state.ports.secure_cookies) {
        state.ports.accounts.logout(&token).await?;
    }
    let cookie = session_cookie("", 0, state.ports.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], StatusCode::NO_CONTENT).into_response())
}

pub(super) async fn me(Authed(customer): Authed) -> Json<Customer> {
    Json(customer)
}
