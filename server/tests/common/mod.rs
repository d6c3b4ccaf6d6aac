//! Test harness: the whole portal (or only the simulators) on port 0 over real HTTP.
#![allow(dead_code)]

pub mod smtp;

use secrecy::SecretString;
use server::esimgo::{EsimGoClient, EsimGoConfig};
use server::freebit::{FreebitClient, FreebitConfig};
use server::salesforce::{SalesforceClient, SalesforceConfig};
use server::settings::Settings;
use server::simulator::{demo, freebit::FreebitSimConfig, Simulators};
use server::whmcs::{WhmcsClient, WhmcsConfig};
use std::time::Duration;

pub struct TestPortal {
    pub url: String,
    pub sims: Simulators,
    pub http: reqwest::Client,
}

/// A new, empty SQLite database file URL under the temp dir.
pub fn temp_db() -> String {
    let dir = std::env::temp_dir().join("sim-portal-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(format!("{:032x}.db", rand::random::<u128>()));
    format!("sqlite://{}?mode=rwc", file.display())
}

/// A fresh schema on the machine's PostgreSQL (127.0.0.1:5432, trust auth, database `test`;
/// override with `TEST_POSTGRES_URL`), so the portable migrations really run there.
pub async fn fresh_schema_url() -> String {
    let base = std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://root@127.0.0.1:5432/test".into());
    let schema = format!("portal_test_{:016x}", rand::random::<u64>());
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&base)
        .await
        .expect("PostgreSQL is reachable");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&pool)
        .await
        .expect("create schema");
    pool.close().await;
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}options=-c%20search_path%3D{schema}")
}

pub async fn portal() -> TestPortal {
    portal_on(&temp_db()).await
}

/// The portal on the database at `url` (SQLite or PostgreSQL).
pub async fn portal_on(url: &str) -> TestPortal {
    portal_with(Settings::for_tests(url)).await
}

/// The portal with `settings` (simulated upstreams).
pub async fn portal_with(settings: Settings) -> TestPortal {
    let p = server::build(settings).await.expect("portal starts");
    let url = p.url();
    let sims = p.simulators.clone().expect("simulated");
    tokio::spawn(p.serve_until(std::future::pending()));
    TestPortal {
        url,
        sims,
        http: cookie_client(),
    }
}

/// A PEM RSA key on disk (the simulated connected app's; any RSA key would do).
pub const DEMO_KEY_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/simulators/src/salesforce/demo_keys/private.pem"
);

/// The variables of a live-mode portal on `db` whose upstreams are never reached (https on a
/// closed port): for what live mode decides without calling them.
pub fn live_vars(db: &str) -> Vec<(&'static str, String)> {
    vec![
        ("FREEBIT_BASE_URL", "https://127.0.0.1:9/".into()),
        ("FREEBIT_OEM_ID", "PASI".into()),
        ("FREEBIT_OEM_KEY", "k".into()),
        ("WHMCS_BASE_URL", "https://127.0.0.1:9/".into()),
        ("WHMCS_IDENTIFIER", "id".into()),
        ("WHMCS_SECRET", "s".into()),
        ("WHMCS_MSISDN_FIELD_ID", "7".into()),
        ("WHMCS_CUSTOMER_NUMBER_FIELD_ID", "8".into()),
        ("WHMCS_SF_ORDER_FIELD_ID", "9".into()),
        ("SF_LOGIN_URL", "https://127.0.0.1:9/".into()),
        ("SF_CLIENT_ID", "consumer-key".into()),
        ("SF_USERNAME", "integration@example.com".into()),
        ("SF_PRIVATE_KEY_PATH", DEMO_KEY_PATH.into()),
        ("ESIM_GO_BASE_URL", "https://127.0.0.1:9/v2.5/".into()),
        ("ESIM_GO_API_KEY", "k".into()),
        (
            "OPS_SECRET_KEY",
            "c2ltLXBvcnRhbC1kZW1vLXBpbi1rZXktMzItYnl0ZXM=".into(),
        ),
        ("LEPTOS_SITE_ADDR", "127.0.0.1:0".into()),
        ("DATABASE_URL", db.into()),
    ]
}

