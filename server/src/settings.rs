//! Configuration from the environment. With no upstream configured the portal runs the
//! embedded default: built-in simulators, demo customers and a SQLite file.
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `LEPTOS_SITE_ADDR` | listen address | `127.0.0.1:3000` |
//! | `LEPTOS_SITE_ROOT` | built site (wasm, css) | `target/site` |
//! | `DATABASE_URL` | `sqlite://…` or `postgres://…` | `sqlite://target/portal.db?mode=rwc` |
//! | `FREEBIT_BASE_URL`, `FREEBIT_OEM_ID`, `FREEBIT_OEM_KEY` | real Freebit | simulator |
//! | `WHMCS_BASE_URL`, `WHMCS_IDENTIFIER`, `WHMCS_SECRET`, `WHMCS_ACCESS_KEY`, `WHMCS_MSISDN_FIELD_ID` | real WHMCS | simulator |
//! | `UPSTREAM_TIMEOUT_MS` | per-request upstream timeout | `10000` |
//! | `SESSION_TTL_HOURS` | login session lifetime | `336` (14 days) |
//! | `SECURE_COOKIES` | `Secure` session cookie | `true` unless the site address is loopback |
//! | `HEALTH_CACHE_MS` | how long a `/health/*` result is reused (no upstream login per hit) | `5000` |
//! | `TOPUP_RETRY_BASE_MS`, `TOPUP_MAX_ATTEMPTS` | first wait before a paid top-up is sent to the carrier again (doubling, at most 30 min), and the attempts before it is refunded as credit | `30000`, `8` |
//! | `SIM_TALK_OPTION_DELAY_MS`, `SIM_CONTRACT_LINE_DELAY_MS`, `SIM_ESIM_REISSUE_DELAY_MS` | simulated carrier delays | `20000`, `60000`, `30000` |

use crate::freebit::FreebitConfig;
use crate::portal::topup::SagaConfig;
use crate::simulator::freebit::FreebitSimConfig;
use crate::whmcs::WhmcsConfig;
use secrecy::SecretString;
use std::net::SocketAddr;
use std::time::Duration;

/// Must equal `name` in the workspace's `[[workspace.metadata.leptos]]`.
pub const OUTPUT_NAME: &str = "sim-portal";

#[derive(Clone)]
pub enum Upstreams {
    /// The in-process simulators, mounted under `/_sim`, with demo customers.
    Simulated(FreebitSimConfig),
    Real {
        freebit: Box<FreebitConfig>,
        whmcs: Box<WhmcsConfig>,
    },
}

#[derive(Clone)]
pub struct Settings {
    pub site_addr: SocketAddr,
    pub site_root: String,
    pub database_url: String,
    pub upstreams: Upstreams,
    pub upstream_timeout: Duration,
    pub read_retries: usize,
    pub session_ttl_secs: i64,
    pub secure_cookies: bool,
    /// Pacing of the top-up saga and its reconciler.
    pub saga: SagaConfig,
    /// How long a health check's result is reused.
    pub health_ttl: Duration,
}

#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(pub String);

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parsed<T: std::str::FromStr>(name: &str, default: T) -> Result<T, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse()
            .map_err(|_| ConfigError(format!("{name}={v:?} is not valid"))),
    }
}

fn required(name: &str) -> Result<String, ConfigError> {
    var(name).ok_or_else(|| {
        ConfigError(format!(
            "{name} is required when real upstreams are configured"
        ))
    })
}

fn url(name: &str) -> Result<url::Url, ConfigError> {
    let v = required(name)?;
    url::Url::parse(&v).map_err(|e| ConfigError(format!("{name}: {e}")))
}

