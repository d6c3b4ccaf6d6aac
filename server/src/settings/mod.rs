//! Configuration from the environment, in one of two explicit modes:
//!
//! - **live** (the default): real Freebit and WHMCS over https; every upstream variable is
//!   required and a missing one stops the start. The session cookie is always `Secure`.
//! - **demo** (`PORTAL_MODE=demo`, what `scripts/run.sh` sets): the built-in simulators under
//!   `/_sim`, demo customers and their shown password. It listens on loopback only unless
//!   `PORTAL_DEMO_PUBLIC=1`, because anyone reaching it can log in and inject faults.
//!
//! There is no fallback from one to the other: a live deployment that forgets a variable must
//! not come up as a demo with known passwords.
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `PORTAL_MODE` | `live` or `demo` | `live` |
//! | `PORTAL_DEMO_PUBLIC` | demo mode may listen on a non-loopback address | off |
//! | `LEPTOS_SITE_ADDR` | listen address | `127.0.0.1:3000` |
//! | `LEPTOS_SITE_ROOT` | built site (wasm, css) | `target/site` |
//! | `DATABASE_URL` | `sqlite://…` or `postgres://…` | `sqlite://target/portal.db?mode=rwc` |
//! | `FREEBIT_BASE_URL`, `FREEBIT_OEM_ID`, `FREEBIT_OEM_KEY` | Freebit (https) | live: required |
//! | `WHMCS_BASE_URL`, `WHMCS_IDENTIFIER`, `WHMCS_SECRET`, `WHMCS_MSISDN_FIELD_ID` | WHMCS (https) | live: required |
//! | `WHMCS_ACCESS_KEY` | WHMCS API access key, when the install asks for one | none |
//! | `UPSTREAM_TIMEOUT_MS` | per-request upstream timeout | `10000` |
//! | `SESSION_TTL_HOURS` | a login session's absolute lifetime | `336` (14 days) |
//! | `SESSION_IDLE_MINUTES` | a session unused this long is over | `30` |
//! | `TRUST_X_FORWARDED_FOR` | behind a proxy: the client address for rate limits is the last `X-Forwarded-For` entry | `false` |
//! | `SECURE_COOKIES` | demo only: `Secure` session cookie (a demo behind https) | `false` |
//! | `SMTP_URL` | where emails go: `smtps://user:pass@host:465`, or `smtp://user:pass@host:587?tls=required` (STARTTLS); live: plain `smtp://` only to a relay on loopback | none: no emails (live: no password reset) |
//! | `MAIL_FROM` | the sender, e.g. `SonixNet <no-reply@example.jp>` | required with `SMTP_URL` |
//! | `SMTP_TIMEOUT_MS` | one SMTP conversation | `20000` |
//! | `PORTAL_PUBLIC_URL` | the portal's address as customers reach it, for links in emails | live with `SMTP_URL`: required, https; demo: the listen address |
//! | `REDIS_URL` | the cache shared by every instance (`redis://host:6379/0`); without it each instance caches in memory | none |
//! | `METRICS_TOKEN` | live: `/metrics` answers only `Authorization: Bearer <token>` (unset: no `/metrics`); demo: open | none |
//! | `LOG_FORMAT` | `json` (one JSON object per line, the default in live mode) or `text` (the default in demo mode) | by mode |
//! | `HEALTH_CACHE_MS` | how long a `/health/*` result is reused (no upstream login per hit) | `5000` |
//! | `TOPUP_RETRY_BASE_MS`, `TOPUP_MAX_ATTEMPTS` | first wait before a paid top-up is sent to the carrier again (doubling, at most 30 min), and the attempts before it is refunded as credit | `30000`, `8` |
//! | `SIM_BASE_URL` | demo only: use the simulators another demo instance (or `cargo run -p simulators`) serves, e.g. `http://127.0.0.1:3000/_sim`, instead of built-in ones: two demo instances on one database then see one WHMCS and one carrier | built-in |
//! | `SIM_TALK_OPTION_DELAY_MS`, `SIM_CONTRACT_LINE_DELAY_MS`, `SIM_ESIM_REISSUE_DELAY_MS` | simulated carrier delays | `20000`, `60000`, `30000` |

