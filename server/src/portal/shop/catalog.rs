//! The catalog from Salesforce's "Portal" price book (seed 001 caching): the entries are kept
//! until invalidated (an admin changing products calls the invalidation endpoint; a day at
//! most as a safety net), while what changes by itself — a product's validity dates — is
//! applied on every read, so a campaign ends at midnight JST without anyone invalidating.
//! An account's eligibility is kept per customer until invalidated too.

use super::PortalShop;
use crate::portal::signup::salesforce_error;
use crate::salesforce::orders::SfCatalogEntry;
use app::domain::catalog::{
    parse_options, BillingCycle, CatalogView, Category, ItemClass, Product,
};
use app::domain::{Customer, PortalError};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The cache scope of values shared by every customer.
const GLOBAL: i64 = 0;
const CATALOG_TTL: Duration = Duration::from_secs(24 * 3600);
const ELIGIBILITY_TTL: Duration = Duration::from_secs(24 * 3600);

/// A sellable entry: the product as customers see it, and what ordering it needs.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CatalogItem {
    pub product: Product,
    pub entry_id: String,
    pub pricebook_id: String,
    pub whmcs_pid: u64,
    /// The carrier plan of a SIM service.
    pub plan_code: Option<String>,
    pub public: bool,
    pub eligibility_key: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub valid_from: Option<String>,
    pub valid_until: Option<String>,
}

impl CatalogItem {
    fn valid_on(&self, day: &str) -> bool {
        self.valid_from.as_deref().is_none_or(|f| f <= day)
            && self.valid_until.as_deref().is_none_or(|u| day <= u)
    }
}

/// The entry as a catalog item; `None` (logged) when it cannot be sold as described: an
/// unknown category, class or cycle, options that do not parse, no WHMCS product, a
/// fractional or negative price.
pub fn to_item(e: &SfCatalogEntry) -> Option<CatalogItem> {
    let p = &e.product2;
    let refuse = |why: &str| {
        tracing::warn!(product = p.id, name = p.name, why, "catalog entry left out");
        None
    };
    let Some(category) = p.category.as_deref().and_then(Category::parse) else {
        return refuse("unknown category");
    };
    let Some(class) = p.item_class.as_deref().and_then(ItemClass::parse) else {
        return refuse("unknown item class");
    };
    let Some(cycle) = p.billing_cycle.as_deref().and_then(BillingCycle::parse) else {
        return refuse("unknown billing cycle");
    };
    let options = match parse_options(p.options_json.as_deref()) {
        Ok(o) => o,
        Err(e) => return refuse(&e),
    };
    let Some(pid) = p.whmcs_product_id.filter(|v| *v >= 1.0 && v.fract() == 0.0) else {
        return refuse("no WHMCS product");
    };
    if e.unit_price < 0.0 || e.unit_price.fract() != 0.0 {
        return refuse("the price is not whole yen");
    }
    Some(CatalogItem {
        product: Product {
            sku: p.sku.clone().unwrap_or_else(|| p.id.clone()),
            name: p.name.clone(),
            description: p.description.clone().unwrap_or_default(),
            category,
            class,
            price_yen: e.unit_price as u64,
            cycle,
            options,
        },
        entry_id: e.id.clone(),
        pricebook_id: e.pricebook2_id.clone(),
        whmcs_pid: pid as u64,
        plan_code: p.sim_plan_code.clone().filter(|c| !c.is_empty()),
        public: p.accessible.unwrap_or(false),
        eligibility_key: p.eligibility_key.clone().filter(|k| !k.is_empty()),
        valid_from: p.valid_from.clone(),
        valid_until: p.valid_until.clone(),
    })
}

/// The items valid on `day` that someone with `eligibility` may order (public ones, plus
/// those whose eligibility key the account has).
pub fn visible(items: &[CatalogItem], day: &str, eligibility: &[String]) -> Vec<CatalogItem> {
    items
        .iter()
        .filter(|i| i.valid_on(day))
        .filter(|i| {
            i.public
                || i.eligibility_key
                    .as_ref()
                    .is_some_and(|k| eligibility.contains(k))
        })
        .cloned()
        .collect()
}

pub fn view(items: &[CatalogItem]) -> CatalogView {
    CatalogView {
        products: items.iter().map(|i| i.product.clone()).collect(),
    }
}

fn today_jst() -> String {
    app::domain::dates::jst_date(chrono::Utc::now().timestamp())
        .format("%Y-%m-%d")
        .to_string()
}

