//! What the simulated WHMCS holds: clients, their services (one per SIM, with the MSISDN as a
//! custom field), invoices with their transactions, and the single-use SSO tokens.

use crate::demo;
use serde_json::Value;
use std::collections::HashMap;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub(crate) struct Client {
    pub id: u64,
    pub email: String,
    pub firstname: String,
    pub lastname: String,
    /// In hundredths of a yen, like WHMCS's two-decimal amounts.
    pub credit: i64,
}

impl Client {
    /// The client's owner user (8.0 users/clients split): a separate id space.
    pub fn owner_user_id(&self) -> u64 {
        self.id + 5000
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Service {
    pub id: u64,
    pub clientid: u64,
    pub pid: u64,
    pub name: String,
    /// `Active`, `Suspended`, `Cancelled`, …
    pub status: String,
    pub msisdn: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Invoice {
    pub id: u64,
    pub userid: u64,
    pub status: String,
    pub date: String,
    /// (description, amount in hundredths)
    pub items: Vec<(String, i64)>,
    pub datepaid: Option<String>,
    pub last_capture: Option<String>,
    pub paymentmethod: String,
    pub transactions: Vec<Value>,
}

impl Invoice {
    pub fn total(&self) -> i64 {
        self.items.iter().map(|(_, a)| a).sum()
    }
}

pub(crate) struct SsoToken {
    pub client_id: u64,
    /// Client-area path the token leads to.
    pub redirect: String,
    pub issued: Instant,
}

pub(crate) struct WhmcsState {
    pub clients: Vec<Client>,
    pub services: Vec<Service>,
    pub invoices: Vec<Invoice>,
    pub sso: HashMap<String, SsoToken>,
    pub next_invoice: u64,
    pub next_txn: u64,
    pub sso_ttl: Duration,
    /// Where ids of clients added at run time start: the start time in seconds, so a
    /// restarted simulator never hands out an id a portal database already knows from an
    /// earlier run (the demo customers keep their fixed ids).
    pub id_base: u64,
}

impl WhmcsState {
    /// The demo clients and their services ([`demo::CLIENTS`], [`demo::SIMS`]).
    pub fn demo(sso_ttl: Duration) -> Self {
        let clients = demo::CLIENTS
            .iter()
            .map(|c| Client {
                id: c.id,
                email: c.email.into(),
                firstname: c.firstname.into(),
                lastname: c.lastname.into(),
                credit: 0,
            })
            .collect();
        let services = demo::SIMS
            .iter()
            .map(|s| Service {
                id: s.service_id,
                clientid: s.client_id,
                pid: s.pid,
                name: s.product_name.into(),
                status: s.service_status.into(),
                msisdn: s.msisdn.into(),
            })
            .collect();
        WhmcsState {
            clients,
            services,
            invoices: Vec::new(),
            sso: HashMap::new(),
            next_invoice: 9001,
            next_txn: 1,
            id_base: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(100_000, |d| d.as_secs()),
            sso_ttl,
        }
    }

    pub fn client(&self, id: u64) -> Option<&Client> {
        self.clients.iter().find(|c| c.id == id)
    }

    /// Ids continue after the highest in use, as WHMCS's auto-increment does, and never
    /// below this run's [`Self::id_base`].
    pub fn next_client_id(&self) -> u64 {
        (self.clients.iter().map(|c| c.id).max().unwrap_or(1000) + 1).max(self.id_base)
    }

    pub fn next_service_id(&self) -> u64 {
        (self.services.iter().map(|s| s.id).max().unwrap_or(2000) + 1).max(self.id_base * 10)
    }
}
