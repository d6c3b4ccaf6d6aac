//! The travel eSIM store's customer server functions: buying, orders, My eSIMs, the install
//! guide and suspend/restore. Each needs a logged-in customer and sees only their own things.

use crate::domain::store_orders::{EsimDetail, InstallGuide, StoreOrder};
use crate::domain::PortalError;
use leptos::prelude::*;

/// Buys `quantity` eSIMs with `plan`. `idempotency_key` is made when the buy form opens:
/// sending it twice (double click, retry, reload) never charges twice.
#[server(prefix = "/api/fn", endpoint = "buy_esim")]
pub async fn buy_esim(
    plan: String,
    quantity: String,
    idempotency_key: String,
) -> Result<StoreOrder, PortalError> {
    use super::ctx;
    let result = async {
        let customer = ctx::customer().await?;
        let quantity = crate::domain::store_orders::parse_quantity(&quantity)?;
        let key = crate::domain::topup::parse_idempotency_key(&idempotency_key)?;
        ctx::ports()?
            .store
            .buy(&customer, plan.trim(), quantity, None, &key)
            .await
    }
    .await;
    ctx::with_status(result)
}

/// Adds a bundle of `plan` to the customer's eSIM `iccid` (same payment saga as a purchase).
#[server(prefix = "/api/fn", endpoint = "top_up_esim")]
pub async fn top_up_esim(
    iccid: String,
    plan: String,
    idempotency_key: String,
) -> Result<StoreOrder, PortalError> {
    use super::ctx;
    let result = async {
        let customer = ctx::customer().await?;
        let key = crate::domain::topup::parse_idempotency_key(&idempotency_key)?;
        ctx::ports()?
            .store
            .buy(&customer, plan.trim(), 1, Some(iccid.trim()), &key)
            .await
    }
    .await;
    ctx::with_status(result)
}

#[server(prefix = "/api/fn", endpoint = "get_store_order")]
pub async fn get_store_order(id: String) -> Result<StoreOrder, PortalError> {
    use super::ctx;
    let result = async {
        let customer = ctx::customer().await?;
        ctx::ports()?.store.order(&customer, &id).await
    }
    .await;
    ctx::with_status(result)
}

/// The customer's orders; `status` is a stage's query name, `from`/`to` JST days.
#[server(prefix = "/api/fn", endpoint = "list_store_orders")]
pub async fn list_store_orders(
    status: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<Vec<StoreOrder>, PortalError> {
    use super::ctx;
    let result = async {
        let customer = ctx::customer().await?;
        let filter = crate::domain::store_orders::OrderFilter::parse(
            status.as_deref(),
            from.as_deref(),
            to.as_deref(),
        )?;
        ctx::ports()?.store.orders(&customer, &filter).await
    }
    .await;
    ctx::with_status(result)
}

#[server(prefix = "/api/fn", endpoint = "list_my_esims")]
pub async fn list_my_esims() -> Result<Vec<EsimDetail>, PortalError> {
    use super::ctx;
    let result = async {
        let customer = ctx::customer().await?;
        ctx::ports()?.store.esims(&customer).await
    }
    .await;
    ctx::with_status(result)
}

/// How to install the eSIM, first the way that suits the device asking (its User-Agent).
#[server(prefix = "/api/fn", endpoint = "get_esim_install")]
pub async fn get_esim_install(iccid: String) -> Result<InstallGuide, PortalError> {
    use super::ctx;
    let result = async {
        let customer = ctx::customer().await?;
        let ua = ctx::client().user_agent.unwrap_or_default();
        let device = crate::domain::store_orders::Device::from_user_agent(&ua);
        ctx::ports()?
            .store
            .install_guide(&customer, &iccid, device)
            .await
    }
    .await;
    ctx::with_status(result)
}

/// Suspends (`suspend` = "true") or restores the eSIM.
#[server(prefix = "/api/fn", endpoint = "suspend_esim")]
pub async fn suspend_esim(iccid: String, suspend: String) -> Result<EsimDetail, PortalError> {
    use super::ctx;
    let result = async {
        let customer = ctx::customer().await?;
        let suspend = match suspend.trim() {
            "true" => true,
            "false" => false,
            _ => {
                return Err(PortalError::invalid(
                    "suspend",
                    crate::t!("store-suspend-invalid"),
                ))
            }
        };
        ctx::ports()?
            .store
            .suspend(&customer, &iccid, suspend)
            .await
    }
    .await;
    ctx::with_status(result)
}
