//! Health checks that make a real call to each upstream (simulated or real) and report its
//! latency; 503 when it is down.
//!
//! Anyone may call them, so they answer status and latency only: why a check failed (database
//! errors, upstream URLs and bodies) goes to the log, never into the body. Each check's result
//! is kept for [`Settings::health_ttl`](crate::settings::Settings), so a flood of health hits
//! cannot turn into a flood of upstream logins.

use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Serialize, Clone, Copy)]
pub struct Check {
    pub name: &'static str,
    pub status: &'static str,
    pub latency_ms: u64,
}

impl Check {
    fn up(&self) -> bool {
        self.status == "up"
    }
}

/// The last result of each check, reused while younger than the TTL.
pub struct HealthCache {
    ttl: Duration,
    last: Mutex<HashMap<&'static str, (Instant, Check)>>,
}

impl HealthCache {
    pub fn new(ttl: Duration) -> Self {
        HealthCache {
            ttl,
            last: Mutex::new(HashMap::new()),
        }
    }

    fn fresh(&self, name: &'static str) -> Option<Check> {
        let last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        last.get(name)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, c)| *c)
    }

    fn keep(&self, c: Check) {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        last.insert(c.name, (Instant::now(), c));
    }

    /// Runs the check unless a fresh result exists; failures are logged with their cause.
    async fn run<E: std::fmt::Display>(
        &self,
        name: &'static str,
        f: impl Future<Output = Result<(), E>>,
    ) -> Check {
        if let Some(c) = self.fresh(name) {
            return c;
        }
        let start = Instant::now();
        let r = f.await;
        let latency_ms = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
        let status = match r {
            Ok(()) => "up",
            Err(e) => {
                tracing::warn!(check = name, error = %e, "health check failed");
                "down"
            }
        };
        let c = Check {
            name,
            status,
            latency_ms,
        };
        self.keep(c);
        c
    }
}

fn code(up: bool) -> StatusCode {
    if up {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    }
}

fn reply(c: Check) -> (StatusCode, Json<Check>) {
    (code(c.up()), Json(c))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health/freebit-api", get(freebit))
        .route("/health/whmcs-api", get(whmcs))
        .route("/health/salesforce-api", get(salesforce))
        .route("/health/sim-management", get(sim_management))
}

async fn freebit(State(s): State<AppState>) -> (StatusCode, Json<Check>) {
    reply(s.health.run("freebit-api", s.freebit.ping()).await)
}

async fn whmcs(State(s): State<AppState>) -> (StatusCode, Json<Check>) {
    reply(s.health.run("whmcs-api", s.whmcs.ping()).await)
}

async fn salesforce(State(s): State<AppState>) -> (StatusCode, Json<Check>) {
    reply(s.health.run("salesforce-api", s.salesforce.ping()).await)
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
        s.health.run("database", async {
            sqlx::query("SELECT 1").execute(&s.db).await.map(drop)
        }),
        s.health.run("freebit-api", s.freebit.ping()),
        s.health.run("whmcs-api", s.whmcs.ping()),
    );
    let checks = vec![db, fb, wh];
    let up = checks.iter().all(Check::up);
    let body = Overall {
        status: if up { "up" } else { "down" },
        latency_ms: u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
        checks,
    };
    (code(up), Json(body))
}
