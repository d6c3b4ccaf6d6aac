//! The SIM page's server functions. Each parses its input into domain types (an invalid field
//! is `PortalError::Invalid` naming it) and calls the `SimPortal` port.

use crate::domain::{
    ActionReceipt, FeatureChange, PortalError, SimDetails, SimOverview, Subscription,
    SubscriptionId, TimelineEntry, UsageReport,
};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::ctx::{customer, ports, with_status};

/// The logged-in customer's subscriptions.
#[server(prefix = "/api/fn", endpoint = "list_subscriptions")]
pub async fn list_subscriptions() -> Result<Vec<Subscription>, PortalError> {
    with_status(async { ports()?.sims.subscriptions(&customer().await?).await }.await)
}

/// One subscription (billing data only): the SIM page's heading.
#[server(prefix = "/api/fn", endpoint = "get_subscription")]
pub async fn get_subscription(id: SubscriptionId) -> Result<Subscription, PortalError> {
    with_status(async { ports()?.sims.subscription(&customer().await?, id).await }.await)
}

/// The details card of one of the logged-in customer's SIMs.
#[server(prefix = "/api/fn", endpoint = "get_sim_details")]
pub async fn get_sim_details(id: SubscriptionId) -> Result<SimDetails, PortalError> {
    with_status(async { ports()?.sims.sim_details(&customer().await?, id).await }.await)
}

/// Details, options, pending work and open actions.
#[server(prefix = "/api/fn", endpoint = "get_sim_overview")]
pub async fn get_sim_overview(id: SubscriptionId) -> Result<SimOverview, PortalError> {
    with_status(async { ports()?.sims.overview(&customer().await?, id).await }.await)
}

#[server(prefix = "/api/fn", endpoint = "get_sim_usage")]
pub async fn get_sim_usage(id: SubscriptionId) -> Result<UsageReport, PortalError> {
    with_status(async { ports()?.sims.usage(&customer().await?, id).await }.await)
}

#[server(prefix = "/api/fn", endpoint = "get_sim_timeline")]
pub async fn get_sim_timeline(id: SubscriptionId) -> Result<Vec<TimelineEntry>, PortalError> {
    with_status(async { ports()?.sims.timeline(&customer().await?, id).await }.await)
}

#[server(prefix = "/api/fn", endpoint = "change_plan")]
pub async fn change_plan(
    id: SubscriptionId,
    new_plan_code: String,
) -> Result<ActionReceipt, PortalError> {
    with_status(
        async {
            let plan = crate::domain::PlanCode::parse_input(&new_plan_code)?;
            ports()?
                .sims
                .change_plan(&customer().await?, id, plan)
                .await
        }
        .await,
    )
}

#[server(prefix = "/api/fn", endpoint = "cancel_plan_change")]
pub async fn cancel_plan_change(id: SubscriptionId) -> Result<ActionReceipt, PortalError> {
    with_status(
        async {
            ports()?
                .sims
                .cancel_plan_change(&customer().await?, id)
                .await
        }
        .await,
    )
}

#[server(prefix = "/api/fn", endpoint = "set_sim_features")]
pub async fn set_sim_features(
    id: SubscriptionId,
    change: FeatureChange,
) -> Result<ActionReceipt, PortalError> {
    with_status(
        async {
            ports()?
                .sims
                .set_features(&customer().await?, id, change)
                .await
        }
        .await,
    )
}

#[server(prefix = "/api/fn", endpoint = "cancel_sim")]
pub async fn cancel_sim(
    id: SubscriptionId,
    cancel_on: String,
    confirm_last4: String,
) -> Result<ActionReceipt, PortalError> {
    with_status(
        async {
            let on = crate::domain::dates::parse_cancel_on(&cancel_on)?;
            ports()?
                .sims
                .cancel_sim(&customer().await?, id, on, &confirm_last4)
                .await
        }
        .await,
    )
}

#[server(prefix = "/api/fn", endpoint = "reissue_esim")]
pub async fn reissue_esim(id: SubscriptionId, eid: String) -> Result<ActionReceipt, PortalError> {
    with_status(
        async {
            let eid = crate::domain::Eid::parse_input(&eid)?;
            ports()?
                .sims
                .reissue_esim(&customer().await?, id, eid)
                .await
        }
        .await,
    )
}
