//! Ports of the things a customer sets up once and the portal then does for them (issue 15):
//! usage alerts, trip roaming and the personal usage feed.

use crate::domain::feed::{FeedToken, NewFeedToken};
use crate::domain::trips::TripView;
use crate::domain::usage_alerts::{Threshold, UsageAlerts};
use crate::domain::{Customer, PortalError, SubscriptionId};
use async_trait::async_trait;

/// Data thresholds per SIM; a background job emails each once per billing cycle.
#[async_trait]
pub trait Alerts: Send + Sync {
    async fn alerts(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<UsageAlerts, PortalError>;
    /// Adds a threshold (at most five per SIM, no duplicates); the SIM's alerts after.
    async fn add_alert(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        threshold: Threshold,
    ) -> Result<UsageAlerts, PortalError>;
    async fn remove_alert(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        alert_id: &str,
    ) -> Result<UsageAlerts, PortalError>;
}

/// International roaming switched on for a trip's dates and back off after.
#[async_trait]
pub trait Trips: Send + Sync {
    /// The SIM's trips: open ones first, then the last few finished.
    async fn trips(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<Vec<TripView>, PortalError>;
    /// Plans a trip (JST dates `YYYY-MM-DD`, starting tomorrow at the earliest, not
    /// overlapping another); the SIM's trips after.
    async fn schedule_trip(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        first_day: &str,
        last_day: &str,
        label: &str,
    ) -> Result<Vec<TripView>, PortalError>;
    /// Cancels a trip that has not started; `Conflict` once it has.
    async fn cancel_trip(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        trip_id: &str,
    ) -> Result<Vec<TripView>, PortalError>;
}

/// Read-only tokens for `GET /api/feed/usage`.
#[async_trait]
pub trait Feed: Send + Sync {
    async fn tokens(&self, customer: &Customer) -> Result<Vec<FeedToken>, PortalError>;
    async fn create_token(
        &self,
        customer: &Customer,
        label: &str,
    ) -> Result<NewFeedToken, PortalError>;
    /// Revokes one of the customer's tokens (idempotent); `NoSuch` for anyone else's.
    async fn revoke_token(&self, customer: &Customer, id: &str) -> Result<(), PortalError>;
    /// The customer behind a live feed token, the read counted against the token's rate
    /// limit (`RateLimited`). Session tokens are not feed tokens, and feed tokens open no
    /// session.
    async fn feed_reader(&self, token: &str) -> Result<Option<Customer>, PortalError>;
}
