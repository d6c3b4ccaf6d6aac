//! A stateful WHMCS External API simulator: `POST /includes/api.php`, form-encoded, JSON out,
//! with the real API's quirks (strings for numbers, `""` for empty collections, wrapped
//! collections, `0000-00-00` dates, HTML-escaped text, 403 for bad credentials).
//!
//! Invoices move Unpaid → Paid on capture, credits change the balance, SSO tokens are
//! single-use and expire after 60 s (`GET /oauth/singlesignon.php`).

use super::demo;
use super::faults::{Fault, Faults, Upstream};
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an SSO token stays valid, as in WHMCS.
const SSO_TTL: Duration = Duration::from_secs(60);

#[derive(Debug, Clone)]
struct Client {
    id: u64,
    email: String,
    firstname: String,
    lastname: String,
    /// In hundredths of a yen, like WHMCS's two-decimal amounts.
    credit: i64,
}

#[derive(Debug, Clone)]
struct Service {
    id: u64,
    clientid: u64,
    pid: u64,
    name: String,
    status: String,
    msisdn: String,
}

#[derive(Debug, Clone)]
struct Invoice {
    id: u64,
    userid: u64,
    status: String,
    date: String,
    items: Vec<(String, i64)>,
    datepaid: Option<String>,
    last_capture: Option<String>,
    paymentmethod: String,
    transactions: Vec<Value>,
}

impl Invoice {
    fn total(&self) -> i64 {
        self.items.iter().map(|(_, a)| a).sum()
    }
}

struct SsoToken {
    client_id: u64,
    redirect: String,
    issued: Instant,
}

struct State_ {
    clients: Vec<Client>,
    services: Vec<Service>,
    invoices: Vec<Invoice>,
    sso: HashMap<String, SsoToken>,
    next_invoice: u64,
    next_txn: u64,
    sso_ttl: Duration,
}

#[derive(Clone)]
pub struct WhmcsSim {
    state: Arc<Mutex<State_>>,
    faults: Faults,
    /// Public URL of this simulated WHMCS (ends with `/`), for SSO redirect URLs.
    system_url: Arc<str>,
}

/// Formats hundredths as WHMCS does: "500.00".
fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, (cents % 100).abs())
}

fn parse_money(s: &str) -> Option<i64> {
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, "0"));
    if frac.len() > 2 || whole.is_empty() {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    Some(whole * 100 + frac)
}

