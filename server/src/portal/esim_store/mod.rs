//! The travel eSIM store (issue 12, seed 002) over eSIM Go: the catalogue, synced hourly into
//! the database and served from it (so it keeps working while eSIM Go is down), priced by the
//! domain's one rule.

pub mod callbacks;
pub mod catalogue;
mod esims;
mod purchase;
pub mod saga;
pub mod usage;

use crate::esimgo::EsimGoClient;
use crate::portal::store_error;
use crate::store::{store_plans, Db};
use app::domain::store::{Destination, PlanFilter, PlanPage, Pricing, StorePlan, PLANS_PER_PAGE};
use app::domain::store_orders::{Device, EsimDetail, InstallGuide, OrderFilter, StoreOrder};
use app::domain::{Customer, PortalError};
use async_trait::async_trait;

#[derive(Clone)]
pub struct PortalStore {
    pub db: Db,
    pub esimgo: EsimGoClient,
    pub pricing: Pricing,
    pub saga: saga::PurchaseSaga,
    pub cache: crate::cache::Cache,
}

impl PortalStore {
    fn priced(&self, p: store_plans::PlanRecord) -> StorePlan {
        StorePlan {
            price_yen: self
                .pricing
                .price_yen(u64::try_from(p.cost_cents).unwrap_or(0)),
            name: p.name,
            description: p.description,
            countries: p.countries,
            data_mb: p.data_mb,
            days: p.days,
            speeds: p.speeds,
            featured: p.featured,
        }
    }

    /// Before the first sync there is nothing to show: say so rather than "no plans".
    async fn ensure_synced(&self) -> Result<(), PortalError> {
        match store_plans::last_synced(&self.db)
            .await
            .map_err(store_error)?
        {
            Some(_) => Ok(()),
            None => Err(PortalError::UpstreamUnavailable(app::t!(
                "store-catalogue-loading"
            ))),
        }
    }
}

#[async_trait]
impl app::ports::Store for PortalStore {
    async fn plans(&self, filter: &PlanFilter) -> Result<PlanPage, PortalError> {
        self.ensure_synced().await?;
        let page = filter.page.max(1);
        let max_cost = match filter.max_price_yen {
            None => None,
            Some(yen) => match self.pricing.max_cost_for(yen) {
                Some(c) => Some(i64::try_from(c).unwrap_or(i64::MAX)),
                None => {
                    return Ok(PlanPage {
                        plans: Vec::new(),
                        total: 0,
                        page,
                        per_page: PLANS_PER_PAGE,
                    })
                }
            },
        };
        let (plans, total) = store_plans::list(&self.db, filter, max_cost)
            .await
            .map_err(store_error)?;
        Ok(PlanPage {
            plans: plans.into_iter().map(|p| self.priced(p)).collect(),
            total,
            page,
            per_page: PLANS_PER_PAGE,
        })
    }

    async fn featured(&self) -> Result<Vec<StorePlan>, PortalError> {
        self.ensure_synced().await?;
        let plans = store_plans::featured(&self.db).await.map_err(store_error)?;
        Ok(plans.into_iter().map(|p| self.priced(p)).collect())
    }

    async fn plan(&self, name: &str) -> Result<StorePlan, PortalError> {
        if name.is_empty() || name.len() > 100 {
            return Err(PortalError::NotFound);
        }
        match store_plans::get(&self.db, name)
            .await
            .map_err(store_error)?
        {
            Some(p) if p.active => Ok(self.priced(p)),
            _ => Err(PortalError::NotFound),
        }
    }

    async fn set_featured(&self, name: &str, featured: bool) -> Result<(), PortalError> {
        if store_plans::set_featured(&self.db, name, featured)
            .await
            .map_err(store_error)?
        {
            Ok(())
        } else {
            Err(PortalError::NoSuch(app::t!(
                "store-no-plan-named",
                name = name.to_string()
            )))
        }
    }

    async fn plans_named(&self, names: &[String]) -> Result<Vec<StorePlan>, PortalError> {
        let records = store_plans::named(&self.db, names)
            .await
            .map_err(store_error)?;
        Ok(records.into_iter().map(|p| self.priced(p)).collect())
    }

    async fn destinations(&self) -> Result<Vec<Destination>, PortalError> {
        store_plans::destinations(&self.db)
            .await
            .map_err(store_error)
    }

    async fn buy(
        &self,
        customer: &Customer,
        plan: &str,
        quantity: u32,
        iccid: Option<&str>,
        idempotency_key: &str,
    ) -> Result<StoreOrder, PortalError> {
        self.purchase(customer, plan, quantity, iccid, idempotency_key)
            .await
    }

    async fn order(&self, customer: &Customer, id: &str) -> Result<StoreOrder, PortalError> {
        self.own_order(customer, id).await
    }

    async fn orders(
        &self,
        customer: &Customer,
        filter: &OrderFilter,
    ) -> Result<Vec<StoreOrder>, PortalError> {
        self.own_orders(customer, filter).await
    }

    async fn esims(&self, customer: &Customer) -> Result<Vec<EsimDetail>, PortalError> {
        self.my_esims(customer).await
    }

    async fn install_guide(
        &self,
        customer: &Customer,
        iccid: &str,
        device: Device,
    ) -> Result<InstallGuide, PortalError> {
        self.install(customer, iccid, device).await
    }

    async fn suspend(
        &self,
        customer: &Customer,
        iccid: &str,
        suspend: bool,
    ) -> Result<EsimDetail, PortalError> {
        self.set_suspended(customer, iccid, suspend).await
    }
}
