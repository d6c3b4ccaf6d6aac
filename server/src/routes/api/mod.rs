//! REST for non-browser clients (seed 000's BFF routes). Same services, same session (cookie
//! or bearer token) and the same [`PortalError`] as the pages; errors answer
//! `{"code", "message", "requestId"}`. One module per area; input helpers in [`input`].

mod auth;
mod billing;
mod feed;
mod input;
pub mod ops;
mod ops_records;
mod orders;
mod profile;
mod sims;
mod support;
mod topups;

use crate::AppState;
use app::domain::topup::{parse_history_range, parse_idempotency_key};
use app::domain::{
    ActionReceipt, Customer, Eid, FeatureChange, Invoice, NetworkType, PlanCode, PortalError,
    SessionInfo, Subscription, SubscriptionId, TimelineEntry, TopUp, TopUpHistory, TopUpOrder,
    TopUpState, UsageReport,
};
use app::ports::{session_cookie, session_token, Client};
use app::t;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
pub(crate) use input::unknown_field;
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
        if let Some(id) = super::request_id::current() {
            body["requestId"] = json!(id);
        }
        if let Some(field) = self.0.field() {
            body["field"] = json!(field);
        }
        if let PortalError::NotAllowed { allowed, .. } = &self.0 {
            body["allowed"] = json!(allowed);
        }
        if let PortalError::PaymentRequired {
            pay_url, pay_label, ..
        } = &self.0
        {
            body["payUrl"] = json!(pay_url);
            body["payLabel"] = json!(pay_label);
        }
        let mut response = (status, Json(body)).into_response();
        response.extensions_mut().insert(super::request_id::Shaped);
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
        .merge(ops::router())
        .merge(ops_records::router())
        .route("/api/auth/login", post(auth::login))
        .route("/api/auth/link", post(auth::link))
        .route("/api/auth/signup", post(profile::signup))
        .route("/api/auth/sso-link", post(profile::sso_link))
        .route("/api/me/profile", get(profile::profile))
        .route(
            "/api/me/address",
            axum::routing::patch(profile::change_address),
        )
        .route(
            "/api/billing/payment-methods/summary",
            get(profile::payment_methods),
        )
        .route(
            "/api/billing/payment-methods/manage",
            get(profile::manage_payment_methods),
        )
        .route(
            "/api/support/cases",
            get(support::cases).post(support::open_case),
        )
        .route("/api/support/cases/{id}", get(support::case))
        .route("/api/catalog", get(orders::catalog))
        .route("/api/catalog/personalized", get(orders::personalized))
        .route("/api/orders", get(orders::orders).post(orders::place))
        .route("/api/orders/{id}", get(orders::order))
        .route("/api/support/cases/{id}/comments", post(support::comment))
        .route("/api/auth/password-reset", post(auth::password_reset))
        .route(
            "/api/auth/password-reset/confirm",
            post(auth::password_reset_confirm),
        )
        .route("/api/auth/logout", post(auth::logout))
        .route("/api/auth/logout-everywhere", post(auth::logout_everywhere))
        .route("/api/auth/sessions", get(auth::sessions))
        .route(
            "/api/auth/sessions/{id}",
            axum::routing::delete(auth::end_session),
        )
        .route("/api/me", get(auth::me))
        .route("/api/subscriptions", get(sims::subscriptions))
        .route("/api/billing/invoices", get(billing::invoices))
        .route(
            "/api/billing/invoices/{id}/open",
            get(billing::open_invoice),
        )
        .route("/api/subscriptions/{id}/sim", get(sims::sim))
        .route(
            "/api/subscriptions/{id}/sim/details",
            get(sims::sim_details),
        )
        .route("/api/subscriptions/{id}/sim/usage", get(sims::sim_usage))
        .route(
            "/api/subscriptions/{id}/sim/usage.csv",
            get(feed::usage_csv_file),
        )
        .route("/api/feed/usage", get(feed::usage))
        .route(
            "/api/subscriptions/{id}/sim/timeline",
            get(sims::sim_timeline),
        )
        .route(
            "/api/subscriptions/{id}/sim/change-plan",
            post(sims::change_plan),
        )
        .route(
            "/api/subscriptions/{id}/sim/cancel-plan-change",
            post(sims::cancel_plan_change),
        )
        .route("/api/subscriptions/{id}/sim/features", post(sims::features))
        .route("/api/subscriptions/{id}/sim/cancel", post(sims::cancel))
        .route(
            "/api/subscriptions/{id}/sim/reissue-esim",
            post(sims::reissue_esim),
        )
        .route("/api/subscriptions/{id}/sim/top-up", post(topups::top_up))
        .route(
            "/api/subscriptions/{id}/sim/top-up-history",
            get(topups::top_up_history),
        )
        .route(
            "/api/subscriptions/{id}/sim/top-ups/{top_up}/pay",
            get(topups::pay_top_up),
        )
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
