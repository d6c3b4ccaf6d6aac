//! The store's GraphQL API at `/graphql` (seed 002's schema, issue 12), on the same port
//! as the pages and server functions, so every rule has one implementation.
//!
//! - **Who**: the session cookie or `Authorization: Bearer <session token>` (the one session
//!   core); the plans are public, everything else needs a customer and shows only theirs (another
//!   customer's order or eSIM is `NOT_FOUND`, like one that does not exist).
//! - **Errors** carry `extensions.code`: `UNAUTHENTICATED`, `NOT_FOUND`, `BAD_USER_INPUT` (with
//!   `field`), `CONFLICT`, `UPSTREAM_UNAVAILABLE`, `RATE_LIMITED`, `INTERNAL` — never internals.
//! - **Limits**: depth 10, complexity 500 (every selected field counts 1; the seed's largest
//!   example is about 30).
//! - **No N+1**: per request, plans are loaded in one batch by name, the customer's eSIMs once,
//!   install data once per eSIM (dataloaders); lists come from the services' joined reads.
//! - GraphiQL at `GET /graphql` on the demo only.

mod types;

use app::domain::store_orders::{Device, EsimDetail};
use app::domain::{Customer, PortalError};
use app::ports::Ports;
use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{Context, EmptySubscription, ErrorExtensions, Object, Result, Schema};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::collections::HashMap;
use types::*;

pub const PATH: &str = "/graphql";
const MAX_DEPTH: usize = 10;
const MAX_COMPLEXITY: usize = 500;

pub type StoreSchema = Schema<Query, Mutation, EmptySubscription>;

/// The one error type on the wire, as GraphQL errors with a code.
fn gql(e: PortalError) -> async_graphql::Error {
    let code = match &e {
        PortalError::Unauthorized | PortalError::InvalidCredentials => "UNAUTHENTICATED",
        PortalError::NotFound | PortalError::NoSuch(_) => "NOT_FOUND",
        PortalError::Invalid { .. } | PortalError::BadRequest(_) | PortalError::TooLarge => {
            "BAD_USER_INPUT"
        }
        PortalError::Conflict(_) | PortalError::Taken { .. } | PortalError::NotAllowed { .. } => {
            "CONFLICT"
        }
        PortalError::Forbidden(_) => "FORBIDDEN",
        PortalError::RateLimited { .. } => "RATE_LIMITED",
        PortalError::PaymentRequired { .. } => "PAYMENT_REQUIRED",
        PortalError::UpstreamUnavailable(_)
        | PortalError::Declined(_)
        | PortalError::Unconfirmed
        | PortalError::Transport(_) => "UPSTREAM_UNAVAILABLE",
        PortalError::Internal => "INTERNAL",
    };
    let field = match &e {
        PortalError::Invalid { field, .. } => Some(field.clone()),
        _ => None,
    };
    async_graphql::Error::new(e.to_string()).extend_with(|_, ext| {
        ext.set("code", code);
        if let Some(f) = &field {
            ext.set("field", f.as_str());
        }
    })
}

/// The request's customer, if logged in.
struct Viewer(Option<Customer>);

fn ports<'a>(ctx: &'a Context<'_>) -> &'a Ports {
    ctx.data_unchecked::<Ports>()
}

fn customer<'a>(ctx: &'a Context<'_>) -> Result<&'a Customer> {
    ctx.data_unchecked::<Viewer>()
        .0
        .as_ref()
        .ok_or_else(|| gql(PortalError::Unauthorized))
}

// ---- dataloaders (one set per request: never shared between customers) ---------------------

struct Plans(Ports);

impl Loader<String> for Plans {
    type Value = DataPlan;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[String]) -> Result<HashMap<String, DataPlan>, Self::Error> {
        let plans = self.0.store.plans_named(keys).await.map_err(gql)?;
        Ok(plans
            .iter()
            .map(|p| (p.name.clone(), DataPlan::from(p)))
            .collect())
    }
}

/// The customer's eSIMs, read once per request whatever asks for them.
struct Esims(Ports, Customer);

impl Loader<String> for Esims {
    type Value = EsimDetail;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[String]) -> Result<HashMap<String, EsimDetail>, Self::Error> {
        let all = self.0.store.esims(&self.1).await.map_err(gql)?;
        Ok(all
            .into_iter()
            .filter(|e| keys.contains(&e.summary.iccid))
            .map(|e| (e.summary.iccid.clone(), e))
            .collect())
    }
}

struct Installs(Ports, Customer, Device);

impl Loader<String> for Installs {
    type Value = Install;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[String]) -> Result<HashMap<String, Install>, Self::Error> {
        let mut out = HashMap::new();
        for iccid in keys {
            let g = self
                .0
                .store
                .install_guide(&self.1, iccid, self.2)
                .await
                .map_err(gql)?;
            out.insert(iccid.clone(), Install::from(&g));
        }
        Ok(out)
    }
}

