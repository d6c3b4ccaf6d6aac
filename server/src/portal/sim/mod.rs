//! The SIM page's services. Every read and every action starts from [`PortalSims::owned_line`],
//! the one ownership check: WHMCS says which services the customer has (so which SIMs they may
//! see), and a service that is not theirs is `NotFound`, exactly like one that does not exist.
//! Freebit then says what the line is doing. One module per action.

mod actions;
mod cancel;
mod esim;
mod features;
mod overview;
mod plan;
mod roaming;
mod settle;
mod timeline;
mod usage;

pub(crate) use actions::require;
pub(crate) use roaming::TRIP_ACTOR;

use super::limits::{ActionLimiter, LimitConfig};
use super::{freebit_error, whmcs_error};
use crate::cache::{ttl, Cache};
use crate::freebit::{wire::AccountDetail, FreebitClient};
use crate::store::{known_lines, Db};
use crate::whmcs::{wire::Product, WhmcsClient};
use app::domain::{
    ActionReceipt, Customer, Eid, FeatureChange, PlanCode, PortalError, SimDetails, SimOverview,
    Subscription, SubscriptionId, TimelineEntry, UsageReport,
};
use app::ports::SimPortal;
use async_trait::async_trait;

pub struct PortalSims {
    whmcs: WhmcsClient,
    freebit: FreebitClient,
    db: Db,
    actions: ActionLimiter,
    /// Upstream reads, per customer; every change the portal makes forgets the customer's.
    cache: Cache,
}

/// A service verified to belong to the customer, with its phone number.
pub(crate) struct OwnedLine {
    pub id: SubscriptionId,
    pub product: Product,
    pub msisdn: String,
}

impl PortalSims {
    pub fn new(
        whmcs: WhmcsClient,
        freebit: FreebitClient,
        db: Db,
        limits: &LimitConfig,
        cache: Cache,
    ) -> Self {
        PortalSims {
            whmcs,
            freebit,
            db,
            actions: ActionLimiter::new(limits),
            cache,
        }
    }

    /// The customer's services in WHMCS (cached 10 minutes): the subscriptions list and the
    /// ownership check every SIM read and action starts from.
    ///
    /// On a miss for a read `about` one SIM, the carrier is asked about the number that SIM
    /// had last time *while* WHMCS answers (`prefetch_line`), so the page's carrier reads that
    /// follow the ownership check join requests already under way. Nothing prefetched is used
    /// unless WHMCS then confirms the service and its number: the check is unchanged.
    async fn products(
        &self,
        customer: &Customer,
        about: Option<SubscriptionId>,
    ) -> Result<Vec<Product>, PortalError> {
        let client = customer.whmcs_client_id;
        self.cache
            .get_or_load(
                customer.id,
                "products",
                |_| ttl::SUBSCRIPTIONS,
                || async move {
                    if let Some(id) = about {
                        self.prefetch_known_line(customer, id).await;
                    }
                    let products = self
                        .whmcs
                        .get_clients_products(client, None)
                        .await
                        .map_err(whmcs_error)?;
                    // WHMCS filters by client already; checking again costs nothing and means
                    // a misbehaving filter can never show another customer's service.
                    let products: Vec<Product> = products
                        .into_iter()
                        .filter(|p| p.clientid == client)
                        .collect();
                    self.remember_lines(customer, &products);
                    Ok(products)
                },
            )
            .await
    }

    async fn prefetch_known_line(&self, customer: &Customer, id: SubscriptionId) {
        let Ok(sub) = i64::try_from(id.0) else { return };
        match known_lines::get(&self.db, customer.id, sub).await {
            Ok(Some(msisdn)) => {
                let history = app::domain::topup::parse_history_range(None, None, today_jst()).ok();
                self.freebit.prefetch_line(&msisdn, history);
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "known lines unavailable; no prefetch"),
        }
    }

    /// Notes each SIM's number for the next cold read's prefetch (a hint only), in the
    /// background: the page waiting for the ownership check must not wait for these writes.
    fn remember_lines(&self, customer: &Customer, products: &[Product]) {
        let field = self.whmcs.msisdn_field_id();
        let lines: Vec<(i64, String)> = products
            .iter()
            .filter_map(|p| Some((i64::try_from(p.id).ok()?, p.custom_field(field)?)))
            .collect();
        let (db, customer_id) = (self.db.clone(), customer.id);
        tokio::spawn(async move {
            for (sub, msisdn) in lines {
                if let Err(e) = known_lines::remember(&db, customer_id, sub, &msisdn).await {
                    tracing::warn!(error = %e, "could not note a SIM's number");
                }
            }
        });
    }

