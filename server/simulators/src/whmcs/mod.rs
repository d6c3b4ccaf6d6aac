//! A stateful WHMCS External API simulator: `POST /includes/api.php`, form-encoded, JSON out,
//! with the real API's quirks as `../shared/contracts/whmcs.md` lists them: strings for
//! numbers (inconsistently), `""` for empty collections, wrapped collections, `0000-00-00`
//! dates, HTML-escaped text, case-insensitive action names, 403 for bad credentials and 200
//! for action errors.
//!
//! Invoices move Unpaid → Paid on capture (or stay Unpaid when the client's [`Card`]
//! scenario declines), credits change the balance and are logged, SSO tokens are single-use
//! and expire after 60 s (`GET /oauth/singlesignon.php`). Behind SSO a minimal client area
//! can pay an invoice (`POST /viewinvoice.php`) or add a card (`POST
//! /account/paymentmethods`), as a customer sent there by the portal would.
//!
//! This module holds the router, authentication, fault rendering, dispatch and the shared
//! formatting helpers; each action has its handler in `ops`, the client-area pages share
//! `pages`, and tests read a client's money through `ledger`.

mod history;
mod ledger;
mod ops;
mod pages;
mod php;
mod state;

pub use ledger::{LedgerCredit, LedgerInvoice, WhmcsLedger};
pub use state::Card;

use crate::demo;
use crate::faults::{Fault, Faults, Upstream};
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use state::{Client, Service, WhmcsState};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// How long an SSO token stays valid, as in WHMCS.
const SSO_TTL: Duration = Duration::from_secs(60);

#[derive(Clone)]
pub struct WhmcsSim {
    state: Arc<Mutex<WhmcsState>>,
    faults: Faults,
    /// Public URL of this simulated WHMCS (ends with `/`), for SSO redirect URLs.
    system_url: Arc<str>,
}

/// A service to add for a provisioned client.
pub(crate) struct NewService {
    pub pid: u64,
    pub name: String,
    pub status: String,
    pub msisdn: String,
}

impl WhmcsSim {
    /// A simulator holding the demo clients; `system_url` is where its router is reachable.
    pub fn new(faults: Faults, system_url: &str) -> Self {
        WhmcsSim {
            state: Arc::new(Mutex::new(WhmcsState::demo(SSO_TTL))),
            faults,
            system_url: Arc::from(format!("{}/", system_url.trim_end_matches('/'))),
        }
    }

    pub fn router(self) -> Router {
        Router::new()
            .route("/includes/api.php", post(handle))
            .route("/oauth/singlesignon.php", get(sso))
            .route("/viewinvoice.php", post(pay_invoice))
            .route("/account/paymentmethods", post(add_card))
            .with_state(self)
    }

    /// Sets the scenario of a client's stored card; false for an unknown client.
    pub fn set_card(&self, client_id: u64, card: Card) -> bool {
        let mut s = self.lock();
        match s.clients.iter_mut().find(|c| c.id == client_id) {
            Some(c) => {
                c.card = card;
                true
            }
            None => false,
        }
    }

    /// A client's invoices, credit balance and credit log; `None` for an unknown client.
    pub fn ledger(&self, client_id: u64) -> Option<WhmcsLedger> {
        ledger::of(&self.lock(), client_id)
    }

    /// Shortens (or lengthens) the SSO token lifetime, so tests need not wait 60 s.
    pub fn set_sso_ttl(&self, ttl: Duration) {
        self.lock().sso_ttl = ttl;
    }

    /// Adds a WHMCS user (a login, password [`crate::demo::DEMO_PASSWORD`]) that belongs to
    /// `clients` as `(client id, is owner)`: one owning none, or several. Returns its id.
    pub fn add_user(&self, email: &str, clients: &[(u64, bool)]) -> u64 {
        let mut s = self.lock();
        let id = s
            .users()
            .iter()
            .map(|u| u.id)
            .max()
            .unwrap_or(9000)
            .max(9000)
            + 1;
        s.extra_users.push(state::User {
            id,
            email: email.into(),
            clients: clients.to_vec(),
        });
        id
    }

