//! Demo-only endpoint (exists only while the portal runs on its simulators): a fresh demo
//! customer — a new simulated WHMCS client with the standard SIM set, and a portal login with
//! the demo password. Browser tests take one each, so they never share mutable SIMs; people
//! trying the portal get a clean account the same way.
//!
//! `POST /_sim/control/demo-customer` → 201 `{clientId, email, password, services: [...]}`

use crate::portal::accounts::hash_password;
use crate::simulator::{demo, Simulators};
use crate::store::{customers, Db};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;

#[derive(Clone)]
struct DemoState {
    db: Db,
    sims: Simulators,
}

/// Routes to merge into the `/_sim` router.
pub fn router(db: Db, sims: Simulators) -> Router {
    Router::new()
        .route("/control/demo-customer", post(create))
        .with_state(DemoState { db, sims })
}

async fn create(State(s): State<DemoState>) -> Response {
    let client = s.sims.provision_demo_client();
    let stored = async {
        let hash = hash_password(demo::DEMO_PASSWORD).map_err(|e| e.to_string())?;
        let id = i64::try_from(client.client_id).map_err(|e| e.to_string())?;
        customers::upsert(&s.db, &client.email, &hash, id, true)
            .await
            .map_err(|e| e.to_string())
    }
    .await;
    match stored {
        Ok(_) => (
            StatusCode::CREATED,
            Json(json!({
                "clientId": client.client_id,
                "email": client.email,
                "password": demo::DEMO_PASSWORD,
                "services": client.services,
            })),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = e, "could not create a demo customer");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