/// WHMCS stores text HTML-escaped and returns it that way.
fn esc(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

fn now_stamp() -> String {
    chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

fn today() -> String {
    super::freebit::today_jst().format("%Y-%m-%d").to_string()
}

fn error(message: &str) -> Response {
    Json(json!({"result": "error", "message": message})).into_response()
}

fn success(extra: Value) -> Response {
    let mut body = json!({"result": "success"});
    if let (Some(b), Value::Object(e)) = (body.as_object_mut(), extra) {
        b.extend(e);
    }
    Json(body).into_response()
}

fn render_fault(f: &Fault) -> Option<Response> {
    match f {
        Fault::WhmcsError { message } => Some(error(message)),
        Fault::WhmcsWarning { message } => Some(success(json!({ "warning": message }))),
        Fault::AuthFailure => Some(
            (
                StatusCode::FORBIDDEN,
                Json(json!({"result": "error", "message": "Authentication Failed"})),
            )
                .into_response(),
        ),
        Fault::FreebitResult { message, .. } => {
            Some(error(message.as_deref().unwrap_or("simulated failure")))
        }
        _ => None,
    }
}

impl WhmcsSim {
    pub fn new(faults: Faults, system_url: &str) -> Self {
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
        WhmcsSim {
            state: Arc::new(Mutex::new(State_ {
                clients,
                services,
                invoices: Vec::new(),
                sso: HashMap::new(),
                next_invoice: 9001,
                next_txn: 1,
                sso_ttl: SSO_TTL,
            })),
            faults,
            system_url: Arc::from(format!("{}/", system_url.trim_end_matches('/'))),
        }
    }

    pub fn router(self) -> Router {
        Router::new()
            .route("/includes/api.php", post(handle))
            .route("/oauth/singlesignon.php", get(sso))
            .with_state(self)
    }

    /// Shortens (or lengthens) the SSO token lifetime, so tests need not wait 60 s.
    pub fn set_sso_ttl(&self, ttl: Duration) {
        self.lock().sso_ttl = ttl;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State_> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

type Params = Vec<(String, String)>;

fn param<'a>(p: &'a Params, k: &str) -> Option<&'a str> {
    p.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str())
}

fn id_param(p: &Params, k: &str) -> Option<u64> {
    param(p, k).and_then(|v| v.trim().parse().ok())
}

async fn handle(
    State(sim): State<WhmcsSim>,
    form: Result<Form<Params>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(Form(p)) = form else {
        return error("Invalid request");
    };
    let action = param(&p, "action").unwrap_or("").to_ascii_lowercase();
    if let Some(r) = sim
        .faults
        .apply(Upstream::Whmcs, &action, render_fault)
        .await
    {
        return r;
    }
    let authed = (param(&p, "identifier").or(param(&p, "username"))
        == Some(demo::WHMCS_IDENTIFIER))
        && (param(&p, "secret").or(param(&p, "password")) == Some(demo::WHMCS_SECRET));
    if !authed {
        return (
            StatusCode::FORBIDDEN,
            Json(json!({"result": "error", "message": "Authentication Failed"})),
        )
            .into_response();
    }
    let system_url = sim.system_url.clone();
    let mut s = sim.lock();
    match action.as_str() {
        "getclientsproducts" => get_clients_products(&s, &p),
        "getclientsdetails" => {
            let client = id_param(&p, "clientid")
                .and_then(|id| s.clients.iter().find(|c| c.id == id))
                .or_else(|| {
                    param(&p, "email")
                        .and_then(|e| s.clients.iter().find(|c| c.email.eq_ignore_ascii_case(e)))
                });
            match client {
                None if param(&p, "clientid").is_none() && param(&p, "email").is_none() => {
                    error("Either clientid Or email Is Required")
                }
                None => error("Client Not Found"),
                Some(c) => success(json!({"client": {
                    "client_id": c.id, "id": c.id, "owner_user_id": c.id + 5000,
                    "firstname": esc(&c.firstname), "lastname": esc(&c.lastname), "email": c.email,
                    "status": "Active", "credit": money(c.credit), "currency_code": "JPY",
                    "allowSingleSignOn": 1, "customfields": [],
                    "users": {"user": [{"id": c.id + 5000, "is_owner": true}]},
                }})),
            }
        }
        "validatelogin" => {
            let email = param(&p, "email").unwrap_or("");
            let ok = param(&p, "password2") == Some(demo::DEMO_PASSWORD);
            match s
                .clients
                .iter()
                .find(|c| c.email.eq_ignore_ascii_case(email))
            {
                Some(c) if ok => success(
                    json!({"userid": (c.id + 5000).to_string(), "passwordhash": format!("{:040x}", c.id), "twoFactorEnabled": "false"}),
                ),
                _ => error("Email or Password Invalid"),
            }
        }
        "createinvoice" => {
            let Some(userid) =
                id_param(&p, "userid").filter(|id| s.clients.iter().any(|c| c.id == *id))
            else {
                return error("Client ID Not Found");
            };
            if param(&p, "draft") == Some("1") && param(&p, "sendinvoice") == Some("1") {
                return error("Cannot create and send a draft invoice in a single API request. Please create and send separately.");
            }
            let mut items = Vec::new();
            for n in 1..=50 {
                let (Some(d), Some(a)) = (
                    param(&p, &format!("itemdescription{n}")),
                    param(&p, &format!("itemamount{n}")),
                ) else {
                    continue;
                };
                let Some(amount) = parse_money(a) else {
                    return error("Invalid item amount");
                };
                items.push((d.to_string(), amount));
            }
            let id = s.next_invoice;
            s.next_invoice += 1;
            let status = param(&p, "status").unwrap_or("Unpaid").to_string();
            s.invoices.push(Invoice {
                id,
                userid,
                status: status.clone(),
                date: today(),
                items,
                datepaid: None,
                last_capture: None,
                paymentmethod: param(&p, "paymentmethod").unwrap_or("stripe").to_string(),
                transactions: Vec::new(),
            });
            success(json!({"invoiceid": id.to_string(), "status": status}))
        }
        "capturepayment" => {
            let next_txn = s.next_txn;
            let Some(inv) =
                id_param(&p, "invoiceid").and_then(|id| s.invoices.iter_mut().find(|i| i.id == id))
            else {
                return error("Invoice Not Found or Not Unpaid");
            };
            if inv.status != "Unpaid" {
                return error("Invoice Not Found or Not Unpaid");
            }
            let stamp = now_stamp();
            inv.last_capture = Some(stamp.clone());
            inv.status = "Paid".into();
            inv.datepaid = Some(stamp.clone());
            inv.transactions.push(json!({
                "id": next_txn, "userid": inv.userid, "currency": 0, "gateway": inv.paymentmethod,
                "date": stamp, "description": "Invoice Payment", "amountin": money(inv.total()),
                "fees": "0.00", "amountout": "0.00", "rate": "1.00000", "transid": format!("ch_sim_{next_txn:08}"),
                "invoiceid": inv.id, "refundid": 0,
            }));
            s.next_txn += 1;
            success(json!({}))
        }
        "getinvoice" => {
            match id_param(&p, "invoiceid").and_then(|id| s.invoices.iter().find(|i| i.id == id)) {
                None => error("Invoice ID Not Found"),
                Some(inv) => success(invoice_json(inv)),
            }
        }
        "getinvoices" => {
            let mut list: Vec<&Invoice> = s
                .invoices
                .iter()
                .filter(|i| id_param(&p, "userid").is_none_or(|u| i.userid == u))
                .filter(|i| param(&p, "status").is_none_or(|st| i.status.eq_ignore_ascii_case(st)))
                .collect();
            if param(&p, "order").is_some_and(|o| o.eq_ignore_ascii_case("desc")) {
                list.reverse();
            }
            let start = id_param(&p, "limitstart").unwrap_or(0) as usize;
            let num = id_param(&p, "limitnum").unwrap_or(25) as usize;
            let page: Vec<Value> = list.iter().skip(start).take(num).map(|i| {
                json!({"id": i.id, "userid": i.userid, "status": i.status, "total": money(i.total()),
                       "date": i.date, "duedate": i.date, "datepaid": i.datepaid.clone().unwrap_or("0000-00-00 00:00:00".into()),
                       "last_capture_attempt": i.last_capture.clone().unwrap_or("0000-00-00 00:00:00".into()),
                       "currencycode": "JPY", "currencyprefix": "¥", "currencysuffix": ""})
            }).collect();
            let invoices = if page.is_empty() {
                json!("")
            } else {
                json!({"invoice": page})
            };
            success(
                json!({"totalresults": list.len(), "startnumber": start, "numreturned": page.len(), "invoices": invoices}),
            )
        }
        "updateinvoice" => {
            let status = param(&p, "status").map(str::to_string);
            let Some(inv) =
                id_param(&p, "invoiceid").and_then(|id| s.invoices.iter_mut().find(|i| i.id == id))
            else {
                return error("Invoice ID Not Found");
            };
            if let Some(st) = status {
                const VALID: [&str; 7] = [
                    "Draft",
                    "Unpaid",
                    "Paid",
                    "Cancelled",
                    "Refunded",
                    "Collections",
                    "Payment Pending",
                ];
                let Some(st) = VALID.iter().find(|v| v.eq_ignore_ascii_case(&st)) else {
                    return error(&format!("Invalid status {st}"));
                };
                inv.status = (*st).to_string();
            }
            success(json!({"invoiceid": inv.id.to_string()}))
        }
        "addcredit" => {
            let Some(amount) = param(&p, "amount") else {
                return error("No Amount Provided");
            };
            let Some(cents) = parse_money(amount).filter(|c| *c > 0) else {
                return error("Amount must be in decimal format: ### or ###.##");
            };
            let remove = match param(&p, "type").unwrap_or("add") {
                "add" => false,
                "remove" => true,
                _ => return error("Type can only be add or remove"),
            };
            let Some(c) =
                id_param(&p, "clientid").and_then(|id| s.clients.iter_mut().find(|c| c.id == id))
            else {
                return error("Client ID Not Found");
            };
            c.credit += if remove { -cents } else { cents };
            success(json!({"newbalance": money(c.credit)}))
        }
        "createssotoken" => {
            let Some(client) =
                id_param(&p, "client_id").filter(|id| s.clients.iter().any(|c| c.id == *id))
            else {
                return error("Invalid client_id");
            };
            let redirect = match param(&p, "destination").unwrap_or("clientarea:home") {
                "sso:custom_redirect" => param(&p, "sso_redirect_path")
                    .unwrap_or("clientarea.php")
                    .trim_start_matches('/')
                    .to_string(),
                "clientarea:home" => "clientarea.php".into(),
                "clientarea:services" => "clientarea.php?action=services".into(),
                "clientarea:invoices" => "clientarea.php?action=invoices".into(),
                "clientarea:profile" => "clientarea.php?action=details".into(),
                _ => return error("Invalid destination"),
            };
            let token = format!("{:040x}", rand::random::<u128>());
            s.sso.insert(
                token.clone(),
                SsoToken {
                    client_id: client,
                    redirect,
                    issued: Instant::now(),
                },
            );
            success(
                json!({"access_token": token, "redirect_url": format!("{system_url}oauth/singlesignon.php?access_token={token}")}),
            )
        }
        "getpaymethods" => {
            match id_param(&p, "clientid").and_then(|id| s.clients.iter().find(|c| c.id == id)) {
                None => error("Client Not Found"),
                Some(c) => success(json!({"clientid": c.id.to_string(), "paymethods": [{
                    "id": c.id * 10 + 1, "type": "RemoteCreditCard", "description": "Visa ending 4242",
                    "gateway_name": "stripe", "contact_type": "Client", "contact_id": c.id,
                    "card_last_four": "4242", "expiry_date": "12/29", "card_type": "Visa",
                }]})),
            }
        }
        "getpaymentmethods" => success(
            json!({"totalresults": 2, "paymentmethods": {"paymentmethod": [
            {"module": "stripe", "displayname": "Credit Card"}, {"module": "banktransfer", "displayname": "Bank Transfer"}]}}),
        ),
        _ => error("Command Not Found"),
    }
}

fn get_clients_products(s: &State_, p: &Params) -> Response {
    let clientid = id_param(p, "clientid");
    let serviceid = id_param(p, "serviceid");
    let matching: Vec<&Service> = s
        .services
        .iter()
        .filter(|sv| clientid.is_none_or(|c| sv.clientid == c))
        .filter(|sv| serviceid.is_none_or(|id| sv.id == id))
        .collect();
    let start = id_param(p, "limitstart").unwrap_or(0) as usize;
    let num = id_param(p, "limitnum").unwrap_or(25) as usize;
    let page: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(num)
        .map(|sv| {
            json!({
                "id": sv.id.to_string(), "qty": "1", "clientid": sv.clientid.to_string(),
                "orderid": (sv.id + 300).to_string(), "pid": sv.pid.to_string(), "regdate": "2025-04-01",
                "name": esc(&sv.name), "translated_name": esc(&sv.name),
                "groupname": "Mobile &amp; SIM", "translated_groupname": "Mobile &amp; SIM",
                "domain": "", "dedicatedip": "", "serverid": "0",
                "firstpaymentamount": "0.00", "recurringamount": "0.00", "paymentmethod": "stripe",
                "paymentmethodname": "Credit Card", "billingcycle": "Monthly", "nextduedate": "0000-00-00",
                "status": sv.status, "username": "", "password": "", "subscriptionid": "", "notes": "",
                "customfields": {"customfield": [
                    {"id": demo::MSISDN_FIELD_ID.to_string(), "name": "Phone Number (MSISDN)", "translated_name": "Phone Number (MSISDN)", "value": sv.msisdn},
                ]},
                "configoptions": {"configoption": []},
            })
        })
        .collect();
    let products = if page.is_empty() {
        json!("")
    } else {
        json!({"product": page})
    };
    success(json!({
        "clientid": clientid.map(|c| c.to_string()), "serviceid": serviceid.map(|c| c.to_string()),
        "pid": null, "domain": null,
        "totalresults": matching.len().to_string(), "startnumber": start, "numreturned": page.len(),
        "products": products,
    }))
}

fn invoice_json(inv: &Invoice) -> Value {
    let total = money(inv.total());
    let balance = if inv.status == "Paid" {
        "0.00".to_string()
    } else {
        total.clone()
    };
    let items: Vec<Value> = inv
        .items
        .iter()
        .enumerate()
        .map(|(n, (d, a))| json!({"id": n + 1, "type": "", "relid": 0, "description": esc(d), "amount": money(*a), "taxed": 0}))
        .collect();
    json!({
        "invoiceid": inv.id, "invoicenum": "", "userid": inv.userid, "date": inv.date, "duedate": inv.date,
        "datepaid": inv.datepaid.clone().unwrap_or("0000-00-00 00:00:00".into()),
        "lastcaptureattempt": inv.last_capture.clone().unwrap_or("0000-00-00 00:00:00".into()),
        "subtotal": total, "credit": "0.00", "tax": "0.00", "tax2": "0.00", "total": total, "balance": balance,
        "taxrate": "0.000", "taxrate2": "0.000", "status": inv.status, "paymentmethod": inv.paymentmethod,
        "notes": "", "ccgateway": true,
        "items": {"item": items},
        "transactions": if inv.transactions.is_empty() { json!("") } else { json!({"transaction": inv.transactions}) },
    })
}

async fn sso(State(sim): State<WhmcsSim>, Query(q): Query<HashMap<String, String>>) -> Response {
    let token = q.get("access_token").cloned().unwrap_or_default();
    let mut s = sim.lock();
    match s.sso.remove(&token) {
        Some(t) if t.issued.elapsed() <= s.sso_ttl => {
            let client = s
                .clients
                .iter()
                .find(|c| c.id == t.client_id)
                .map(|c| c.email.clone())
                .unwrap_or_default();
            Html(format!(
                "<!DOCTYPE html><html><body><h1>WHMCS client area (simulated)</h1>\
                 <p>Signed in as {}</p><p>Destination: {}</p></body></html>",
                esc(&client),
                esc(&t.redirect)
            ))
            .into_response()
        }
        _ => Redirect::to("login.php?incorrect=true").into_response(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn money_round_trips() {
        assert_eq!(super::parse_money("500"), Some(50_000));
        assert_eq!(super::parse_money("15.5"), Some(1_550));
        assert_eq!(super::money(1_550), "15.50");
        assert_eq!(super::parse_money("1.234"), None);
        assert_eq!(super::parse_money("abc"), None);
    }
}