/// A live-mode portal configured by `vars` (through the real parsing), serving; its URL.
pub async fn live_portal(vars: &[(&'static str, String)]) -> String {
    let settings =
        Settings::from_vars(&|n| vars.iter().find(|(k, _)| *k == n).map(|(_, v)| v.clone()))
            .expect("live settings");
    let p = server::build(settings).await.expect("portal starts");
    let url = p.url();
    tokio::spawn(p.serve_until(std::future::pending()));
    url
}

pub fn cookie_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

impl TestPortal {
    /// Calls the simulated WHMCS API (`action` and its fields) with the demo credentials.
    pub async fn whmcs(&self, action: &str, fields: &[(&str, &str)]) -> serde_json::Value {
        let mut form = vec![
            ("action", action),
            ("identifier", demo::WHMCS_IDENTIFIER),
            ("secret", demo::WHMCS_SECRET),
            ("responsetype", "json"),
        ];
        form.extend_from_slice(fields);
        self.http
            .post(format!("{}/_sim/whmcs/includes/api.php", self.url))
            .form(&form)
            .send()
            .await
            .expect("WHMCS request")
            .json()
            .await
            .expect("WHMCS JSON")
    }

    /// `method path` with `Authorization: Bearer token` and an optional JSON body; the status
    /// and the JSON answer (`null` when there is none).
    pub async fn call(
        &self,
        token: &str,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let mut r = reqwest::Client::new()
            .request(method, format!("{}{path}", self.url))
            .bearer_auth(token);
        if let Some(b) = body {
            r = r.json(&b);
        }
        let r = r.send().await.expect("request");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(serde_json::Value::Null))
    }

    /// GET `path` on the portal as an anonymous client (no redirects followed).
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.url))
            .send()
            .await
            .expect("request")
    }

    /// Logs `email` in over REST and returns the bearer token of the new session.
    pub async fn token(&self, email: &str) -> String {
        let r = post_login(&cookie_client(), &self.url, email, demo::DEMO_PASSWORD).await;
        assert_eq!(r.status(), 200, "login of {email}");
        let body: serde_json::Value = r.json().await.expect("login JSON");
        body["token"].as_str().expect("token").to_string()
    }

    /// GET `path` with `Authorization: Bearer token`; returns the status.
    pub async fn status_with(&self, token: &str, path: &str) -> u16 {
        reqwest::Client::new()
            .get(format!("{}{path}", self.url))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
            .status()
            .as_u16()
    }

    /// Logs a staff member in to the console's API; the bearer token of the new session.
    pub async fn staff_token(&self, email: &str) -> String {
        let r = reqwest::Client::new()
            .post(format!("{}/api/ops/auth/login", self.url))
            .json(&serde_json::json!({"email": email, "password": demo::DEMO_PASSWORD}))
            .send()
            .await
            .expect("staff login");
        assert_eq!(r.status(), 200, "staff login of {email}");
        let body: serde_json::Value = r.json().await.expect("login JSON");
        body["token"].as_str().expect("token").to_string()
    }

    pub async fn login(&self, email: &str) -> reqwest::Client {
        let c = cookie_client();
        let r = post_login(&c, &self.url, email, demo::DEMO_PASSWORD).await;
        assert_eq!(r.status(), 200, "login of {email}");
        c
    }

    pub async fn fault(&self, rule: serde_json::Value) {
        let r = self
            .http
            .post(format!("{}/_sim/control/faults", self.url))
            .json(&rule)
            .send()
            .await
            .expect("fault");
        assert_eq!(r.status(), 201);
    }
}

/// Only the simulators, plus clients pointed at them.
pub struct Upstreams {
    pub base: String,
    pub sims: Simulators,
    pub freebit: FreebitClient,
    pub whmcs: WhmcsClient,
    pub salesforce: SalesforceClient,
    pub esimgo: EsimGoClient,
}

