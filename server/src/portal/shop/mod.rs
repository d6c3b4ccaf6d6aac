//! The catalog, checkout and order fulfilment (seed 004 phases 3–4): products and prices from
//! Salesforce (`catalog`), orders written to Salesforce idempotently (`checkout`), and the
//! fulfilment saga that an approval starts — payment method checked, eSIM activated at the
//! carrier, the billing order added and accepted in WHMCS, the outcome written back to
//! Salesforce and emailed (`fulfil`) — fed by the platform-event subscription and a sweep
//! for approvals whose event was missed (`intake`).

pub mod catalog;
mod checkout;
pub mod fulfil;
pub mod intake;

use crate::cache::Cache;
use crate::freebit::FreebitClient;
use crate::mail::Outbox;
use crate::salesforce::SalesforceClient;
use crate::store::orders::OrderRow;
use crate::store::Db;
use crate::whmcs::WhmcsClient;
use app::domain::catalog::{Cart, CatalogView, Quote};
use app::domain::orders::{steps, OrderAction, OrderState, OrderView};
use app::domain::{Customer, PortalError};
use app::ports::Shop;
use async_trait::async_trait;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

#[derive(Debug, Clone)]
pub struct ShopSettings {
    /// The Salesforce price book the portal sells from.
    pub pricebook: String,
    /// The WHMCS gateway new orders are billed through (`paymentmethod`).
    pub gateway: String,
    /// The WHMCS service custom field that carries the Salesforce order id.
    pub sf_order_field_id: u64,
    /// The first wait after a failed step; it doubles, up to an hour.
    pub retry_base: Duration,
    /// Attempts of one step before the order is reported failed.
    pub max_attempts: i64,
    /// How long an instance holds an order while it works on it.
    pub lease_ms: i64,
    /// How often approvals are looked for in Salesforce besides the event subscription.
    pub sweep_every: Duration,
    /// Whether to subscribe to `OrderProvisionRequested__e`.
    pub events: bool,
    pub base_url: String,
}

#[derive(Clone)]
pub struct PortalShop {
    pub(crate) salesforce: SalesforceClient,
    pub(crate) whmcs: WhmcsClient,
    pub(crate) freebit: FreebitClient,
    pub(crate) db: Db,
    pub(crate) cache: Cache,
    pub(crate) outbox: Outbox,
    pub(crate) settings: Arc<ShopSettings>,
    /// Wakes the fulfilment worker when an order is approved.
    pub(crate) wake: Arc<Notify>,
}

impl PortalShop {
    pub fn new(
        salesforce: SalesforceClient,
        whmcs: WhmcsClient,
        freebit: FreebitClient,
        db: Db,
        cache: Cache,
        outbox: Outbox,
        settings: ShopSettings,
    ) -> Self {
        PortalShop {
            salesforce,
            whmcs,
            freebit,
            db,
            cache,
            outbox,
            settings: Arc::new(settings),
            wake: Arc::new(Notify::new()),
        }
    }

    /// The customer's Salesforce account (the same mapping support uses).
    pub(crate) async fn account(&self, customer: &Customer) -> Result<String, PortalError> {
        crate::portal::support::account_of(&self.salesforce, &self.db, customer).await
    }
}

/// A stored pause or failure reason in the customer's language (the row keeps the English
/// text the saga wrote; one it does not know shows as stored).
fn shown_reason(stored: &str) -> String {
    if stored == fulfil::NO_PAYMENT_METHOD {
        app::t!("portal-order-paused-no-payment-method")
    } else if stored == fulfil::NOT_ACTIVATED {
        app::t!("portal-order-failed")
    } else {
        stored.to_string()
    }
}

/// The order as the customer sees it.
pub(crate) fn order_view(row: &OrderRow) -> OrderView {
    let quote: Option<Quote> = serde_json::from_str(&row.quote).ok();
    let state = OrderState::parse(&row.state).unwrap_or(OrderState::Creating);
    let sim = quote
        .as_ref()
        .is_some_and(|q| q.service().options.contains_key("eid"));
    let action = row.paused_reason.as_ref().map(|_| OrderAction {
        label: app::t!("portal-add-payment-method"),
        url: "/api/billing/payment-methods/manage".into(),
    });
    OrderView {
        id: row.id.clone(),
        number: row.sf_order_number.clone(),
        created_at: app::domain::dates::jst_datetime_label(row.created_at),
        product: quote
            .as_ref()
            .map(|q| q.service().name.clone())
            .unwrap_or_default(),
        lines: quote.as_ref().map(|q| q.lines.clone()).unwrap_or_default(),
        one_time_yen: quote.as_ref().map_or(0, |q| q.one_time_yen),
        monthly_yen: quote.as_ref().map_or(0, |q| q.monthly_yen),
        state,
        steps: steps(
            state,
            sim,
            row.paused_reason.is_some(),
            row.failed_reason.is_some(),
        ),
        paused: row.paused_reason.as_deref().map(shown_reason),
        action,
        failed: row.failed_reason.as_deref().map(shown_reason),
        subscription_id: row
            .whmcs_service_id
            .filter(|_| state >= OrderState::BillingAccepted)
            .map(|s| s as u64),
        msisdn: row
            .msisdn
            .clone()
            .filter(|_| state >= OrderState::SimActivated),
    }
}

#[async_trait]
impl Shop for PortalShop {
    async fn catalog(&self) -> Result<CatalogView, PortalError> {
        Ok(catalog::view(&self.public_items().await?))
    }

    async fn personalized(&self, customer: &Customer) -> Result<CatalogView, PortalError> {
        Ok(catalog::view(&self.items_for(customer).await?))
    }

    async fn checkout(&self, customer: &Customer, cart: Cart) -> Result<OrderView, PortalError> {
        self.place(customer, cart).await
    }

    async fn orders(&self, customer: &Customer) -> Result<Vec<OrderView>, PortalError> {
        let rows = crate::store::orders::for_customer(&self.db, customer.id)
            .await
            .map_err(crate::portal::store_error)?;
        Ok(rows.iter().map(order_view).collect())
    }

    async fn order(&self, customer: &Customer, id: &str) -> Result<OrderView, PortalError> {
        match crate::store::orders::get(&self.db, id)
            .await
            .map_err(crate::portal::store_error)?
        {
            Some(row) if row.customer_id == customer.id && row.state != "creating" => {
                Ok(order_view(&row))
            }
            _ => Err(PortalError::NotFound),
        }
    }
}