pub(crate) async fn plan(ctx: &Context<'_>, name: &str) -> Result<Option<DataPlan>> {
    ctx.data_unchecked::<DataLoader<Plans>>()
        .load_one(name.to_string())
        .await
}

pub(crate) async fn esims(ctx: &Context<'_>, iccids: &[String]) -> Result<Vec<Esim>> {
    let Some(loader) = ctx.data_opt::<DataLoader<Esims>>() else {
        return Err(gql(PortalError::Unauthorized));
    };
    let found = loader.load_many(iccids.iter().cloned()).await?;
    Ok(iccids
        .iter()
        .filter_map(|i| found.get(i))
        .map(Esim::from)
        .collect())
}

pub(crate) async fn install(ctx: &Context<'_>, iccid: &str) -> Result<Install> {
    let Some(loader) = ctx.data_opt::<DataLoader<Installs>>() else {
        return Err(gql(PortalError::Unauthorized));
    };
    loader
        .load_one(iccid.to_string())
        .await?
        .ok_or_else(|| gql(PortalError::NoSuch(app::t!("store-esim-not-yours"))))
}

// ---- roots ---------------------------------------------------------------------------------

pub struct Query;

#[Object]
impl Query {
    /// Plans matching the filter (24 a page), cheapest first.
    async fn data_plans(
        &self,
        ctx: &Context<'_>,
        filter: Option<DataPlanFilter>,
    ) -> Result<Vec<DataPlan>> {
        let f = filter.unwrap_or_default();
        let text = |v: Option<i32>| v.map(|n| n.to_string());
        let parsed = app::domain::store::PlanFilter::parse(|k| match k {
            "country" => f.country.clone(),
            "region" => f.region.clone(),
            "q" => f.search.clone(),
            "days" => text(f.duration),
            "data" => text(f.data_gb),
            "maxPrice" => text(f.max_price),
            "page" => text(f.page),
            _ => None,
        })
        .map_err(gql)?;
        let page = ports(ctx).store.plans(&parsed).await.map_err(gql)?;
        Ok(page.plans.iter().map(DataPlan::from).collect())
    }

    async fn featured_plans(&self, ctx: &Context<'_>) -> Result<Vec<DataPlan>> {
        let plans = ports(ctx).store.featured().await.map_err(gql)?;
        Ok(plans.iter().map(DataPlan::from).collect())
    }

    #[graphql(name = "myESIMs")]
    async fn my_esims(&self, ctx: &Context<'_>) -> Result<Vec<Esim>> {
        let c = customer(ctx)?;
        let list = ports(ctx).store.esims(c).await.map_err(gql)?;
        Ok(list.iter().map(Esim::from).collect())
    }

    /// One of your eSIMs by its id (the ICCID).
    async fn esim_details(&self, ctx: &Context<'_>, id: String) -> Result<Esim> {
        customer(ctx)?;
        esims(ctx, std::slice::from_ref(&id))
            .await?
            .pop()
            .ok_or_else(|| gql(PortalError::NoSuch(app::t!("store-esim-not-yours-id"))))
    }

    async fn my_orders(
        &self,
        ctx: &Context<'_>,
        filter: Option<OrderFilter>,
    ) -> Result<Vec<Order>> {
        let c = customer(ctx)?;
        let f = filter.unwrap_or_default();
        let status = f
            .status
            .map(|s| app::domain::store_orders::OrderStage::from(s).as_query());
        let parsed = app::domain::store_orders::OrderFilter::parse(
            status,
            f.from_date.as_deref(),
            f.to_date.as_deref(),
        )
        .map_err(gql)?;
        let list = ports(ctx).store.orders(c, &parsed).await.map_err(gql)?;
        Ok(list.iter().map(Order::from).collect())
    }

    async fn order_details(&self, ctx: &Context<'_>, id: String) -> Result<Order> {
        let c = customer(ctx)?;
        let o = ports(ctx).store.order(c, &id).await.map_err(gql)?;
        Ok(Order::from(&o))
    }
}

pub struct Mutation;

