//! Harness: the simulators on port 0 behind `axum::serve`, spoken to over real HTTP.
//!
//! Requests and expected answers in the tests are written from `../shared/contracts/` as
//! literal strings, never built from the simulator's own constants, so a wrong constant in
//! the simulator fails a test instead of agreeing with itself.
#![allow(dead_code)]

use chrono::{Datelike, FixedOffset, NaiveDate, Utc};
use serde_json::Value;
use simulators::freebit::FreebitSimConfig;
use simulators::Simulators;
use std::future::Future;
use std::time::Duration;

pub const ESIM: &str = "08077052946";
pub const PHYSICAL: &str = "09012345678";

pub struct Sim {
    /// `http://127.0.0.1:<port>/_sim`
    pub base: String,
    pub sims: Simulators,
    pub http: reqwest::Client,
}

/// Short carrier delays so asynchronous work completes within a test.
pub fn fast_config() -> FreebitSimConfig {
    FreebitSimConfig {
        talk_option_delay: Duration::from_millis(300),
        contract_line_delay: Duration::from_millis(600),
        esim_reissue_delay: Duration::from_millis(300),
    }
}

pub async fn start() -> Sim {
    start_with(fast_config()).await
}

pub async fn start_with(config: FreebitSimConfig) -> Sim {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}/_sim", listener.local_addr().expect("addr"));
    let sims = Simulators::new(config, &base);
    let app = axum::Router::new().nest("/_sim", sims.router());
    tokio::spawn(async move { axum::serve(listener, app).await });
    Sim {
        base,
        sims,
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
    }
}

impl Sim {
    /// POSTs `json` as the url-encoded form field `json` to `/emptool/api/<path>`.
    pub async fn freebit(&self, path: &str, json: &str) -> Value {
        let r = self
            .http
            .post(format!("{}/freebit/emptool/api/{path}", self.base))
            .form(&[("json", json)])
            .send()
            .await
            .expect("freebit request");
        assert_eq!(r.status(), 200, "Freebit answers errors with HTTP 200");
        r.json().await.expect("JSON body")
    }

    /// A fresh authKey from `/authOem/` with the contract's request shape.
    pub async fn auth_key(&self) -> String {
        let r = self
            .freebit("authOem/", r#"{"oemId":"SIMOEM01","oemKey":"sim-oem-key"}"#)
            .await;
        assert_eq!(r["resultCode"], "100", "{r}");
        r["authKey"].as_str().expect("authKey").to_string()
    }

    /// The line entry (`kind` MVNO, this `account`) of a getDetail answer.
    pub async fn detail(&self, key: &str, account: &str) -> Value {
        let r = self
            .freebit(
                "mvno/getDetail/",
                &format!(
                    r#"{{"authKey":"{key}","version":"2","requestDatas":[{{"kind":"MVNO","account":"{account}"}}]}}"#
                ),
            )
            .await;
        assert_eq!(r["resultCode"], "100", "{r}");
        r["responseDatas"]
            .as_array()
            .and_then(|d| {
                d.iter()
                    .find(|e| e["kind"] == "MVNO" && e["account"] == account)
            })
            .cloned()
            .unwrap_or_else(|| panic!("no MVNO entry for {account} in {r}"))
    }

    /// POSTs a WHMCS API form with the simulator's credentials prepended.
    pub async fn whmcs(&self, fields: &[(&str, &str)]) -> (u16, Value) {
        let mut form = vec![
            ("identifier", "sim-api-identifier"),
            ("secret", "sim-api-secret"),
            ("responsetype", "json"),
        ];
        form.extend_from_slice(fields);
        self.whmcs_raw(&form).await
    }

    pub async fn whmcs_raw(&self, form: &[(&str, &str)]) -> (u16, Value) {
        let r = self
            .http
            .post(format!("{}/whmcs/includes/api.php", self.base))
            .form(form)
            .send()
            .await
            .expect("whmcs request");
        let status = r.status().as_u16();
        (status, r.json().await.expect("JSON body"))
    }

    /// `POST /_sim/control/clients`: a fresh demo customer.
    pub async fn provision(&self) -> Value {
        let r = self
            .http
            .post(format!("{}/control/clients", self.base))
            .send()
            .await
            .expect("provision");
        assert_eq!(r.status(), 201);
        r.json().await.expect("JSON body")
    }

    pub async fn control(&self, method: reqwest::Method, path: &str, body: Option<&str>) -> u16 {
        let mut req = self
            .http
            .request(method, format!("{}/control/{path}", self.base));
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        req.send().await.expect("control").status().as_u16()
    }

    /// A freshly provisioned client's id.
    pub async fn new_client(&self) -> String {
        self.provision().await["clientId"]
            .as_u64()
            .expect("clientId")
            .to_string()
    }

    /// An Unpaid card invoice with these `(description, amount)` items; its id.
    pub async fn invoice(&self, client: &str, notes: &str, items: &[(&str, &str)]) -> String {
        let keys: Vec<(String, String)> = (1..=items.len())
            .map(|n| (format!("itemdescription{n}"), format!("itemamount{n}")))
            .collect();
        let mut form = vec![
            ("action", "CreateInvoice"),
            ("userid", client),
            ("status", "Unpaid"),
            ("sendinvoice", "0"),
            ("paymentmethod", "stripe"),
            ("notes", notes),
        ];
        for ((d, a), (dk, ak)) in items.iter().zip(&keys) {
            form.push((dk, d));
            form.push((ak, a));
        }
        let (_, r) = self.whmcs(&form).await;
        r["invoiceid"]
            .as_str()
            .unwrap_or_else(|| panic!("invoiceid string: {r}"))
            .to_string()
    }

    pub async fn get_invoice(&self, id: &str) -> Value {
        self.whmcs(&[("action", "GetInvoice"), ("invoiceid", id)])
            .await
            .1
    }

    pub async fn capture(&self, id: &str) -> (u16, Value) {
        self.whmcs(&[("action", "CapturePayment"), ("invoiceid", id)])
            .await
    }

    pub async fn ledger(&self, client: &str) -> Value {
        let (status, l) = self
            .control_json(&format!("whmcs/clients/{client}/ledger"))
            .await;
        assert_eq!(status, 200);
        l
    }

    pub async fn set_card(&self, client: &str, card: &str) -> u16 {
        self.control(
            reqwest::Method::POST,
            &format!("whmcs/clients/{client}/card"),
            Some(&format!(r#"{{"card":"{card}"}}"#)),
        )
        .await
    }

    /// `GET /_sim/control/<path>`: the status and the JSON body (`Null` when there is none).
    pub async fn control_json(&self, path: &str) -> (u16, Value) {
        let r = self
            .http
            .get(format!("{}/control/{path}", self.base))
            .send()
            .await
            .expect("control");
        let status = r.status().as_u16();
        let text = r.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

/// Today on the carrier's (Japanese) calendar, computed here rather than by the simulator.
pub fn today_jst() -> NaiveDate {
    let jst = FixedOffset::east_opt(9 * 3600).expect("offset");
    Utc::now().with_timezone(&jst).date_naive()
}

pub fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

pub fn first_of_next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("valid date")
}

/// Polls `check` until it holds or `within` has passed; true if it held.
pub async fn eventually<F, Fut>(within: Duration, mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + within;
    loop {
        if check().await {
            return true;
        }
        if tokio::time::Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
