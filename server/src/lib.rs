//! The portal server: startup, state and the router. `main` only reads settings and calls
//! [`build`]; tests call [`build`] with port 0 and talk HTTP to the result.

pub mod cache;
pub mod console;
pub mod emails;
pub mod esimgo;
pub mod freebit;
pub mod graphql;
pub mod lenient;
pub mod mail;
pub mod portal;
pub mod routes;
pub mod salesforce;
pub mod settings;
pub use simulators as simulator;
pub mod store;
pub mod telemetry;
pub mod upstream;
pub mod whmcs;

use app::ports::Ports;
use axum::body::Body;
use axum::extract::{FromRef, Request, State};
use axum::Router;
use esimgo::EsimGoConfig;
use freebit::{FreebitClient, FreebitConfig};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use salesforce::{SalesforceClient, SalesforceConfig};
use secrecy::{ExposeSecret, SecretString};
use settings::{Settings, Upstreams};
use simulator::Simulators;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use whmcs::{WhmcsClient, WhmcsConfig};

/// The app's routes, worked out once per process. Working them out renders the app with
/// resource loading switched off by a process-wide flag (leptos_server's
/// `SuppressResourceLoad`): a page rendering meanwhile in another portal of the same process
/// (tests start many) would have its resources wait forever (leptos issue #4773).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// The largest request body accepted anywhere (REST, server functions, simulators): every
/// legitimate body is a small form or JSON object.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Shared by every handler; cloning is cheap.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub ports: Ports,
    pub db: store::Db,
    pub freebit: FreebitClient,
    pub whmcs: WhmcsClient,
    pub salesforce: SalesforceClient,
    pub health: Arc<routes::health::HealthCache>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("cannot set up the {0} client: {1}")]
    Client(&'static str, String),
    #[error("cannot set up accounts: {0}")]
    Accounts(app::domain::PortalError),
    #[error("the built-in simulators run only in demo mode (PORTAL_MODE=demo)")]
    SimulatorsOutsideDemo,
    #[error("cannot set up email: {0}")]
    Mail(String),
    #[error("cannot reach Redis (REDIS_URL): {0}")]
    Cache(String),
}

/// How long requests in flight may take to finish after Ctrl-C.
pub const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// A started-but-not-yet-serving portal.
pub struct Portal {
    pub router: Router,
    pub listener: TcpListener,
    pub addr: SocketAddr,
    /// The simulators, when the portal runs on them (tests use them to inject faults).
    pub simulators: Option<Simulators>,
    pub state: AppState,
}

impl Portal {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Serves until Ctrl-C, with each connection's peer address known to the handlers.
    /// Requests in flight get [`SHUTDOWN_GRACE`] to finish: a long-polling request (the
    /// platform-event subscription's CometD connect is held up to 110 s) must not hold the
    /// process up.
    pub async fn serve(self) -> std::io::Result<()> {
        self.serve_until(async {
            let _ = tokio::signal::ctrl_c().await;
            tokio::spawn(async {
                tokio::time::sleep(SHUTDOWN_GRACE).await;
                tracing::warn!("requests still running after the shutdown grace period; exiting");
                std::process::exit(0);
            });
        })
        .await
    }

    pub async fn serve_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        use axum::serve::ListenerExt;
        // Without TCP_NODELAY a response written in two parts (headers, then a small body —
        // every static file) waits for the client's delayed ACK: ~40 ms per request on a
        // keep-alive connection (Nagle's algorithm), measured on /pkg/*.css.
        let listener = self.listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "could not set TCP_NODELAY");
            }
        });
        axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
    }
}

/// Binds the listener, opens and migrates the database, wires clients (to the simulators
/// under this very server's `/_sim` unless real upstreams are configured) and builds the router.
pub async fn build(settings: Settings) -> Result<Portal, StartupError> {
    build_with(settings, None).await
}

