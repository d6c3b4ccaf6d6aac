//! Stateful simulators of the two upstreams the portal talks to: Freebit's "emptool" MVNO API
//! and the WHMCS External API. They are written from `../shared/contracts/` only, in a crate
//! of their own that depends on neither `server` nor `app`, so that a mistake in the portal's
//! clients cannot be mirrored here and go unnoticed: the compiler keeps the two apart.
//!
//! The portal mounts [`Simulators::router`] under `/_sim` while no real upstream is
//! configured; the `simulators` binary serves the same router alone.
//!
//! Control endpoint (JSON), under `/_sim/control`:
//! - `GET /faults` — the active fault rules
//! - `POST /faults` — add a rule (see [`faults::FaultRule`])
//! - `DELETE /faults` — clear all rules
//! - `POST /freebit/expire-auth` — forget every issued Freebit authKey
//! - `POST /clients` — provision a fresh demo customer (201 + [`ProvisionedClient`])

pub mod clock;
pub mod demo;
pub mod faults;
pub mod freebit;
pub mod provision;
pub mod whmcs;

pub use provision::{ProvisionedClient, ProvisionedService, SimType};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use faults::{FaultRule, Faults};

/// Both simulators and the fault rules they share. Cloning is cheap (shared state).
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

    /// A new WHMCS client with its own copy of the standard SIM set (see [`provision`]), so
    /// a test can change lines without disturbing any other test or the fixed demo data.
    pub fn provision_demo_client(&self) -> ProvisionedClient {
        provision::provision(&self.freebit, &self.whmcs)
    }

    /// The router to nest at `/_sim`.
    pub fn router(&self) -> Router {
        let control = Router::new()
            .route(
                "/faults",
                get(list_faults).post(add_fault).delete(clear_faults),
            )
            .route("/freebit/expire-auth", post(expire_auth))
            .route("/clients", post(provision_client))
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
    tracing::debug!(?rule, "simulator fault added");
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

async fn provision_client(State(s): State<Simulators>) -> (StatusCode, Json<ProvisionedClient>) {
    (StatusCode::CREATED, Json(s.provision_demo_client()))
}