mod mail;

use crate::esimgo::EsimGoConfig;
use crate::freebit::FreebitConfig;
use crate::mail::MailConfig;
use crate::portal::limits::LimitConfig;
use crate::portal::topup::SagaConfig;
use crate::salesforce::{AccountFields, SalesforceConfig};
use crate::simulator::freebit::FreebitSimConfig;
use crate::store::sessions::Lifetime;
use crate::whmcs::WhmcsConfig;
use secrecy::SecretString;
use std::net::SocketAddr;
use std::time::Duration;

/// Must equal `name` in the workspace's `[[workspace.metadata.leptos]]`.
pub const OUTPUT_NAME: &str = "sim-portal";

/// Which world the portal runs in; see the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Live,
    Demo,
}

#[derive(Clone)]
pub enum Upstreams {
    /// The in-process simulators, mounted under `/_sim`, with demo customers.
    Simulated(FreebitSimConfig),
    /// Demo mode on the simulators another process serves at this base (`…/_sim`): a second
    /// demo instance sharing the first one's upstreams (benchmarks, trying many instances).
    SimulatedElsewhere(url::Url),
    Real {
        freebit: Box<FreebitConfig>,
        whmcs: Box<WhmcsConfig>,
        salesforce: Box<SalesforceConfig>,
        esimgo: Box<EsimGoConfig>,
    },
}

#[derive(Clone)]
pub struct Settings {
    pub mode: Mode,
    pub site_addr: SocketAddr,
    pub site_root: String,
    pub database_url: String,
    pub upstreams: Upstreams,
    pub upstream_timeout: Duration,
    pub read_retries: usize,
    pub session: Lifetime,
    pub secure_cookies: bool,
    /// Take the client address from the last `X-Forwarded-For` entry (behind a proxy).
    pub trust_forwarded_for: bool,
    pub limits: LimitConfig,
    /// Pacing of the top-up saga and its reconciler.
    pub saga: SagaConfig,
    /// How long a health check's result is reused.
    pub health_ttl: Duration,
    /// First wait before a sign-up that stopped halfway is tried again (doubles each time).
    pub signup_retry_base: Duration,
    /// Catalog, checkout and fulfilment.
    pub shop: ShopConfig,
    /// The operator console.
    pub ops: OpsConfig,
    /// The travel eSIM store.
    pub store: StoreConfig,
    /// Usage alerts, trip roaming and the usage feed.
    pub automation: crate::portal::automation::AutomationConfig,
    /// SMTP delivery of the email outbox; `None`: emails stay in the outbox.
    pub mail: Option<MailConfig>,
    /// The portal's address as customers reach it (links in emails).
    pub public_url: Option<url::Url>,
    /// Redis for the cache shared by many instances; `None`: in memory.
    pub redis_url: Option<SecretString>,
    /// Bearer token for `/metrics` in live mode.
    pub metrics_token: Option<SecretString>,
}

#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(pub String);

#[derive(Clone, Debug)]
pub struct StoreConfig {
    /// `STORE_USD_JPY` (default 150) and `STORE_MARKUP_PERCENT` (default 30).
    pub pricing: app::domain::store::Pricing,
    /// `STORE_SYNC_MINUTES` (default 60): how often the catalogue is synced from eSIM Go.
    pub sync_every: Duration,
}