    /// Adds a service to an existing client; an empty `msisdn` makes it a non-SIM service
    /// (a real WHMCS bills hosting, domains and more beside SIMs). `None` for an unknown
    /// client, else the new service id.
    pub fn add_service(&self, client_id: u64, name: &str, msisdn: &str) -> Option<u64> {
        let mut s = self.lock();
        s.client(client_id)?;
        let id = s.next_service_id();
        s.services.push(Service {
            id,
            clientid: client_id,
            pid: 90,
            name: name.into(),
            status: "Active".into(),
            msisdn: msisdn.into(),
            orderid: None,
            fields: Default::default(),
            billingcycle: "Monthly".into(),
            recurring: 0,
        });
        Some(id)
    }

    /// Adds a client (email `demo+<id>@example.com`) with `services`, under fresh ids.
    /// Returns the client id, the email and the service ids in order.
    pub(crate) fn add_client(
        &self,
        firstname: &str,
        lastname: &str,
        services: Vec<NewService>,
    ) -> (u64, String, Vec<u64>) {
        let mut s = self.lock();
        let id = s.next_client_id();
        let email = format!("demo+{id}@example.com");
        s.clients.push(Client {
            id,
            email: email.clone(),
            firstname: firstname.into(),
            lastname: lastname.into(),
            datecreated: today(),
            ..Client::default()
        });
        let mut ids = Vec::with_capacity(services.len());
        for sv in services {
            let sid = s.next_service_id();
            s.services.push(Service {
                id: sid,
                clientid: id,
                pid: sv.pid,
                name: sv.name,
                status: sv.status,
                msisdn: sv.msisdn,
                orderid: None,
                fields: Default::default(),
                billingcycle: "Monthly".into(),
                recurring: 0,
            });
            ids.push(sid);
        }
        history::seed(&mut s, id, crate::clock::today_jst());
        (id, email, ids)
    }

    fn lock(&self) -> MutexGuard<'_, WhmcsState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The form fields of a request, in order (PHP-style `a[b]` keys are kept verbatim).
pub(crate) type Params = Vec<(String, String)>;

pub(crate) fn param<'a>(p: &'a Params, k: &str) -> Option<&'a str> {
    p.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str())
}

pub(crate) fn id_param(p: &Params, k: &str) -> Option<u64> {
    param(p, k).and_then(|v| v.trim().parse().ok())
}

/// Formats hundredths as WHMCS does: "500.00".
pub(crate) fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", (cents / 100).abs(), (cents % 100).abs())
}

/// "500", "15.5", "15.50" → hundredths; anything else (more than two decimals, text) → None.
pub(crate) fn parse_money(s: &str) -> Option<i64> {
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, "0"));
    if frac.len() > 2 || whole.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    Some(whole * 100 + frac)
}

/// WHMCS stores text HTML-escaped and returns it that way (`&`, `<`, `>`).
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// "No date" as WHMCS writes it.
pub(crate) const NO_DATETIME: &str = "0000-00-00 00:00:00";