/// Clients for the simulators served at `base` (`…/_sim`, this server's or another's), with
/// the simulators' demo credentials (for Salesforce: the demo connected app's key).
fn simulated_clients(
    settings: &Settings,
    base: &str,
) -> (FreebitConfig, WhmcsConfig, SalesforceConfig, EsimGoConfig) {
    let url = |p: &str| {
        url::Url::parse(&format!("{}/{p}/", base.trim_end_matches('/')))
            .expect("valid simulator URL")
    };
    let freebit = FreebitConfig {
        base_url: url("freebit"),
        oem_id: simulator::demo::FREEBIT_OEM_ID.into(),
        oem_key: SecretString::from(simulator::demo::FREEBIT_OEM_KEY),
        timeout: settings.upstream_timeout,
        read_retries: settings.read_retries,
    };
    let whmcs = WhmcsConfig {
        base_url: url("whmcs"),
        identifier: simulator::demo::WHMCS_IDENTIFIER.into(),
        secret: SecretString::from(simulator::demo::WHMCS_SECRET),
        access_key: None,
        msisdn_field_id: simulator::demo::MSISDN_FIELD_ID,
        customer_number_field_id: simulator::demo::CUSTOMER_NUMBER_FIELD_ID,
        timeout: settings.upstream_timeout,
        read_retries: settings.read_retries,
    };
    let salesforce = SalesforceConfig {
        login_url: url("salesforce"),
        audience: "https://login.salesforce.com".into(),
        client_id: simulator::salesforce::CLIENT_ID.into(),
        username: simulator::salesforce::USERNAME.into(),
        private_key_pem: SecretString::from(simulator::salesforce::DEMO_PRIVATE_KEY_PEM),
        api_version: settings::SF_API_VERSION.into(),
        fields: salesforce::AccountFields::default(),
        timeout: settings.upstream_timeout,
        read_retries: settings.read_retries,
    };
    let esimgo = EsimGoConfig {
        base_url: url("esimgo/v2.5"),
        api_key: SecretString::from(simulator::esimgo::API_KEY),
        timeout: settings.upstream_timeout,
        read_retries: settings.read_retries,
    };
    (freebit, whmcs, salesforce, esimgo)
}