impl StoreConfig {
    fn read(v: &Vars) -> Result<Self, ConfigError> {
        let rate = v.var("STORE_USD_JPY").unwrap_or_else(|| "150".into());
        let usd_jpy_milli = rate
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|r| r.is_finite() && *r > 0.0 && *r < 10_000.0)
            .map(|r| (r * 1000.0).round() as u64)
            .ok_or_else(|| {
                ConfigError(format!(
                    "STORE_USD_JPY={rate:?} is not a yen-per-dollar rate (e.g. 151.25)"
                ))
            })?;
        Ok(StoreConfig {
            pricing: app::domain::store::Pricing {
                usd_jpy_milli,
                markup_percent: v.parsed("STORE_MARKUP_PERCENT", 30u32)?.min(1000),
            },
            sync_every: Duration::from_secs(v.parsed("STORE_SYNC_MINUTES", 60u64)?.max(1) * 60),
        })
    }
}

impl StoreConfig {
    /// What tests and the defaults use.
    pub fn defaults() -> Self {
        StoreConfig {
            pricing: app::domain::store::Pricing {
                usd_jpy_milli: 150_000,
                markup_percent: 30,
            },
            sync_every: Duration::from_secs(3600),
        }
    }
}

#[derive(Clone)]
pub struct OpsConfig {
    /// `OPS_SECRET_KEY` (required live): encrypts PIN/PUK at rest.
    pub secret_key: [u8; 32],
    /// `OPS_DEMO_SIMS` (demo only, default 3000): the size of the demo inventory.
    pub demo_sims: u32,
}

impl std::fmt::Debug for OpsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpsConfig")
            .field("secret_key", &"[redacted]")
            .field("demo_sims", &self.demo_sims)
            .finish()
    }
}

#[derive(Debug, Clone)]
pub struct ShopConfig {
    /// `SF_PRICEBOOK` (default "Portal").
    pub pricebook: String,
    /// `WHMCS_ORDER_GATEWAY` (default "stripe").
    pub gateway: String,
    /// `WHMCS_SF_ORDER_FIELD_ID`: the service custom field holding the Salesforce order id
    /// (required live; the simulator's field in demo).
    pub sf_order_field_id: Option<u64>,
    /// `ORDER_RETRY_BASE_MS` (default 30 s): first wait after a failed fulfilment step.
    pub retry_base: Duration,
    /// `ORDER_MAX_ATTEMPTS` (default 8).
    pub max_attempts: i64,
    /// `ORDER_SWEEP_SECONDS` (default 60): how often approvals are looked for besides events.
    pub sweep_every: Duration,
    /// `SF_EVENTS_ENABLED` (default true): subscribe to `OrderProvisionRequested__e`.
    pub events: bool,
    /// `CATALOG_INVALIDATE_TOKEN`: the bearer token of `POST /api/catalog/invalidate` (live).
    pub invalidate_token: Option<SecretString>,
    /// `LINE_NUMBER_BLOCK` (`first-last`, e.g. `08090000000-08090000999`): numbers for new
    /// eSIM lines.
    pub number_block: Vec<String>,
}

/// The numbers of a block `first-last` (11-digit mobile numbers, at most 100,000).
pub fn number_block(spec: &str) -> Result<Vec<String>, ConfigError> {
    let bad = || {
        ConfigError(format!(
            "LINE_NUMBER_BLOCK={spec:?} is not first-last of 11-digit numbers"
        ))
    };
    let (a, b) = spec.trim().split_once('-').ok_or_else(bad)?;
    let ok = |n: &str| n.len() == 11 && n.starts_with('0') && n.bytes().all(|c| c.is_ascii_digit());
    if !ok(a) || !ok(b) {
        return Err(bad());
    }
    let (first, last): (u64, u64) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
    if last < first || last - first >= 100_000 {
        return Err(bad());
    }
    Ok((first..=last).map(|n| format!("{n:011}")).collect())
}

/// Reads variables through `get`, so tests can hand in a map instead of the process
/// environment (which parallel tests share).
struct Vars<'a>(&'a dyn Fn(&str) -> Option<String>);

