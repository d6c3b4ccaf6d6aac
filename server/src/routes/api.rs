//! REST for non-browser clients (seed 000's BFF routes). Same services, same session cookie
//! and the same [`PortalError`] as the pages; errors answer `{"code", "message"}`.

use crate::AppState;
use app::domain::{Customer, PortalError, SimDetails, Subscription, SubscriptionId};
use app::ports::{session_cookie, session_token};
use axum::extract::{FromRequestParts, Path, State};
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

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
        (
            status,
            Json(serde_json::json!({"code": self.0.code(), "message": self.0.to_string()})),
        )
            .into_response()
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
        let token = session_token(&parts.headers).ok_or(PortalError::Unauthorized)?;
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
        .route("/api/auth/logout", post(logout))
        .route("/api/me", get(me))
        .route("/api/subscriptions", get(subscriptions))
        .route("/api/subscriptions/{id}/sim/details", get(sim_details))
}

#[derive(Deserialize)]
struct LoginBody {
    email: String,
    password: String,
}

async fn login(
    State(state): State<AppState>,
    body: Result<Json<LoginBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|_| {
        PortalError::BadRequest("Send JSON with \"email\" and \"password\".".into())
    })?;
    let session = state
        .ports
        .accounts
        .login(body.email.trim(), &body.password)
        .await?;
    let cookie = session_cookie(
        &session.token,
        session.max_age_secs,
        state.ports.secure_cookies,
    );
    Ok(([(SET_COOKIE, cookie)], Json(session.customer)).into_response())
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    if let Some(token) = session_token(&headers) {
        state.ports.accounts.logout(&token).await?;
    }
    let cookie = session_cookie("", 0, state.ports.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], StatusCode::NO_CONTENT).into_response())
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

async fn sim_details(
    State(state): State<AppState>,
    Authed(customer): Authed,
    Path(id): Path<String>,
) -> Result<Json<SimDetails>, ApiError> {
    let id = SubscriptionId::parse(&id).ok_or(PortalError::NotFound)?;
    Ok(Json(state.ports.sims.sim_details(&customer, id).await?))
}