    /// [`Self::owned_line`] for a change: counted against the customer's action rate limit
    /// first, so a script cannot hammer the carrier through the portal.
    pub(crate) async fn line_for_action(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<OwnedLine, PortalError> {
        self.actions.check(customer.id)?;
        self.owned_line(customer, id).await
    }

    /// The customer's service `id`, verified to belong to them.
    async fn owned_service(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<Product, PortalError> {
        self.products(customer, Some(id))
            .await?
            .into_iter()
            .find(|p| p.id == id.0 && p.clientid == customer.whmcs_client_id)
            .ok_or(PortalError::NotFound)
    }

    /// The ownership check every SIM read and action starts from. A service without a phone
    /// number is not a SIM this page can manage.
    pub(crate) async fn owned_line(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<OwnedLine, PortalError> {
        let product = self.owned_service(customer, id).await?;
        let msisdn = product
            .custom_field(self.whmcs.msisdn_field_id())
            .ok_or(PortalError::NotFound)?;
        Ok(OwnedLine {
            id,
            product,
            msisdn,
        })
    }

    async fn line(&self, owned: &OwnedLine) -> Result<AccountDetail, PortalError> {
        self.freebit
            .get_detail(&owned.msisdn)
            .await
            .map_err(freebit_error)
    }
}

fn subscription_row(p: &Product, msisdn_field: u64) -> Subscription {
    Subscription {
        id: SubscriptionId(p.id),
        msisdn: p.custom_field(msisdn_field),
        product_name: p.display_name(),
        status: p.service_status(),
        next_due_date: p.nextduedate.clone(),
    }
}

#[async_trait]
impl SimPortal for PortalSims {
    async fn subscriptions(&self, customer: &Customer) -> Result<Vec<Subscription>, PortalError> {
        let field = self.whmcs.msisdn_field_id();
        Ok(self
            .products(customer, None)
            .await?
            .iter()
            .map(|p| subscription_row(p, field))
            .collect())
    }

    async fn subscription(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<Subscription, PortalError> {
        // A SIM page's heading: a service without a number is not a SIM (404 like any other).
        let owned = self.owned_line(customer, id).await?;
        Ok(subscription_row(
            &owned.product,
            self.whmcs.msisdn_field_id(),
        ))
    }

    async fn sim_details(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<SimDetails, PortalError> {
        // The overview's details card: one cached entry with one rule (not kept while the
        // carrier is still changing the line), not a second copy that could outlive it.
        let owned = self.owned_line(customer, id).await?;
        Ok(self.cached_overview(customer, &owned).await?.details)
    }

    async fn overview(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<SimOverview, PortalError> {
        let owned = self.owned_line(customer, id).await?;
        self.cached_overview(customer, &owned).await
    }

    async fn usage(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<UsageReport, PortalError> {
        let owned = self.owned_line(customer, id).await?;
        self.cache
            .get_or_load(
                customer.id,
                &format!("usage:{}", id.0),
                |_| ttl::USAGE,
                || self.usage_of(&owned),
            )
            .await
    }

    async fn timeline(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<Vec<TimelineEntry>, PortalError> {
        // The same ownership check as everything else: an account relinked to another billing
        // client must not keep reading its old SIMs' history.
        let owned = self.owned_line(customer, id).await?;
        timeline::read(&self.db, customer, owned.id).await
    }

    async fn change_plan(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        plan: PlanCode,
    ) -> Result<ActionReceipt, PortalError> {
        let owned = self.line_for_action(customer, id).await?;
        self.change_plan_of(customer, &owned, plan).await
    }

    async fn cancel_plan_change(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<ActionReceipt, PortalError> {
        let owned = self.line_for_action(customer, id).await?;
        self.withdraw_plan_change_of(customer, &owned).await
    }

    async fn set_features(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        change: FeatureChange,
    ) -> Result<ActionReceipt, PortalError> {
        let owned = self.line_for_action(customer, id).await?;
        self.set_features_of(customer, &owned, change).await
    }

    async fn cancel_sim(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        on: chrono::NaiveDate,
        confirm_last4: &str,
    ) -> Result<ActionReceipt, PortalError> {
        let owned = self.line_for_action(customer, id).await?;
        self.cancel_of(customer, &owned, on, confirm_last4).await
    }

    async fn reissue_esim(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        eid: Eid,
    ) -> Result<ActionReceipt, PortalError> {
        let owned = self.line_for_action(customer, id).await?;
        self.reissue_of(customer, &owned, eid).await
    }
}

/// Today in Japan.
pub(crate) fn today_jst() -> chrono::NaiveDate {
    app::domain::dates::jst_date(crate::store::now())
}