const UPSTREAM_VARS: [&str; 14] = [
    "FREEBIT_BASE_URL",
    "FREEBIT_OEM_ID",
    "FREEBIT_OEM_KEY",
    "WHMCS_BASE_URL",
    "WHMCS_IDENTIFIER",
    "WHMCS_SECRET",
    "WHMCS_MSISDN_FIELD_ID",
    "WHMCS_CUSTOMER_NUMBER_FIELD_ID",
    "SF_LOGIN_URL",
    "SF_CLIENT_ID",
    "SF_USERNAME",
    "SF_PRIVATE_KEY_PATH",
    "ESIM_GO_BASE_URL",
    "ESIM_GO_API_KEY",
];

/// eSIM Go's API root when `ESIM_GO_BASE_URL` is not set.
pub const ESIM_GO_DEFAULT_URL: &str = "https://api.esim-go.com/v2.5/";

/// The Salesforce API version the client speaks (the contract's examples use v62.0).
pub const SF_API_VERSION: &str = "v62.0";

impl Vars<'_> {
    fn var(&self, name: &str) -> Option<String> {
        (self.0)(name).filter(|v| !v.trim().is_empty())
    }

    fn parsed<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, ConfigError> {
        match self.var(name) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse()
                .map_err(|_| ConfigError(format!("{name}={v:?} is not valid"))),
        }
    }

    fn required(&self, name: &str) -> Result<String, ConfigError> {
        self.var(name).ok_or_else(|| {
            ConfigError(format!(
                "{name} is required. The portal runs on real Freebit, WHMCS and Salesforce unless \
                 PORTAL_MODE=demo is set (built-in simulators and demo logins, for trying it \
                 out); it never falls back to the demo on its own."
            ))
        })
    }

    /// An upstream base URL: https only, because the request bodies carry the API secrets.
    fn https_url(&self, name: &str) -> Result<url::Url, ConfigError> {
        let v = self.required(name)?;
        let u = url::Url::parse(&v).map_err(|e| ConfigError(format!("{name}: {e}")))?;
        if u.scheme() != "https" {
            return Err(ConfigError(format!(
                "{name} must be an https:// URL: the portal sends its API credentials there"
            )));
        }
        Ok(u)
    }

    /// A WHMCS custom field id (a positive integer).
    fn field_id(&self, name: &str) -> Result<u64, ConfigError> {
        self.required(name).and_then(|f| {
            f.trim()
                .parse::<u64>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or_else(|| ConfigError(format!("{name}={f:?} is not a custom field id")))
        })
    }

    /// The real org: JWT bearer flow with the connected app's key read from a file.
    fn salesforce(
        &self,
        timeout: Duration,
        read_retries: usize,
    ) -> Result<SalesforceConfig, ConfigError> {
        let login_url = self.https_url("SF_LOGIN_URL")?;
        let path = self.required("SF_PRIVATE_KEY_PATH")?;
        let pem = std::fs::read_to_string(&path)
            .map_err(|e| ConfigError(format!("SF_PRIVATE_KEY_PATH={path:?}: {e}")))?;
        // Sandboxes authenticate against test.salesforce.com, production against login,
        // whichever host mints the token (My Domain): SF_AUDIENCE overrides the guess.
        let audience = self.var("SF_AUDIENCE").unwrap_or_else(|| {
            if login_url
                .host_str()
                .is_some_and(|h| h.contains("test.salesforce.com") || h.contains("sandbox"))
            {
                "https://test.salesforce.com".into()
            } else {
                "https://login.salesforce.com".into()
            }
        });
        let defaults = AccountFields::default();
        let fields = AccountFields {
            customer_number: self
                .var("SF_CUSTOMER_NUMBER_FIELD")
                .unwrap_or(defaults.customer_number),
            whmcs_client_id: self
                .var("SF_WHMCS_CLIENT_FIELD")
                .unwrap_or(defaults.whmcs_client_id),
            portal_status: self
                .var("SF_PORTAL_STATUS_FIELD")
                .unwrap_or(defaults.portal_status),
        };
        fields.check().map_err(ConfigError)?;
        Ok(SalesforceConfig {
            login_url,
            audience,
            client_id: self.required("SF_CLIENT_ID")?,
            username: self.required("SF_USERNAME")?,
            private_key_pem: SecretString::from(pem),
            api_version: SF_API_VERSION.into(),
            fields,
            timeout,
            read_retries,
        })
    }
}

