//! `POST /api/catalog/invalidate`: Salesforce (an outbound message or Flow HTTP callout when
//! products, prices or an account's eligibility change) or an admin tells the portal to forget
//! what it cached. No body: the catalog. `{"accountId": "001…"}`: that account's eligibility.
//! Live, it answers only `Authorization: Bearer <CATALOG_INVALIDATE_TOKEN>` (unset: 404); in
//! demo mode it is open, like the rest of the demo's controls.

use crate::portal::shop::PortalShop;
use crate::store::customers;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;

#[derive(Clone)]
pub struct HookState {
    pub shop: PortalShop,
    pub token: Option<SecretString>,
    pub live: bool,
}

pub fn router<S: Clone + Send + Sync + 'static>(state: HookState) -> Router<S> {
    Router::new()
        .route("/api/catalog/invalidate", post(invalidate))
        .with_state(state)
}

async fn invalidate(State(s): State<HookState>, headers: HeaderMap, body: Bytes) -> StatusCode {
    if s.live {
        let Some(token) = &s.token else {
            return StatusCode::NOT_FOUND;
        };
        let sent = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if !sent.is_some_and(|t| bool::from(t.as_bytes().ct_eq(token.expose_secret().as_bytes()))) {
            return StatusCode::UNAUTHORIZED;
        }
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        s.shop.invalidate_catalog().await;
        tracing::info!("catalog cache invalidated");
        return StatusCode::NO_CONTENT;
    }
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    let Some(account) = v.get("accountId").and_then(|a| a.as_str()) else {
        return StatusCode::BAD_REQUEST;
    };
    match customers::by_salesforce_account(&s.shop.db, account).await {
        Ok(Some(customer)) => {
            s.shop.cache.forget(customer).await;
            tracing::info!(customer, "eligibility cache invalidated");
            StatusCode::NO_CONTENT
        }
        // Nobody with a login on that account: nothing cached.
        Ok(None) => StatusCode::NO_CONTENT,
        Err(e) => {
            tracing::error!(error = %e, "cannot map the account");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}