#[Object]
impl Mutation {
    /// Buys `input.quantity` eSIMs of the plan: payment through billing, then the eSIM.
    /// Refusals of the input are errors (`BAD_USER_INPUT`, `NOT_FOUND`); an order that was
    /// placed but not paid or supplied is `success: false` with the order and the reason.
    #[graphql(name = "purchaseESIM")]
    async fn purchase_esim(
        &self,
        ctx: &Context<'_>,
        plan_id: String,
        input: Option<PurchaseInput>,
    ) -> Result<PurchaseResult> {
        let c = customer(ctx)?;
        let input = input.unwrap_or(PurchaseInput {
            quantity: 1,
            ..PurchaseInput::default()
        });
        if input.auto_activate {
            return Err(gql(PortalError::invalid(
                "autoActivate",
                app::t!("store-graphql-auto-activate"),
            )));
        }
        let quantity =
            app::domain::store_orders::parse_quantity(&input.quantity.to_string()).map_err(gql)?;
        let key = match input.idempotency_key.as_deref() {
            Some(k) => app::domain::topup::parse_idempotency_key(k).map_err(gql)?,
            None => format!("graphql-{:032x}", rand::random::<u128>()),
        };
        let order = ports(ctx)
            .store
            .buy(c, plan_id.trim(), quantity, None, &key)
            .await
            .map_err(gql)?;
        let ok = !matches!(
            order.stage,
            app::domain::store_orders::OrderStage::PaymentFailed
                | app::domain::store_orders::OrderStage::Refunded
                | app::domain::store_orders::OrderStage::NeedsAttention
        );
        Ok(PurchaseResult {
            success: ok,
            error: order.failure.clone(),
            order: Some(Order::from(&order)),
        })
    }

    #[graphql(name = "suspendESIM")]
    async fn suspend_esim(&self, ctx: &Context<'_>, esim_id: String) -> Result<EsimResult> {
        set_suspended(ctx, &esim_id, true).await
    }

    #[graphql(name = "restoreESIM")]
    async fn restore_esim(&self, ctx: &Context<'_>, esim_id: String) -> Result<EsimResult> {
        set_suspended(ctx, &esim_id, false).await
    }
}

async fn set_suspended(ctx: &Context<'_>, iccid: &str, suspend: bool) -> Result<EsimResult> {
    let c = customer(ctx)?;
    match ports(ctx).store.suspend(c, iccid, suspend).await {
        Ok(e) => Ok(EsimResult {
            success: true,
            esim: Some(Esim::from(&e)),
            error: None,
        }),
        // "Not on this API version" is an answer, not a failure of the request.
        Err(PortalError::Conflict(why)) => Ok(EsimResult {
            success: false,
            esim: None,
            error: Some(why),
        }),
        Err(e) => Err(gql(e)),
    }
}

pub fn schema() -> StoreSchema {
    Schema::build(Query, Mutation, EmptySubscription)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .finish()
}

#[derive(Clone)]
pub struct GraphqlState {
    pub schema: StoreSchema,
    pub ports: Ports,
    /// GraphiQL is served (demo only).
    pub graphiql: bool,
}

pub fn router<S: Clone + Send + Sync + 'static>(state: GraphqlState) -> Router<S> {
    Router::new()
        .route(PATH, get(graphiql).post(execute))
        .with_state(state)
}

async fn graphiql(State(s): State<GraphqlState>) -> Response {
    if !s.graphiql {
        return StatusCode::NOT_FOUND.into_response();
    }
    Html(
        async_graphql::http::GraphiQLSource::build()
            .endpoint(PATH)
            .finish(),
    )
    .into_response()
}

async fn execute(State(s): State<GraphqlState>, headers: HeaderMap, body: Bytes) -> Response {
    let request: async_graphql::Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            let err = async_graphql::ServerError::new(
                app::t!("store-graphql-not-json", error = e.to_string()),
                None,
            );
            let mut resp = async_graphql::Response::from_errors(vec![err]);
            if let Some(first) = resp.errors.first_mut() {
                first.extensions = {
                    let mut ext = async_graphql::ErrorExtensionValues::default();
                    ext.set("code", "BAD_USER_INPUT");
                    Some(ext)
                };
            }
            return (StatusCode::BAD_REQUEST, Json(resp)).into_response();
        }
    };
    let viewer = match app::ports::session_token(&headers, s.ports.secure_cookies) {
        Some(token) => match s.ports.accounts.customer_for_session(&token).await {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, "GraphQL session lookup failed");
                None
            }
        },
        None => None,
    };
    let ua = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let device = Device::from_user_agent(ua);
    // The loaders run in tasks of their own: they answer in the request's language too.
    let lang = app::i18n::current();
    let spawn = move |f| tokio::spawn(app::i18n::with_lang(lang, f));
    let mut request = request
        .data(s.ports.clone())
        .data(DataLoader::new(Plans(s.ports.clone()), spawn));
    if let Some(c) = &viewer {
        request = request
            .data(DataLoader::new(Esims(s.ports.clone(), c.clone()), spawn))
            .data(DataLoader::new(
                Installs(s.ports.clone(), c.clone(), device),
                spawn,
            ));
    }
    let response = s.schema.execute(request.data(Viewer(viewer))).await;
    Json(response).into_response()
}

/// The seed's example queries, for the README and the tests.
pub const EXAMPLE_FEATURED: &str = "{ featuredPlans { name price } }";
pub const EXAMPLE_MY_ESIMS: &str = "{ myESIMs { id status } }";