/// An eSIM Go client for the simulated organisation at `base` (`…/_sim`), API v2.5.
pub fn esimgo_client(base: &str, key: &str) -> EsimGoClient {
    EsimGoClient::new(EsimGoConfig {
        base_url: url::Url::parse(&format!("{base}/esimgo/v2.5/")).expect("url"),
        api_key: SecretString::from(key),
        timeout: Duration::from_millis(800),
        read_retries: 2,
    })
    .expect("esimgo client")
}

/// A Salesforce client for the simulated org at `base` (`…/_sim`), with the demo key.
pub fn salesforce_config(base: &str) -> SalesforceConfig {
    SalesforceConfig {
        login_url: url::Url::parse(&format!("{base}/salesforce/")).expect("url"),
        audience: "https://login.salesforce.com".into(),
        client_id: server::simulator::salesforce::CLIENT_ID.into(),
        username: server::simulator::salesforce::USERNAME.into(),
        private_key_pem: SecretString::from(server::simulator::salesforce::DEMO_PRIVATE_KEY_PEM),
        api_version: server::settings::SF_API_VERSION.into(),
        fields: server::salesforce::AccountFields::default(),
        timeout: Duration::from_millis(800),
        read_retries: 2,
    }
}

pub async fn upstreams() -> Upstreams {
    upstreams_with(FreebitSimConfig {
        talk_option_delay: Duration::from_millis(300),
        contract_line_delay: Duration::from_millis(600),
        esim_reissue_delay: Duration::from_millis(300),
    })
    .await
}

pub async fn upstreams_with(config: FreebitSimConfig) -> Upstreams {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}/_sim", listener.local_addr().expect("addr"));
    let sims = Simulators::new(config, &base);
    let app = axum::Router::new().nest("/_sim", sims.router());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let freebit = FreebitClient::new(FreebitConfig {
        base_url: url::Url::parse(&format!("{base}/freebit/")).expect("url"),
        oem_id: demo::FREEBIT_OEM_ID.into(),
        oem_key: SecretString::from(demo::FREEBIT_OEM_KEY),
        timeout: Duration::from_millis(800),
        read_retries: 2,
    })
    .expect("freebit client");
    let whmcs = WhmcsClient::new(WhmcsConfig {
        base_url: url::Url::parse(&format!("{base}/whmcs")).expect("url"),
        identifier: demo::WHMCS_IDENTIFIER.into(),
        secret: SecretString::from(demo::WHMCS_SECRET),
        access_key: None,
        msisdn_field_id: demo::MSISDN_FIELD_ID,
        customer_number_field_id: 11,
        timeout: Duration::from_millis(800),
        read_retries: 2,
    })
    .expect("whmcs client");
    let salesforce = SalesforceClient::new(salesforce_config(&base)).expect("salesforce client");
    let esimgo = esimgo_client(&base, server::simulator::esimgo::API_KEY);
    Upstreams {
        base,
        sims,
        freebit,
        whmcs,
        salesforce,
        esimgo,
    }
}

impl Upstreams {
    pub fn fault(&self, rule: serde_json::Value) {
        self.sims
            .faults
            .add(serde_json::from_value(rule).expect("fault rule"));
    }
}

/// A server function called as a form posts it, by `client` (its cookies are the session):
/// the status and the JSON answer (`Null` when there is none).
pub async fn server_fn(
    client: &reqwest::Client,
    base: &str,
    name: &str,
    form: &[(&str, &str)],
) -> (u16, serde_json::Value) {
    let r = client
        .post(format!("{base}/api/fn/{name}"))
        .form(form)
        .send()
        .await
        .expect("server function");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(serde_json::Value::Null))
}

/// GETs `url` with `client` and parses the JSON body, whatever the status.
pub async fn get_json<T: serde::de::DeserializeOwned>(client: &reqwest::Client, url: &str) -> T {
    let r = client.get(url).send().await.expect("request");
    r.json().await.expect("JSON body")
}

/// POSTs `{email, password}` to the REST login of the portal at `base`.
pub async fn post_login(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(format!("{base}/api/auth/login"))
        .json(&serde_json::json!({"email": email, "password": password}))
        .send()
        .await
        .expect("login request")
}
