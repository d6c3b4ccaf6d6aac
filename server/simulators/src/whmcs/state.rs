//! What the simulated WHMCS holds: clients (with their card scenario and credit log), their
//! services (one per SIM, with the MSISDN as a custom field), invoices with their
//! transactions, and the single-use SSO tokens.
//!
//! Charging a card ([`WhmcsState::charge`]) lives here because two ways lead to it: the API's
//! CapturePayment and the simulated client area's "Pay now".

use super::{money, now_stamp};
use crate::demo;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub(crate) struct Client {
    pub id: u64,
    pub email: String,
    pub firstname: String,
    pub lastname: String,
    /// In hundredths of a yen, like WHMCS's two-decimal amounts.
    pub credit: i64,
    /// What happens when the client's stored card is charged.
    pub card: Card,
    pub address: Address,
    /// Client custom fields by field id (AddClient/UpdateClient `customfields`).
    pub customfields: std::collections::BTreeMap<u64, String>,
    /// YYYY-MM-DD
    pub datecreated: String,
}

/// The client's contact details as AddClient/UpdateClient take them and GetClientsDetails
/// returns them (unescaped here; escaped on the way out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Address {
    pub companyname: String,
    pub address1: String,
    pub address2: String,
    pub city: String,
    pub state: String,
    pub postcode: String,
    /// ISO-2
    pub country: String,
    pub phonenumber: String,
}

impl Default for Address {
    /// The demo customers' address.
    fn default() -> Self {
        Address {
            companyname: String::new(),
            address1: "1-2-3 Shibuya".into(),
            address2: "Shibuya Heights 401".into(),
            city: "Shibuya-ku".into(),
            state: "Tokyo".into(),
            postcode: "150-0002".into(),
            country: "JP".into(),
            phonenumber: "+81.9012345678".into(),
        }
    }
}

/// The scenario of a client's stored card (the contract's "scenario knob per client"), set
/// with [`super::WhmcsSim::set_card`] or `POST /_sim/control/whmcs/clients/{id}/card`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Card {
    /// A Visa ending 4242 that always pays.
    #[default]
    Pays,
    /// The same card, but every charge is declined ("Payment Attempt Failed").
    Declines,
    /// No stored pay method at all: GetPayMethods lists none and charges fail.
    Missing,
}

/// One line of a client's credit log (AddCredit).
#[derive(Debug, Clone)]
pub(crate) struct CreditEntry {
    pub id: u64,
    pub clientid: u64,
    /// YYYY-MM-DD
    pub date: String,
    pub description: String,
    /// Hundredths, as given to AddCredit (also for `type=remove`).
    pub amount: i64,
}

/// What a charge of an invoice came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Charge {
    Paid,
    Declined,
    /// No such invoice, or it is not Unpaid.
    NotUnpaid,
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
    /// The order that created it (AddOrder); demo services have none.
    pub orderid: Option<u64>,
    /// Service custom fields other than the MSISDN, by field id (AddOrder `customfields[]`).
    pub fields: std::collections::BTreeMap<u64, String>,
    pub billingcycle: String,
    /// Hundredths of a yen per billing cycle.
    pub recurring: i64,
}