impl PortalShop {
    /// Every sellable entry (cached until invalidated).
    pub(super) async fn items(&self) -> Result<Vec<CatalogItem>, PortalError> {
        self.cache
            .get_or_load(
                GLOBAL,
                "catalog",
                |_| CATALOG_TTL,
                || async {
                    let entries = self
                        .salesforce
                        .catalog_entries(&self.settings.pricebook)
                        .await
                        .map_err(salesforce_error)?;
                    Ok(entries.iter().filter_map(to_item).collect::<Vec<_>>())
                },
            )
            .await
    }

    /// The customer's eligibility keys (cached until invalidated).
    async fn eligibility(&self, customer: &Customer) -> Result<Vec<String>, PortalError> {
        let account = self.account(customer).await?;
        self.cache
            .get_or_load(
                customer.id,
                "eligibility",
                |_| ELIGIBILITY_TTL,
                || async {
                    self.salesforce
                        .account_eligibility(&account)
                        .await
                        .map_err(salesforce_error)
                },
            )
            .await
    }

    pub(super) async fn public_items(&self) -> Result<Vec<CatalogItem>, PortalError> {
        Ok(visible(&self.items().await?, &today_jst(), &[]))
    }

    pub(super) async fn items_for(
        &self,
        customer: &Customer,
    ) -> Result<Vec<CatalogItem>, PortalError> {
        let eligibility = self.eligibility(customer).await?;
        Ok(visible(&self.items().await?, &today_jst(), &eligibility))
    }

    /// Forgets the catalog (products or prices changed in Salesforce).
    pub async fn invalidate_catalog(&self) {
        self.cache.forget(GLOBAL).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::salesforce::orders::SfProduct;

    fn entry(name: &str, class: &str, price: f64) -> SfCatalogEntry {
        SfCatalogEntry {
            id: format!("01u{name}"),
            pricebook2_id: "01sPORTAL".into(),
            unit_price: price,
            product2: SfProduct {
                id: format!("01t{name}"),
                name: name.into(),
                sku: Some(name.to_uppercase()),
                description: None,
                category: Some("eSIM".into()),
                item_class: Some(class.into()),
                accessible: Some(true),
                options_json: None,
                whmcs_product_id: Some(55.0),
                sim_plan_code: Some("PASI_5G".into()),
                billing_cycle: Some("Monthly".into()),
                valid_from: Some("2024-04-01".into()),
                valid_until: None,
                eligibility_key: None,
            },
        }
    }

    #[test]
    fn entries_map_to_products_or_are_left_out() {
        let item = to_item(&entry("plan", "Service", 1320.0)).unwrap();
        assert_eq!(item.product.price_yen, 1320);
        assert_eq!(item.product.category, Category::Esim);
        assert_eq!(item.whmcs_pid, 55);
        assert_eq!(item.plan_code.as_deref(), Some("PASI_5G"));
        assert!(
            to_item(&entry("odd", "Bundle", 1.0)).is_none(),
            "unknown class"
        );
        assert!(
            to_item(&entry("cents", "Service", 10.5)).is_none(),
            "not whole yen"
        );
        let mut no_pid = entry("nopid", "Service", 1.0);
        no_pid.product2.whmcs_product_id = None;
        assert!(to_item(&no_pid).is_none());
        let mut bad_options = entry("opts", "Service", 1.0);
        bad_options.product2.options_json = Some("{oops".into());
        assert!(
            to_item(&bad_options).is_none(),
            "options that cannot be shown"
        );
    }

    #[test]
    fn visibility_follows_dates_and_eligibility() {
        let mut ended = to_item(&entry("spring", "Service", 880.0)).unwrap();
        ended.valid_until = Some("2026-05-31".into());
        let mut fibre = to_item(&entry("fibre", "Service", 5280.0)).unwrap();
        fibre.public = false;
        fibre.eligibility_key = Some("fibre-tokyo".into());
        let plan = to_item(&entry("plan", "Service", 1320.0)).unwrap();
        let items = vec![ended, fibre, plan];
        let names = |v: Vec<CatalogItem>| v.into_iter().map(|i| i.product.name).collect::<Vec<_>>();
        assert_eq!(
            names(visible(&items, "2026-05-31", &[])),
            ["spring", "plan"],
            "last day"
        );
        assert_eq!(names(visible(&items, "2026-06-01", &[])), ["plan"]);
        assert_eq!(
            names(visible(&items, "2026-06-01", &["fibre-tokyo".into()])),
            ["fibre", "plan"]
        );
    }
}