impl Settings {
    pub fn from_env() -> Result<Self, ConfigError> {
        let site_addr: SocketAddr =
            parsed("LEPTOS_SITE_ADDR", SocketAddr::from(([127, 0, 0, 1], 3000)))?;
        let upstream_timeout = Duration::from_millis(parsed("UPSTREAM_TIMEOUT_MS", 10_000u64)?);
        let read_retries = 2;
        let upstreams =
            match (var("FREEBIT_BASE_URL"), var("WHMCS_BASE_URL")) {
                (None, None) => Upstreams::Simulated(FreebitSimConfig {
                    talk_option_delay: Duration::from_millis(parsed(
                        "SIM_TALK_OPTION_DELAY_MS",
                        20_000u64,
                    )?),
                    contract_line_delay: Duration::from_millis(parsed(
                        "SIM_CONTRACT_LINE_DELAY_MS",
                        60_000u64,
                    )?),
                    esim_reissue_delay: Duration::from_millis(parsed(
                        "SIM_ESIM_REISSUE_DELAY_MS",
                        30_000u64,
                    )?),
                }),
                (Some(_), Some(_)) => Upstreams::Real {
                    freebit: Box::new(FreebitConfig {
                        base_url: url("FREEBIT_BASE_URL")?,
                        oem_id: required("FREEBIT_OEM_ID")?,
                        oem_key: SecretString::from(required("FREEBIT_OEM_KEY")?),
                        timeout: upstream_timeout,
                        read_retries,
                    }),
                    whmcs: Box::new(WhmcsConfig {
                        base_url: url("WHMCS_BASE_URL")?,
                        identifier: required("WHMCS_IDENTIFIER")?,
                        secret: SecretString::from(required("WHMCS_SECRET")?),
                        access_key: var("WHMCS_ACCESS_KEY").map(SecretString::from),
                        msisdn_field_id: parsed("WHMCS_MSISDN_FIELD_ID", 0u64).and_then(|v| {
                            if v == 0 {
                                Err(ConfigError("WHMCS_MSISDN_FIELD_ID is required".into()))
                            } else {
                                Ok(v)
                            }
                        })?,
                        timeout: upstream_timeout,
                        read_retries,
                    }),
                },
                _ => return Err(ConfigError(
                    "set both FREEBIT_BASE_URL and WHMCS_BASE_URL (or neither, for the simulators)"
                        .into(),
                )),
            };
        Ok(Settings {
            site_addr,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            database_url: var("DATABASE_URL")
                .unwrap_or_else(|| "sqlite://target/portal.db?mode=rwc".into()),
            upstreams,
            upstream_timeout,
            read_retries,
            session_ttl_secs: parsed("SESSION_TTL_HOURS", 336i64)? * 3600,
            secure_cookies: parsed("SECURE_COOKIES", !site_addr.ip().is_loopback())?,
            saga: SagaConfig {
                retry_base: Duration::from_millis(parsed("TOPUP_RETRY_BASE_MS", 30_000u64)?),
                max_apply_attempts: parsed("TOPUP_MAX_ATTEMPTS", 8i64)?.max(1),
                ..SagaConfig::for_timeout(upstream_timeout, read_retries)
            },
            health_ttl: Duration::from_millis(parsed("HEALTH_CACHE_MS", 5_000u64)?),
        })
    }

    /// Simulated upstreams, port 0 and a fresh SQLite file: what integration tests start.
    pub fn for_tests(database_url: &str) -> Self {
        Settings {
            site_addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            site_root: "target/site".into(),
            database_url: database_url.into(),
            upstreams: Upstreams::Simulated(FreebitSimConfig {
                talk_option_delay: Duration::from_millis(300),
                contract_line_delay: Duration::from_millis(600),
                esim_reissue_delay: Duration::from_millis(300),
            }),
            upstream_timeout: Duration::from_millis(1500),
            read_retries: 2,
            session_ttl_secs: 3600,
            secure_cookies: false,
            saga: SagaConfig {
                retry_base: Duration::from_millis(300),
                retry_max: Duration::from_secs(2),
                max_apply_attempts: 3,
                poll: Duration::from_millis(100),
                ..SagaConfig::for_timeout(Duration::from_millis(1500), 2)
            },
            health_ttl: Duration::ZERO,
        }
    }
}
