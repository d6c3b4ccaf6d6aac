use crate::domain::catalog::{Cart, CatalogView};
use crate::domain::orders::OrderView;
use crate::domain::PortalError;
use leptos::prelude::*;

/// What the visitor may order: with their account's eligibility when logged in.
#[server(prefix = "/api/fn", endpoint = "get_catalog")]
pub async fn get_catalog() -> Result<CatalogView, PortalError> {
    use super::ctx;
    let ports = ctx::ports()?;
    match ctx::customer().await {
        Ok(c) => ctx::with_status(ports.shop.personalized(&c).await),
        Err(PortalError::Unauthorized) => ctx::with_status(ports.shop.catalog().await),
        Err(e) => ctx::with_status(Err(e)),
    }
}

/// Places the order for `cart` (the same open order when it was placed already).
#[server(prefix = "/api/fn", endpoint = "checkout")]
pub async fn checkout(cart: Cart) -> Result<OrderView, PortalError> {
    use super::ctx;
    let customer = ctx::with_status(ctx::customer().await)?;
    ctx::with_status(ctx::ports()?.shop.checkout(&customer, cart).await)
}

#[server(prefix = "/api/fn", endpoint = "list_orders")]
pub async fn list_orders() -> Result<Vec<OrderView>, PortalError> {
    use super::ctx;
    let customer = ctx::with_status(ctx::customer().await)?;
    ctx::with_status(ctx::ports()?.shop.orders(&customer).await)
}

#[server(prefix = "/api/fn", endpoint = "get_order")]
pub async fn get_order(id: String) -> Result<OrderView, PortalError> {
    use super::ctx;
    let customer = ctx::with_status(ctx::customer().await)?;
    ctx::with_status(ctx::ports()?.shop.order(&customer, &id).await)
}