pub(crate) fn now_stamp() -> String {
    chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

pub(crate) fn today() -> String {
    crate::clock::today_jst().format("%Y-%m-%d").to_string()
}

pub(crate) fn error(message: &str) -> Response {
    Json(json!({"result": "error", "message": message})).into_response()
}

pub(crate) fn success(extra: Value) -> Response {
    let mut body = json!({"result": "success"});
    if let (Some(b), Value::Object(e)) = (body.as_object_mut(), extra) {
        b.extend(e);
    }
    Json(body).into_response()
}

fn auth_failed() -> Response {
    (
        StatusCode::FORBIDDEN,
        Json(json!({"result": "error", "message": "Authentication Failed"})),
    )
        .into_response()
}

/// WHMCS-shaped bodies for the faults whose body depends on the wire format.
fn render_fault(f: &Fault) -> Option<Response> {
    match f {
        Fault::WhmcsError { message } => Some(error(message)),
        Fault::WhmcsWarning { message } => Some(success(json!({ "warning": message }))),
        Fault::AuthFailure => Some(auth_failed()),
        Fault::FreebitResult { message, .. } => {
            Some(error(message.as_deref().unwrap_or("simulated failure")))
        }
        _ => None,
    }
}

async fn handle(
    State(sim): State<WhmcsSim>,
    headers: axum::http::HeaderMap,
    form: Result<Form<Params>, FormRejection>,
) -> Response {
    sim.faults.note_request_id(&headers);
    let Ok(Form(p)) = form else {
        return error("Invalid request");
    };
    let action = param(&p, "action").unwrap_or("").to_ascii_lowercase();
    sim.faults
        .apply(Upstream::Whmcs, &action, render_fault, || async {
            dispatch(&sim, &action, &p)
        })
        .await
}

/// Authenticates the request and runs its action.
fn dispatch(sim: &WhmcsSim, action: &str, p: &Params) -> Response {
    // identifier/secret, or the same pair as username/password.
    let authed = (param(p, "identifier").or(param(p, "username")) == Some(demo::WHMCS_IDENTIFIER))
        && (param(p, "secret").or(param(p, "password")) == Some(demo::WHMCS_SECRET));
    if !authed {
        return auth_failed();
    }
    tracing::debug!(%action, "whmcs simulator request");
    let mut s = sim.lock();
    match action {
        "getclientsproducts" => ops::get_clients_products::run(&s, p),
        "getclientsdetails" => ops::get_clients_details::run(&s, p),
        "validatelogin" => ops::validate_login::run(&s, p),
        "createinvoice" => ops::create_invoice::run(&mut s, p),
        "capturepayment" => ops::capture_payment::run(&mut s, p),
        "getinvoice" => ops::get_invoice::run(&s, p),
        "getinvoices" => ops::get_invoices::run(&s, p),
        "updateinvoice" => ops::update_invoice::run(&mut s, p),
        "addcredit" => ops::add_credit::run(&mut s, p),
        "getcredits" => ops::get_credits::run(&s, p),
        "createssotoken" => ops::create_sso_token::run(&mut s, p, &sim.system_url),
        "getpaymethods" => ops::get_pay_methods::run(&s, p),
        "getpaymentmethods" => ops::get_payment_methods::run(),
        "getusers" => ops::get_users::run(&s, p),
        "addclient" => ops::add_client::run(&mut s, p),
        "updateclient" => ops::update_client::run(&mut s, p),
        "getclients" => ops::get_clients::run(&s, p),
        "addorder" => ops::add_order::run(&mut s, p),
        "acceptorder" => ops::accept_order::accept(&mut s, p),
        "cancelorder" => ops::accept_order::cancel(&mut s, p),
        "getorders" => ops::get_orders::run(&s, p),
        _ => error("Command Not Found"),
    }
}

async fn sso(State(sim): State<WhmcsSim>, Query(q): Query<HashMap<String, String>>) -> Response {
    let mut s = sim.lock();
    ops::single_sign_on::run(
        &mut s,
        q.get("access_token").map(String::as_str),
        &sim.system_url,
    )
}

/// The fields of a client-area form post: the query's, then the form body's (if any).
type PageFields = (HashMap<String, String>, HashMap<String, String>);

fn page_fields(
    Query(q): Query<HashMap<String, String>>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> PageFields {
    (q, form.map(|Form(f)| f).unwrap_or_default())
}

fn page_field<'a>(f: &'a PageFields, k: &str) -> Option<&'a str> {
    f.0.get(k).or_else(|| f.1.get(k)).map(String::as_str)
}

async fn pay_invoice(
    State(sim): State<WhmcsSim>,
    query: Query<HashMap<String, String>>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Response {
    let f = page_fields(query, form);
    let id = page_field(&f, "id").and_then(|v| v.trim().parse().ok());
    let mut s = sim.lock();
    ops::view_invoice::pay(&mut s, id, page_field(&f, "return"))
}

async fn add_card(
    State(sim): State<WhmcsSim>,
    query: Query<HashMap<String, String>>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Response {
    let f = page_fields(query, form);
    let id = page_field(&f, "client_id").and_then(|v| v.trim().parse().ok());
    let mut s = sim.lock();
    ops::account_payment_methods::add_card(&mut s, id, page_field(&f, "return"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_round_trips() {
        assert_eq!(parse_money("500"), Some(50_000));
        assert_eq!(parse_money("15.5"), Some(1_550));
        assert_eq!(money(1_550), "15.50");
        assert_eq!(money(-50), "-0.50");
        assert_eq!(parse_money("1.234"), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(parse_money("1.-5"), None);
    }

    #[test]
    fn text_is_escaped_like_whmcs() {
        assert_eq!(esc("4G & 5G <b>"), "4G &amp; 5G &lt;b&gt;");
    }
}