/// An order (AddOrder): `Pending` until AcceptOrder (`Active`) or CancelOrder (`Cancelled`).
#[derive(Debug, Clone)]
pub(crate) struct Order {
    pub id: u64,
    pub ordernum: u64,
    pub userid: u64,
    pub status: String,
    /// YYYY-MM-DD HH:MM:SS
    pub date: String,
    pub invoiceid: u64,
    pub paymentmethod: String,
    /// Hundredths of a yen: the first invoice's total.
    pub amount: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct Invoice {
    pub id: u64,
    pub userid: u64,
    pub status: String,
    pub date: String,
    pub due: String,
    /// (description, amount in hundredths)
    pub items: Vec<(String, i64)>,
    pub datepaid: Option<String>,
    pub last_capture: Option<String>,
    pub paymentmethod: String,
    pub transactions: Vec<Value>,
    /// As given to CreateInvoice, unescaped.
    pub notes: String,
    /// CapturePayment requests naming this invoice, refused ones included.
    pub capture_attempts: u32,
    /// Demo billing history ([`super::history`]), not made through the API.
    pub seeded: bool,
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

/// A WHMCS 8 *user* (a login) beside the clients' own owner users: one that owns no client,
/// or several. Password: [`crate::demo::DEMO_PASSWORD`].
#[derive(Debug, Clone)]
pub(crate) struct User {
    pub id: u64,
    pub email: String,
    /// (client id, is owner)
    pub clients: Vec<(u64, bool)>,
}

pub(crate) struct WhmcsState {
    pub clients: Vec<Client>,
    /// Users added beside each client's owner user ([`WhmcsState::users`]).
    pub extra_users: Vec<User>,
    pub services: Vec<Service>,
    pub orders: Vec<Order>,
    pub invoices: Vec<Invoice>,
    pub credit_log: Vec<CreditEntry>,
    pub sso: HashMap<String, SsoToken>,
    pub next_invoice: u64,
    pub next_txn: u64,
    pub sso_ttl: Duration,
    /// Where ids of clients added at run time start: the start time in seconds, so a
    /// restarted simulator never hands out an id a portal database already knows from an
    /// earlier run (the demo customers keep their fixed ids). Invoice ids start at 100 times
    /// it, for the same reason (a run would have to create 100 invoices per second of its
    /// life to reach the next run's first id).
    pub id_base: u64,
}

/// Invoice ids start at this multiple of [`WhmcsState::id_base`].
const INVOICE_ID_FACTOR: u64 = 100;

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
                datecreated: "2024-04-01".into(),
                ..Client::default()
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
                orderid: None,
                fields: Default::default(),
                billingcycle: "Monthly".into(),
                recurring: 0,
            })
            .collect();
        let id_base = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(100_000, |d| d.as_secs());
        let mut s = WhmcsState {
            clients,
            extra_users: Vec::new(),
            services,
            orders: Vec::new(),
            invoices: Vec::new(),
            credit_log: Vec::new(),
            sso: HashMap::new(),
            next_invoice: id_base * INVOICE_ID_FACTOR,
            next_txn: 1,
            id_base,
            sso_ttl,
        };
        for c in demo::CLIENTS {
            super::history::seed(&mut s, c.id, crate::clock::today_jst());
        }
        s
    }

    /// Every user: each client's owner user (id [`Client::owner_user_id`], the client's
    /// email) and the added ones.
    pub fn users(&self) -> Vec<User> {
        self.clients
            .iter()
            .map(|c| User {
                id: c.owner_user_id(),
                email: c.email.clone(),
                clients: vec![(c.id, true)],
            })
            .chain(self.extra_users.iter().cloned())
            .collect()
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

    /// Charges invoice `id` to its client's card: Paid with a transaction when the card pays,
    /// left Unpaid when it declines or is missing; `lastcaptureattempt` is updated either way.
    pub fn charge(&mut self, id: u64) -> Charge {
        let txn = self.next_txn;
        let Some(idx) = self
            .invoices
            .iter()
            .position(|i| i.id == id && i.status == "Unpaid")
        else {
            return Charge::NotUnpaid;
        };
        let card = self
            .client(self.invoices[idx].userid)
            .map_or(Card::Missing, |c| c.card);
        let inv = &mut self.invoices[idx];
        let stamp = now_stamp();
        inv.last_capture = Some(stamp.clone());
        if card != Card::Pays {
            return Charge::Declined;
        }
        inv.status = "Paid".into();
        inv.datepaid = Some(stamp.clone());
        inv.transactions.push(json!({
            "id": txn, "userid": inv.userid, "currency": 0, "gateway": inv.paymentmethod,
            "date": stamp, "description": "Invoice Payment", "amountin": money(inv.total()),
            "fees": "0.00", "amountout": "0.00", "rate": "1.00000", "transid": format!("ch_sim_{txn:08}"),
            "invoiceid": inv.id, "refundid": 0,
        }));
        self.next_txn += 1;
        Charge::Paid
    }
}
