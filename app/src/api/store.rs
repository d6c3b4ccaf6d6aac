//! The travel eSIM store's server functions: public catalogue reads (no login needed).
// The catalogue filter's fields arrive as separate arguments (the URL's names).
#![allow(clippy::too_many_arguments)]

use crate::domain::store::{Destination, PlanPage, StorePlan};
use crate::domain::PortalError;
use leptos::prelude::*;

/// One page of plans; the filter's fields as the URL has them (`country`, `region`, `q`,
/// `days`, `data`, `maxPrice`, `sort`, `page`), checked by the domain's parser.
#[server(prefix = "/api/fn", endpoint = "get_store_plans")]
pub async fn get_store_plans(
    country: Option<String>,
    region: Option<String>,
    q: Option<String>,
    days: Option<String>,
    data: Option<String>,
    max_price: Option<String>,
    sort: Option<String>,
    page: Option<String>,
) -> Result<PlanPage, PortalError> {
    use super::ctx;
    let filter = ctx::with_status(crate::domain::store::PlanFilter::parse(|k| match k {
        "country" => country.clone(),
        "region" => region.clone(),
        "q" => q.clone(),
        "days" => days.clone(),
        "data" => data.clone(),
        "maxPrice" => max_price.clone(),
        "sort" => sort.clone(),
        "page" => page.clone(),
        _ => None,
    }))?;
    ctx::with_status(ctx::ports()?.store.plans(&filter).await)
}

#[server(prefix = "/api/fn", endpoint = "get_featured_plans")]
pub async fn get_featured_plans() -> Result<Vec<StorePlan>, PortalError> {
    use super::ctx;
    ctx::with_status(ctx::ports()?.store.featured().await)
}

#[server(prefix = "/api/fn", endpoint = "get_store_plan")]
pub async fn get_store_plan(name: String) -> Result<StorePlan, PortalError> {
    use super::ctx;
    ctx::with_status(ctx::ports()?.store.plan(&name).await)
}

#[server(prefix = "/api/fn", endpoint = "get_destinations")]
pub async fn get_destinations() -> Result<Vec<Destination>, PortalError> {
    use super::ctx;
    ctx::with_status(ctx::ports()?.store.destinations().await)
}
