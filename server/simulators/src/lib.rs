//! Stateful simulators of the upstreams the portal talks to: Freebit's "emptool" MVNO API,
//! the WHMCS External API, Salesforce's REST API and the eSIM Go API (v2.4/v2.5). They are written from `../shared/contracts/` only, in a crate
//! of their own that depends on neither `server` nor `app`, so that a mistake in the portal's
//! clients cannot be mirrored here and go unnoticed: the compiler keeps the two apart.
//!
//! The portal mounts [`Simulators::router`] under `/_sim` while no real upstream is
//! configured; the `simulators` binary serves the same router alone.
//!
//! Control endpoint (JSON), under `/_sim/control` (see `control.rs`):
//! - `GET /faults` — the active fault rules
//! - `POST /faults` — add a rule (see [`faults::FaultRule`]; `"lost_reply":true` performs
//!   the operation and only then answers with the fault)
//! - `DELETE /faults` — clear all rules
//! - `GET /calls` — requests received per upstream and operation
//!   (`{"freebit mvno/getdetail": 3, "whmcs getclientsproducts": 1}`); `DELETE` starts again at zero
//! - `POST /freebit/expire-auth` — forget every issued Freebit authKey
//! - `GET /freebit/lines/{msisdn}` — `{"msisdn","quotaKb","addSpecCalls","eachQuotaCalls",
//!   "history":[{"quota","date","expire","quotaCode"}]}`, 404 for an unknown line
//! - `POST /clients` — provision a fresh demo customer (201 + [`ProvisionedClient`])
//! - `POST /whmcs/clients/{id}/card` — `{"card":"pays"|"declines"|"missing"}` sets the
//!   client's card scenario ([`whmcs::Card`]); 204, or 404 for an unknown client
//! - `GET /whmcs/clients/{id}/ledger` — the client's invoices, credit balance and credit log
//!   ([`whmcs::WhmcsLedger`]), 404 for an unknown client
//! - `POST /salesforce/accounts` — add an account and its contact (`{"customerNumber",
//!   "firstname","lastname","email","whmcsClientId"}`, all optional; 201 + what was added)
//! - `POST /salesforce/expire-tokens` — every issued access token stops working
//! - `GET /salesforce/records/{object}` — every record of the object (e.g. `Case`), as stored
//! - `POST /salesforce/orders/{id}/approve` — staff approve an order (the Flow publishes
//!   `OrderProvisionRequested__e`)
//! - `POST /salesforce/approval-flow` `{"on": false}` — the Flow stops publishing on approval
//! - `POST /esimgo/esims/{iccid}/install`, `…/attach` `{"country":"JP"}`, `…/consume`
//!   `{"bytes": n}` — the subscriber installs the profile, attaches, uses data; each answers
//!   the callbacks sent (signed, to the portal's `/webhooks/esimgo`), 404 for an unknown ICCID
//! - `POST /esimgo/clock` `{"hours": n}` — moves the eSIM Go clock forward (bundle expiry)
//! - `GET|POST /esimgo/balance` `{"balance": usd}` — the organisation's balance
//! - `POST /esimgo/rate-limit` `{"perSecond": n}` — the API's window (10 by default)
//! - `GET /esimgo/callbacks` — settings and every delivery; `PUT` `{"url": …|null,
//!   "encoding": "hex"|"base64"}` changes where and how callbacks are sent

pub mod clock;
mod control;
pub mod demo;
pub mod esimgo;
pub mod faults;
pub mod freebit;
pub mod provision;
pub mod salesforce;
pub mod whmcs;

pub use provision::{ProvisionedClient, ProvisionedService, SimType};

use axum::Router;
use faults::Faults;

/// Where the portal serving `public_base` (`…/_sim`) receives eSIM Go callbacks.
fn portal_webhook(public_base: &str) -> String {
    let origin = public_base.trim_end_matches('/').trim_end_matches("/_sim");
    format!("{origin}/webhooks/esimgo")
}

/// Both simulators and the fault rules they share. Cloning is cheap (shared state).
#[derive(Clone)]
pub struct Simulators {
    pub freebit: freebit::FreebitSim,
    pub whmcs: whmcs::WhmcsSim,
    /// The Salesforce org: accounts, contacts, cases (seeded with the demo accounts).
    pub salesforce: salesforce::SalesforceSim,
    /// The eSIM Go organisation (catalogue, orders, eSIMs; callbacks to the portal).
    pub esimgo: esimgo::EsimGoSim,
    pub faults: Faults,
}

impl Simulators {
    /// `public_base` is where the `/_sim` router will be reachable, e.g. `http://127.0.0.1:3000/_sim`.
    pub fn new(config: freebit::FreebitSimConfig, public_base: &str) -> Self {
        let faults = Faults::default();
        Simulators {
            freebit: freebit::FreebitSim::new(config, faults.clone()),
            whmcs: whmcs::WhmcsSim::new(faults.clone(), &format!("{public_base}/whmcs")),
            salesforce: salesforce::SalesforceSim::new(
                &format!("{public_base}/salesforce"),
                faults.clone(),
            ),
            esimgo: esimgo::EsimGoSim::new(faults.clone(), Some(portal_webhook(public_base))),
            faults,
        }
    }

    /// A new WHMCS client with its own copy of the standard SIM set (see [`provision`]), so
    /// a test can change lines without disturbing any other test or the fixed demo data; its
    /// Salesforce account (linked to the client) exists too.
    pub fn provision_demo_client(&self) -> ProvisionedClient {
        let client = provision::provision(&self.freebit, &self.whmcs);
        self.salesforce.add_account(salesforce::NewAccount {
            email: Some(client.email.clone()),
            whmcs_client_id: Some(client.client_id),
            ..Default::default()
        });
        client
    }

    /// The router to nest at `/_sim`.
    pub fn router(&self) -> Router {
        Router::new()
            .nest("/freebit", self.freebit.clone().router())
            .nest("/whmcs", self.whmcs.clone().router())
            .nest("/salesforce", self.salesforce.clone().router())
            .nest("/esimgo", self.esimgo.clone().router())
            .nest("/control", control::router(self.clone()))
            .nest(
                "/control/esimgo",
                esimgo::control::router(self.esimgo.clone()),
            )
    }
}
