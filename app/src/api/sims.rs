use crate::domain::{PortalError, SimDetails, Subscription, SubscriptionId};
use leptos::prelude::*;

/// The logged-in customer's subscriptions.
#[server(prefix = "/api/fn", endpoint = "list_subscriptions")]
pub async fn list_subscriptions() -> Result<Vec<Subscription>, PortalError> {
    use super::ctx;
    ctx::with_status(
        async {
            ctx::ports()?
                .sims
                .subscriptions(&ctx::customer().await?)
                .await
        }
        .await,
    )
}

/// The details card of one of the logged-in customer's SIMs.
#[server(prefix = "/api/fn", endpoint = "get_sim_details")]
pub async fn get_sim_details(id: SubscriptionId) -> Result<SimDetails, PortalError> {
    use super::ctx;
    ctx::with_status(
        async {
            ctx::ports()?
                .sims
                .sim_details(&ctx::customer().await?, id)
                .await
        }
        .await,
    )
}
