//! `POST /webhooks/esimgo`: eSIM Go's callbacks. The signature is checked before anything
//! else — `X-Signature-SHA256` = HMAC-SHA256 of the raw body keyed by the API key, hex or
//! base64 (the sources disagree, contract §5), compared in constant time; missing or wrong is
//! 401 and nothing is stored. A valid delivery is stored once and applied
//! ([`crate::portal::esim_store::callbacks`]); eSIM Go gets 200 for everything it sent
//! correctly, so it does not retry what was already taken.

use crate::esimgo::EsimGoClient;
use crate::portal::esim_store::callbacks::{self, Handled};
use crate::store::Db;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};

pub const PATH: &str = "/webhooks/esimgo";

#[derive(Clone)]
pub struct HookState {
    pub db: Db,
    pub esimgo: EsimGoClient,
    pub cache: crate::cache::Cache,
    /// The portal's public address (links in alert emails).
    pub base_url: String,
}

pub fn router<S: Clone + Send + Sync + 'static>(state: HookState) -> Router<S> {
    Router::new().route(PATH, post(receive)).with_state(state)
}

async fn receive(State(s): State<HookState>, headers: HeaderMap, body: Bytes) -> Response {
    let signature = headers
        .get("x-signature-sha256")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !s.esimgo.signature_valid(&body, signature) {
        metrics::counter!("esimgo_callbacks_total", "outcome" => "rejected").increment(1);
        tracing::warn!(
            signed = !signature.is_empty(),
            "eSIM Go callback refused: bad or missing signature"
        );
        return (
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({"error": "invalid signature"})),
        )
            .into_response();
    }
    match callbacks::handle(&s.db, &s.base_url, &body).await {
        Ok((handled, customer)) => {
            if let (Handled::Applied, Some(c)) = (&handled, customer) {
                s.cache.forget(c).await;
            }
            let outcome = match handled {
                Handled::Applied => "applied",
                Handled::Duplicate => "duplicate",
                Handled::Ignored => "kept",
            };
            metrics::counter!("esimgo_callbacks_total", "outcome" => outcome).increment(1);
            Json(serde_json::json!({"status": outcome})).into_response()
        }
        Err(e) => {
            // Not stored: eSIM Go may send it again.
            metrics::counter!("esimgo_callbacks_total", "outcome" => "failed").increment(1);
            tracing::error!(error = %e, "could not store an eSIM Go callback");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Writes the "plan ends within a day" alerts every minute, until the process ends.
pub async fn expiry_job(db: Db, base_url: String) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match callbacks::expiry_sweep(&db, &base_url).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(alerts = n, "bundle expiry alerts written"),
            Err(e) => tracing::warn!(error = %e, "bundle expiry sweep failed"),
        }
    }
}
