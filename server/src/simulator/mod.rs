//! In-process simulators of the two upstreams, mounted under `/_sim` on the embedded default
//! (and startable alone with the `simulators` binary). They exist only while no real
//! upstream is configured.
//!
//! Control endpoint (JSON):
//! - `GET /_sim/control/faults` — the active fault rules
//! - `POST /_sim/control/faults` — add a rule (see [`faults::FaultRule`])
//! - `DELETE /_sim/control/faults` — clear all rules
//! - `POST /_sim/control/freebit/expire-auth` — forget every issued Freebit authKey

pub mod demo;
pub mod faults;
pub mod freebit;
pub mod whmcs;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use faults::{FaultRule, Faults};

#[derive(Clone)]
pub struct Simulators {
    pub freebit: freebit::FreebitSim,
    pub whmcs: whmcs::WhmcsSim,
    pub faults: Faults,
}

impl Simulators {
    /// `public_base` is where the `/_sim` router will be reachable, e.g. `http://127.0.0.1:3000/_sim`.
    pub fn new(config: freebit::FreebitSimConfig, public_base: &str) -> Self {
        let faults = Faults::default();
        Simulators {
            freebit: freebit::FreebitSim::new(config, faults.clone()),
            whmcs: whmcs::WhmcsSim::new(faults.clone(), &format!("{public_base}/whmcs")),
            faults,
        }
    }

    /// The router to nest at `/_sim`.
    pub fn router(&self) -> Router {
        let control = Router::new()
            .route(
                "/faults",
                get(list_faults).post(add_fault).delete(clear_faults),
            )
            .route("/freebit/expire-auth", post(expire_auth))
            .with_state(self.clone());
        Router::new()
            .nest("/freebit", self.freebit.clone().router())
            .nest("/whmcs", self.whmcs.clone().router())
            .nest("/control", control)
    }
}

async fn list_faults(State(s): State<Simulators>) -> Json<Vec<FaultRule>> {
    Json(s.faults.list())
}

async fn add_fault(
    State(s): State<Simulators>,
    Json(rule): Json<FaultRule>,
) -> (StatusCode, Json<FaultRule>) {
    s.faults.add(rule.clone());
    (StatusCode::CREATED, Json(rule))
}

async fn clear_faults(State(s): State<Simulators>) -> StatusCode {
    s.faults.clear();
    StatusCode::NO_CONTENT
}

async fn expire_auth(State(s): State<Simulators>) -> StatusCode {
    s.freebit.expire_auth_keys();
    StatusCode::NO_CONTENT
}