/// [`build`], but with simulated upstreams uses `shared` instead of fresh simulators: two
/// portals (a crashed one and its successor, in tests) then see one WHMCS and one carrier.
pub async fn build_with(
    settings: Settings,
    shared: Option<Simulators>,
) -> Result<Portal, StartupError> {
    let listener = TcpListener::bind(settings.site_addr)
        .await
        .map_err(|e| StartupError::Bind(settings.site_addr, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| StartupError::Bind(settings.site_addr, e))?;
    let db = store::connect(&settings.database_url).await?;

    // Calls to ourselves go to loopback even when listening on all interfaces.
    let self_base = if addr.ip().is_unspecified() {
        format!("http://127.0.0.1:{}", addr.port())
    } else {
        format!("http://{addr}")
    };
    let (freebit_cfg, whmcs_cfg, salesforce_cfg, esimgo_cfg, simulators) = match &settings.upstreams
    {
        Upstreams::Real {
            freebit,
            whmcs,
            salesforce,
            esimgo,
        } => (
            (**freebit).clone(),
            (**whmcs).clone(),
            (**salesforce).clone(),
            (**esimgo).clone(),
            None,
        ),
        Upstreams::Simulated(_) | Upstreams::SimulatedElsewhere(_)
            if settings.mode != settings::Mode::Demo =>
        {
            return Err(StartupError::SimulatorsOutsideDemo)
        }
        Upstreams::Simulated(sim_cfg) => {
            let sims = shared
                .clone()
                .unwrap_or_else(|| Simulators::new(sim_cfg.clone(), &format!("{self_base}/_sim")));
            let (freebit, whmcs, salesforce, esimgo) =
                simulated_clients(&settings, &format!("{self_base}/_sim"));
            (freebit, whmcs, salesforce, esimgo, Some(sims))
        }
        Upstreams::SimulatedElsewhere(base) => {
            let (freebit, whmcs, salesforce, esimgo) = simulated_clients(&settings, base.as_str());
            (freebit, whmcs, salesforce, esimgo, None)
        }
    };
    let demo = settings.mode == settings::Mode::Demo;
    if demo {
        portal::accounts::seed_demo_customers(&db)
            .await
            .map_err(StartupError::Accounts)?;
    }
    let freebit = FreebitClient::new(freebit_cfg)
        .map_err(|e| StartupError::Client("Freebit", e.to_string()))?;
    let whmcs =
        WhmcsClient::new(whmcs_cfg).map_err(|e| StartupError::Client("WHMCS", e.to_string()))?;
    let salesforce = SalesforceClient::new(salesforce_cfg)
        .map_err(|e| StartupError::Client("Salesforce", e.to_string()))?;
    let esimgo = esimgo::EsimGoClient::new(esimgo_cfg)
        .map_err(|e| StartupError::Client("eSIM Go", e.to_string()))?;

    let cache = match &settings.redis_url {
        Some(url) => cache::Cache::with_redis(
            cache::RedisCache::connect(url.expose_secret())
                .await
                .map_err(|e| StartupError::Cache(e.to_string()))?,
        ),
        None => cache::Cache::memory(),
    };
    let sims = Arc::new(portal::sim::PortalSims::new(
        whmcs.clone(),
        freebit.clone(),
        db.clone(),
        &settings.limits,
        cache.clone(),
    ));
    let saga = portal::topup::saga::Saga {
        db: db.clone(),
        whmcs: whmcs.clone(),
        freebit: freebit.clone(),
        cfg: settings.saga.clone(),
        cache: cache.clone(),
        public_base: settings
            .public_url
            .as_ref()
            .map_or_else(|| self_base.clone(), |u| u.to_string()),
    };
    tokio::spawn(portal::topup::reconciler::run(saga.clone()));
    tokio::spawn(portal::accounts::purge_sessions(
        db.clone(),
        settings.session,
    ));
    let outbox = mail::Outbox::new(db.clone());
    if let Some(cfg) = &settings.mail {
        let sender =
            mail::Sender::new(cfg, &outbox).map_err(|e| StartupError::Mail(e.to_string()))?;
        tokio::spawn(sender.run());
    }
    let public_base = settings
        .public_url
        .as_ref()
        .map_or_else(|| self_base.clone(), |u| u.to_string());
    let signups = portal::signup::SignUps {
        db: db.clone(),
        whmcs: whmcs.clone(),
        salesforce: salesforce.clone(),
        cache: cache.clone(),
        outbox: outbox.clone(),
        base_url: public_base.clone(),
        retry_base: settings.signup_retry_base,
        max_attempts: 20,
        lease_ms: portal::signup::lease_ms_for(settings.upstream_timeout, settings.read_retries),
    };
    tokio::spawn(portal::signup::retry_job(
        signups.clone(),
        settings
            .signup_retry_base
            .min(std::time::Duration::from_secs(5)),
    ));
    // Reset links need a way to the customer: SMTP, or (demo) the mailbox page.
    let reset = (settings.mail.is_some() || demo).then(|| portal::accounts::ResetLinks {
        base_url: public_base.clone(),
        outbox: outbox.clone(),
    });
    let password_reset = reset.is_some();
    let shop = portal::shop::PortalShop::new(
        salesforce.clone(),
        whmcs.clone(),
        freebit.clone(),
        db.clone(),
        cache.clone(),
        outbox.clone(),
        portal::shop::ShopSettings {
            pricebook: settings.shop.pricebook.clone(),
            gateway: settings.shop.gateway.clone(),
            sf_order_field_id: settings
                .shop
                .sf_order_field_id
                .unwrap_or(simulator::demo::SF_ORDER_FIELD_ID),
            retry_base: settings.shop.retry_base,
            max_attempts: settings.shop.max_attempts,
            lease_ms: portal::signup::lease_ms_for(
                settings.upstream_timeout,
                settings.read_retries,
            ),
            sweep_every: settings.shop.sweep_every,
            events: settings.shop.events,
            base_url: public_base.clone(),
        },
    );
    store::orders::add_numbers(&db, &settings.shop.number_block).await?;
    if settings.shop.events {
        tokio::spawn(shop.clone().listen());
    }
    tokio::spawn(shop.clone().sweep());
    tokio::spawn(
        shop.clone().worker(
            settings
                .shop
                .retry_base
                .min(std::time::Duration::from_secs(5)),
        ),
    );
    let secrets = console::Secrets::new(&settings.ops.secret_key);
    if demo {
        console::staff::seed_demo_staff(&db)
            .await
            .map_err(StartupError::Accounts)?;
        console::demo::seed(&db, &secrets, settings.ops.demo_sims).await?;
    }
    let ops_console = console::OpsConsole::new(db.clone(), secrets, demo, settings.limits.clone())
        .map_err(StartupError::Accounts)?;
    let purchases = portal::esim_store::saga::PurchaseSaga {
        db: db.clone(),
        whmcs: whmcs.clone(),
        esimgo: esimgo.clone(),
        cache: cache.clone(),
        cfg: portal::esim_store::saga::SagaConfig {
            lease: settings.saga.lease,
            retry_base: settings
                .saga
                .retry_base
                .min(std::time::Duration::from_secs(10)),
            retry_max: settings
                .saga
                .retry_max
                .min(std::time::Duration::from_secs(15 * 60)),
            max_order_attempts: 5,
            poll: settings.saga.poll,
        },
        public_base: public_base.clone(),
    };
    tokio::spawn(portal::esim_store::saga::run(purchases.clone()));
    tokio::spawn(routes::esimgo_hook::expiry_job(
        db.clone(),
        public_base.clone(),
    ));
    let esim_store = portal::esim_store::PortalStore {
        db: db.clone(),
        esimgo: esimgo.clone(),
        pricing: settings.store.pricing,
        saga: purchases,
        cache: cache.clone(),
    };
    tokio::spawn(portal::esim_store::catalogue::run(
        portal::esim_store::catalogue::Catalogue {
            db: db.clone(),
            esimgo: esimgo.clone(),
        },
        settings.store.sync_every,
        demo,
    ));
    let automation = Arc::new(portal::automation::Automation::new(
        sims.clone(),
        db.clone(),
        public_base.clone(),
        settings.automation.clone(),
    ));
    tokio::spawn(portal::automation::run(automation.clone()));
    let ports = Ports {
        alerts: automation.clone(),
        trips: automation.clone(),
        feed: automation,
        console: Arc::new(ops_console),
        store: Arc::new(esim_store),
        accounts: Arc::new(
            portal::accounts::PortalAccounts::new(
                db.clone(),
                whmcs.clone(),
                settings.session,
                demo,
                settings.limits.clone(),
                reset,
            )
            .map_err(StartupError::Accounts)?
            .with_signups(signups),
        ),
        top_ups: Arc::new(portal::topup::PortalTopUps::new(sims.clone(), saga)),
        billing: Arc::new(portal::billing::PortalBilling::new(whmcs.clone())),
        profiles: Arc::new(portal::profile::PortalProfiles::new(
            whmcs.clone(),
            cache.clone(),
            db.clone(),
        )),
        support: Arc::new(portal::support::PortalSupport::new(
            salesforce.clone(),
            db.clone(),
        )),
        shop: Arc::new(shop.clone()),
        demo_customer_numbers: if demo {
            simulator::demo::SF_ACCOUNTS
                .iter()
                .filter(|a| a.whmcs_client_id.is_none())
                .map(|a| a.customer_number.to_string())
                .collect()
        } else {
            Vec::new()
        },
        sims,
        secure_cookies: settings.secure_cookies,
        password_reset,
        demo_logins: demo.then(|| app::domain::DemoLogins {
            emails: simulator::demo::CLIENTS
                .iter()
                .map(|c| c.email.to_string())
                .collect(),
            password: simulator::demo::DEMO_PASSWORD.to_string(),
        }),
    };

    let mut leptos_options = LeptosOptions::builder()
        .output_name(settings::OUTPUT_NAME)
        .build();
    leptos_options.site_root = settings.site_root.clone().into();
    leptos_options.site_pkg_dir = "pkg".into();
    leptos_options.site_addr = addr;
    // A release build names its bundle after the content (see routes::assets).
    leptos_options.hash_files = app::assets::hash_file(&leptos_options).is_some();

    let state = AppState {
        leptos_options,
        ports,
        db,
        freebit,
        whmcs,
        salesforce,
        health: Arc::new(routes::health::HealthCache::new(settings.health_ttl)),
    };
    let routes = route_list();
    let ctx_ports = state.ports.clone();
    let shell_options = state.leptos_options.clone();
    telemetry::handle();
    let metrics = Router::new()
        .route("/metrics", axum::routing::get(telemetry::serve))
        .with_state(telemetry::MetricsState {
            db: state.db.clone(),
            token: settings.metrics_token.clone(),
            live: settings.mode == settings::Mode::Live,
        });
    // Static files (with their cache lifetimes), and the 404 page, which renders the header
    // too and so needs the ports to find the session.
    let hashed = state.leptos_options.hash_files;
    let files = leptos_axum::file_and_error_handler_with_context::<AppState, _>(
        {
            let ports = state.ports.clone();
            move || {
                provide_context(ports.clone());
                provide_context(app::ports::SessionMemo::default());
                routes::headers::page_csp();
            }
        },
        app::shell,
    );
    // Pages render a few at a time per core; the rest wait their turn. On 2 cores 16 renders
    // keep both busy, and the memory a burst of customers takes is bounded by the renders in
    // flight instead of growing with the number of open connections (bench: peak RSS).
    let render_slots = std::thread::available_parallelism().map_or(2, |n| n.get()) * 8;
    let pages: Router<AppState> = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(ctx_ports.clone());
                provide_context(app::ports::SessionMemo::default());
                routes::headers::page_csp();
            },
            move || app::shell(shell_options.clone()),
        )
        .layer(tower::limit::ConcurrencyLimitLayer::new(render_slots));
    let mut router: Router = Router::new()
        .merge(metrics)
        .merge(routes::catalog_hook::router(
            routes::catalog_hook::HookState {
                shop: shop.clone(),
                token: settings.shop.invalidate_token.clone(),
                live: settings.mode == settings::Mode::Live,
            },
        ))
        .merge(routes::esimgo_hook::router(
            routes::esimgo_hook::HookState {
                db: state.db.clone(),
                esimgo: esimgo.clone(),
                cache: cache.clone(),
                base_url: public_base.clone(),
            },
        ))
        .merge(graphql::router(graphql::GraphqlState {
            schema: graphql::schema(),
            ports: state.ports.clone(),
            graphiql: settings.mode == settings::Mode::Demo,
        }))
        .merge(routes::api::router())
        .merge(routes::lang::router())
        .merge(routes::health::router())
        .merge(pages)
        .fallback(
            move |uri: axum::http::Uri, st: State<AppState>, req: Request<Body>| {
                let files = files.clone();
                async move {
                    let method = req.method().clone();
                    let path = uri.path().to_owned();
                    let res = files(uri, st, req).await;
                    routes::assets::with_cache_control(&method, &path, hashed, res)
                }
            },
        )
        .with_state(state.clone());
    if let Some(sims) = &simulators {
        let demo = routes::demo::router(state.db.clone(), sims.clone());
        router = router.nest("/_sim", sims.router().merge(demo));
    }
    // Inside out: a panic becomes a plain 500; server-function arguments are checked by
    // name; bodies are capped; cross-site writes are
    // refused; the client's address is known to everything inside; security headers go on
    // every response; requests are traced inside the span that carries their request id.
    let router = router
        .layer(axum::middleware::from_fn(telemetry::time_requests))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            routes::request_id::panic_response,
        ))
        .layer(axum::middleware::from_fn(routes::server_fn_args::check))
        .layer(axum::middleware::from_fn(
            routes::body_limit::buffer_server_fn_bodies,
        ))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_BODY_BYTES,
        ))
        // CSV imports are the one body larger than the default limit.
        .merge(
            routes::api::ops::import_router()
                .with_state(state.clone())
                .layer(axum::middleware::from_fn(telemetry::time_requests))
                .layer(tower_http::catch_panic::CatchPanicLayer::custom(
                    routes::request_id::panic_response,
                ))
                .layer(tower_http::limit::RequestBodyLimitLayer::new(
                    routes::api::ops::MAX_IMPORT_BYTES,
                )),
        )
        .layer(axum::middleware::from_fn(routes::csrf::refuse_cross_site));
    let trust_xff = settings.trust_forwarded_for;
    let router = router.layer(axum::middleware::from_fn(move |req, next| {
        routes::client_ip::remember(trust_xff, req, next)
    }));
    let router = routes::headers::secure(router, settings.secure_cookies)
        .layer(axum::middleware::from_fn(routes::lang::scope))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .layer(axum::middleware::from_fn(routes::request_id::tag));
    Ok(Portal {
        router,
        listener,
        addr,
        simulators,
        state,
    })
}