impl Settings {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(&|name| std::env::var(name).ok())
    }

    pub fn from_vars(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let v = Vars(get);
        let mode = match v.var("PORTAL_MODE").as_deref().map(str::trim) {
            None | Some("live") => Mode::Live,
            Some("demo") => Mode::Demo,
            Some(other) => {
                return Err(ConfigError(format!(
                    "PORTAL_MODE={other:?}: use \"live\" (the default) or \"demo\""
                )))
            }
        };
        let site_addr: SocketAddr =
            v.parsed("LEPTOS_SITE_ADDR", SocketAddr::from(([127, 0, 0, 1], 3000)))?;
        let upstream_timeout = Duration::from_millis(v.parsed("UPSTREAM_TIMEOUT_MS", 10_000u64)?);
        let read_retries = 2;
        let upstreams = match mode {
            Mode::Demo => {
                if let Some(set) = UPSTREAM_VARS.iter().find(|n| v.var(n).is_some()) {
                    return Err(ConfigError(format!(
                        "{set} is set, but PORTAL_MODE=demo runs on the built-in simulators; \
                         unset it, or leave out PORTAL_MODE to use the real upstreams"
                    )));
                }
                if !site_addr.ip().is_loopback() && !v.parsed("PORTAL_DEMO_PUBLIC", false)? {
                    return Err(ConfigError(format!(
                        "PORTAL_MODE=demo listens on loopback only, because anyone reaching it \
                         can log in with the shown demo password and stall the simulators; \
                         {site_addr} is not loopback (set PORTAL_DEMO_PUBLIC=true if you mean it)"
                    )));
                }
                match v.var("SIM_BASE_URL") {
                    Some(base) => Upstreams::SimulatedElsewhere(
                        url::Url::parse(base.trim_end_matches('/'))
                            .ok()
                            .filter(|u| u.scheme() == "http" || u.scheme() == "https")
                            .ok_or_else(|| {
                                ConfigError(format!(
                                    "SIM_BASE_URL={base:?} is not an http(s) URL of simulators \
                                     (e.g. http://127.0.0.1:3000/_sim)"
                                ))
                            })?,
                    ),
                    None => Upstreams::Simulated(FreebitSimConfig {
                        talk_option_delay: Duration::from_millis(
                            v.parsed("SIM_TALK_OPTION_DELAY_MS", 20_000u64)?,
                        ),
                        contract_line_delay: Duration::from_millis(
                            v.parsed("SIM_CONTRACT_LINE_DELAY_MS", 60_000u64)?,
                        ),
                        esim_reissue_delay: Duration::from_millis(
                            v.parsed("SIM_ESIM_REISSUE_DELAY_MS", 30_000u64)?,
                        ),
                    }),
                }
            }
            Mode::Live if v.var("SIM_BASE_URL").is_some() => {
                return Err(ConfigError(
                    "SIM_BASE_URL is for demo instances (PORTAL_MODE=demo) only".into(),
                ))
            }
            Mode::Live => Upstreams::Real {
                freebit: Box::new(FreebitConfig {
                    base_url: v.https_url("FREEBIT_BASE_URL")?,
                    oem_id: v.required("FREEBIT_OEM_ID")?,
                    oem_key: SecretString::from(v.required("FREEBIT_OEM_KEY")?),
                    timeout: upstream_timeout,
                    read_retries,
                }),
                whmcs: Box::new(WhmcsConfig {
                    base_url: v.https_url("WHMCS_BASE_URL")?,
                    identifier: v.required("WHMCS_IDENTIFIER")?,
                    secret: SecretString::from(v.required("WHMCS_SECRET")?),
                    access_key: v.var("WHMCS_ACCESS_KEY").map(SecretString::from),
                    msisdn_field_id: v.field_id("WHMCS_MSISDN_FIELD_ID")?,
                    customer_number_field_id: v.field_id("WHMCS_CUSTOMER_NUMBER_FIELD_ID")?,
                    timeout: upstream_timeout,
                    read_retries,
                }),
                salesforce: Box::new(v.salesforce(upstream_timeout, read_retries)?),
                esimgo: Box::new(EsimGoConfig {
                    // v2.5: suspend/restore exist only there (contract §4).
                    base_url: match v.var("ESIM_GO_BASE_URL") {
                        Some(_) => v.https_url("ESIM_GO_BASE_URL")?,
                        None => url::Url::parse(ESIM_GO_DEFAULT_URL)
                            .map_err(|e| ConfigError(e.to_string()))?,
                    },
                    api_key: SecretString::from(v.required("ESIM_GO_API_KEY")?),
                    timeout: upstream_timeout,
                    read_retries,
                }),
            },
        };
        let mail = mail::read(&v, mode)?;
        let ops =
            OpsConfig {
                secret_key: match (v.var("OPS_SECRET_KEY"), mode) {
                    (Some(k), _) => crate::console::Secrets::parse_key(&k).map_err(ConfigError)?,
                    (None, Mode::Demo) => crate::console::secrets::DEMO_KEY,
                    (None, Mode::Live) => return Err(ConfigError(
                        "OPS_SECRET_KEY is required: the key that encrypts SIM PINs and PUKs at \
                         rest (32 bytes in base64, e.g. `openssl rand -base64 32`)"
                            .into(),
                    )),
                },
                demo_sims: match mode {
                    Mode::Demo => v.parsed("OPS_DEMO_SIMS", 3_000u32)?.min(1_000_000),
                    Mode::Live => 0,
                },
            };
        let shop = ShopConfig {
            pricebook: v.var("SF_PRICEBOOK").unwrap_or_else(|| "Portal".into()),
            gateway: v
                .var("WHMCS_ORDER_GATEWAY")
                .unwrap_or_else(|| "stripe".into()),
            sf_order_field_id: match (mode, v.var("WHMCS_SF_ORDER_FIELD_ID")) {
                (_, Some(_)) => Some(v.field_id("WHMCS_SF_ORDER_FIELD_ID")?),
                (Mode::Live, None) => {
                    return Err(ConfigError(
                        "WHMCS_SF_ORDER_FIELD_ID (the service custom field that keeps the \
                         Salesforce order id) is required"
                            .into(),
                    ))
                }
                (Mode::Demo, None) => None,
            },
            retry_base: Duration::from_millis(v.parsed("ORDER_RETRY_BASE_MS", 30_000u64)?.max(10)),
            max_attempts: v.parsed("ORDER_MAX_ATTEMPTS", 8i64)?.max(1),
            sweep_every: Duration::from_secs(v.parsed("ORDER_SWEEP_SECONDS", 60u64)?.max(1)),
            events: v.parsed("SF_EVENTS_ENABLED", true)?,
            invalidate_token: v.var("CATALOG_INVALIDATE_TOKEN").map(SecretString::from),
            number_block: match v.var("LINE_NUMBER_BLOCK") {
                Some(spec) => number_block(&spec)?,
                None if mode == Mode::Demo => number_block("08090000000-08090000999")?,
                None => Vec::new(),
            },
        };
        Ok(Settings {
            mode,
            site_addr,
            site_root: v
                .var("LEPTOS_SITE_ROOT")
                .unwrap_or_else(|| "target/site".into()),
            database_url: v
                .var("DATABASE_URL")
                .unwrap_or_else(|| "sqlite://target/portal.db?mode=rwc".into()),
            upstreams,
            upstream_timeout,
            read_retries,
            session: Lifetime {
                absolute_secs: v.parsed("SESSION_TTL_HOURS", 336i64)?.max(1) * 3600,
                idle_secs: v.parsed("SESSION_IDLE_MINUTES", 30i64)?.max(1) * 60,
            },
            trust_forwarded_for: v.parsed("TRUST_X_FORWARDED_FOR", false)?,
            limits: LimitConfig::default(),
            // Live deployments sit behind TLS (often a proxy on loopback): always Secure.
            secure_cookies: match mode {
                Mode::Live => true,
                Mode::Demo => v.parsed("SECURE_COOKIES", false)?,
            },
            saga: SagaConfig {
                retry_base: Duration::from_millis(v.parsed("TOPUP_RETRY_BASE_MS", 30_000u64)?),
                max_apply_attempts: v.parsed("TOPUP_MAX_ATTEMPTS", 8i64)?.max(1),
                ..SagaConfig::for_timeout(upstream_timeout, read_retries)
            },
            health_ttl: Duration::from_millis(v.parsed("HEALTH_CACHE_MS", 5_000u64)?),
            signup_retry_base: Duration::from_millis(
                v.parsed("SIGNUP_RETRY_BASE_MS", 30_000u64)?.max(10),
            ),
            shop,
            ops,
            store: StoreConfig::read(&v)?,
            automation: crate::portal::automation::AutomationConfig {
                alert_every: Duration::from_millis(
                    v.parsed("USAGE_ALERT_EVERY_MS", 15 * 60_000u64)?.max(100),
                ),
                trip_retry: Duration::from_millis(
                    v.parsed("TRIP_RETRY_MS", 5 * 60_000u64)?.max(100),
                ),
                ..Default::default()
            },
            mail: mail.config,
            public_url: mail.public_url,
            redis_url: v.var("REDIS_URL").map(SecretString::from),
            metrics_token: v.var("METRICS_TOKEN").map(SecretString::from),
        })
    }

    /// Simulated upstreams, port 0 and a fresh SQLite file: what integration tests start.
    pub fn for_tests(database_url: &str) -> Self {
        Settings {
            mode: Mode::Demo,
            site_addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            site_root: "target/site".into(),
            database_url: database_url.into(),
            upstreams: Upstreams::Simulated(FreebitSimConfig {
                // Long enough that a loaded CI machine still reads "pending" right after
                // ordering; tests that wait for completion poll.
                talk_option_delay: Duration::from_millis(800),
                contract_line_delay: Duration::from_millis(600),
                esim_reissue_delay: Duration::from_millis(300),
            }),
            upstream_timeout: Duration::from_millis(1500),
            read_retries: 2,
            session: Lifetime {
                absolute_secs: 3600,
                idle_secs: 1800,
            },
            trust_forwarded_for: false,
            limits: LimitConfig::default(),
            secure_cookies: false,
            saga: SagaConfig {
                retry_base: Duration::from_millis(300),
                retry_max: Duration::from_secs(2),
                max_apply_attempts: 3,
                poll: Duration::from_millis(100),
                ..SagaConfig::for_timeout(Duration::from_millis(1500), 2)
            },
            health_ttl: Duration::ZERO,
            signup_retry_base: Duration::from_millis(200),
            shop: ShopConfig {
                pricebook: "Portal".into(),
                gateway: "stripe".into(),
                sf_order_field_id: None,
                retry_base: Duration::from_millis(200),
                max_attempts: 3,
                sweep_every: Duration::from_millis(300),
                events: true,
                invalidate_token: None,
                number_block: number_block("08090000000-08090000099").unwrap_or_default(),
            },
            ops: OpsConfig {
                secret_key: crate::console::secrets::DEMO_KEY,
                demo_sims: 120,
            },
            store: StoreConfig::defaults(),
            automation: crate::portal::automation::AutomationConfig {
                alert_every: Duration::from_millis(300),
                trip_retry: Duration::from_millis(300),
                lease: Duration::from_secs(10),
                ..Default::default()
            },
            mail: None,
            public_url: None,
            redis_url: None,
            metrics_token: None,
        }
    }
}

#[cfg(test)]
mod tests;
