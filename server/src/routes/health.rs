//! Health checks that make a real call to each upstream (simulated or real) and report its
//! latency; 503 when it is down.

use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use std::time::Instant;

#[derive(Serialize)]
pub struct Check {
    pub name: &'static str,
    pub status: &'static str,
    pub latency_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Check {
    async fn run<E: std::fmt::Display>(
        name: &'static str,
        f: impl std::future::Future<Output = Result<(), E>>,
    ) -> Check {
        let start = Instant::now();
        let r = f.await;
        let latency_ms = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
        match r {
            Ok(()) => Check {
                name,
                status: "up",
                latency_ms,
                error: None,
            },
            Err(e) => Check {
                name,
                status: "down",
                latency_ms,
                error: Some(e.to_string()),
            },
        }
    }

    fn up(&self) -> bool {
        self.status == "up"
    }
}

fn reply(c: Check) -> (StatusCode, Json<Check>) {
    (
        if c.up() {
            StatusCode::OK
        } else {
            StatusCode::SERVICE_UNAVAILABLE
        },
        Json(c),
    )
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health/freebit-api", get(freebit))
        .route("/health/whmcs-api", get(whmcs))
        .route("/health/sim-management", get(sim_management))
}

async fn freebit(State(s): State<AppState>) -> (StatusCode, Json<Check>) {
    reply(Check::run("freebit-api", s.freebit.ping()).await)
}

async fn whmcs(State(s): State<AppState>) -> (StatusCode, Json<Check>) {
    reply(Check::run("whmcs-api", s.whmcs.ping()).await)
}

#[derive(Serialize)]
struct Overall {
    status: &'static str,
    latency_ms: u64,
    checks: Vec<Check>,
}

/// Everything the SIM Management page needs: database, billing and carrier, checked at once.
async fn sim_management(State(s): State<AppState>) -> (StatusCode, Json<Overall>) {
    let start = Instant::now();
    let (db, fb, wh) = tokio::join!(
        Check::run("database", async {
            sqlx::query("SELECT 1").execute(&s.db).await.map(drop)
        }),
        Check::run("freebit-api", s.freebit.ping()),
        Check::run("whmcs-api", s.whmcs.ping()),
    );
    let checks = vec![db, fb, wh];
    let up = checks.iter().all(Check::up);
    let body = Overall {
        status: if up { "up" } else { "down" },
        latency_ms: u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
        checks,
    };
    (
        if up {
            StatusCode::OK
        } else {
            StatusCode::SERVICE_UNAVAILABLE
        },
        Json(body),
    )
}
