//! Server functions of usage alerts, trip roaming (SIM page) and the usage feed tokens
//! (account page).

use crate::domain::feed::{FeedToken, NewFeedToken};
use crate::domain::trips::TripView;
use crate::domain::usage_alerts::UsageAlerts;
use crate::domain::{PortalError, SubscriptionId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::ctx::{customer, ports, with_status};

#[server(prefix = "/api/fn", endpoint = "get_usage_alerts")]
pub async fn get_usage_alerts(id: SubscriptionId) -> Result<UsageAlerts, PortalError> {
    with_status(async { ports()?.alerts.alerts(&customer().await?, id).await }.await)
}

/// `kind` is `percentUsed` (value 1–99) or `remainingMb` (value 10–100000).
#[server(prefix = "/api/fn", endpoint = "add_usage_alert")]
pub async fn add_usage_alert(
    id: SubscriptionId,
    kind: String,
    value: String,
) -> Result<UsageAlerts, PortalError> {
    with_status(
        async {
            let threshold = crate::domain::usage_alerts::Threshold::parse(&kind, &value)?;
            ports()?
                .alerts
                .add_alert(&customer().await?, id, threshold)
                .await
        }
        .await,
    )
}

#[server(prefix = "/api/fn", endpoint = "remove_usage_alert")]
pub async fn remove_usage_alert(
    id: SubscriptionId,
    alert: String,
) -> Result<UsageAlerts, PortalError> {
    with_status(
        async {
            ports()?
                .alerts
                .remove_alert(&customer().await?, id, &alert)
                .await
        }
        .await,
    )
}

#[server(prefix = "/api/fn", endpoint = "list_trips")]
pub async fn list_trips(id: SubscriptionId) -> Result<Vec<TripView>, PortalError> {
    with_status(async { ports()?.trips.trips(&customer().await?, id).await }.await)
}

/// Dates as `YYYY-MM-DD` (JST).
#[server(prefix = "/api/fn", endpoint = "schedule_trip")]
pub async fn schedule_trip(
    id: SubscriptionId,
    first_day: String,
    last_day: String,
    label: String,
) -> Result<Vec<TripView>, PortalError> {
    with_status(
        async {
            ports()?
                .trips
                .schedule_trip(&customer().await?, id, &first_day, &last_day, &label)
                .await
        }
        .await,
    )
}

#[server(prefix = "/api/fn", endpoint = "cancel_trip")]
pub async fn cancel_trip(id: SubscriptionId, trip: String) -> Result<Vec<TripView>, PortalError> {
    with_status(
        async {
            ports()?
                .trips
                .cancel_trip(&customer().await?, id, &trip)
                .await
        }
        .await,
    )
}

#[server(prefix = "/api/fn", endpoint = "list_feed_tokens")]
pub async fn list_feed_tokens() -> Result<Vec<FeedToken>, PortalError> {
    with_status(async { ports()?.feed.tokens(&customer().await?).await }.await)
}

#[server(prefix = "/api/fn", endpoint = "create_feed_token")]
pub async fn create_feed_token(label: String) -> Result<NewFeedToken, PortalError> {
    with_status(async { ports()?.feed.create_token(&customer().await?, &label).await }.await)
}

#[server(prefix = "/api/fn", endpoint = "revoke_feed_token")]
pub async fn revoke_feed_token(token: String) -> Result<(), PortalError> {
    with_status(async { ports()?.feed.revoke_token(&customer().await?, &token).await }.await)
}
