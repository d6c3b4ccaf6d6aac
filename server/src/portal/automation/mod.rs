//! What the portal does for a customer on its own, once set up (issue 15): usage alerts
//! ([`alerts`]), trip roaming ([`trips`]) and the personal usage feed ([`feed`]). One
//! [`Automation`] serves the three ports; [`run`] drives the alert checks and trip steps.
//!
//! Both jobs take due rows under a lease (`store::leases`), so with several instances on one
//! database each row is worked on by one instance at a time; what must happen once (an alert
//! email per cycle, a trip's state move) is also guarded by the database itself.

mod alerts;
mod feed;
mod trips;

use super::sim::PortalSims;
use super::store_error;
use crate::store::{audit, customers, leases, Db};
use app::domain::{Customer, PortalError, Subscription, SubscriptionId};
use app::ports::SimPortal;
use std::sync::Arc;
use std::time::Duration;

pub use feed::FeedLimiter;

#[derive(Clone, Debug)]
pub struct AutomationConfig {
    /// `USAGE_ALERT_EVERY_MS` (default 15 min): how often each alert's SIM is checked. The
    /// usage read goes through the usage cache (1 min), so a SIM with several alerts, or a
    /// customer looking at the page meanwhile, costs the carrier one read.
    pub alert_every: Duration,
    /// `TRIP_RETRY_MS` (default 5 min): the wait before a trip's refused or unconfirmed
    /// carrier step is tried again.
    pub trip_retry: Duration,
    /// How long a job holds a row before another instance may take it over.
    pub lease: Duration,
    /// Feed reads per token: a burst, then one per `feed_period`.
    pub feed_burst: u32,
    pub feed_period: Duration,
}

impl Default for AutomationConfig {
    fn default() -> Self {
        AutomationConfig {
            alert_every: Duration::from_secs(15 * 60),
            trip_retry: Duration::from_secs(5 * 60),
            lease: Duration::from_secs(60),
            feed_burst: 10,
            feed_period: Duration::from_secs(30),
        }
    }
}

pub struct Automation {
    pub sims: Arc<PortalSims>,
    pub db: Db,
    pub base_url: String,
    pub cfg: AutomationConfig,
    pub feed_limiter: FeedLimiter,
}

impl Automation {
    pub fn new(sims: Arc<PortalSims>, db: Db, base_url: String, cfg: AutomationConfig) -> Self {
        Automation {
            feed_limiter: FeedLimiter::new(cfg.feed_burst, cfg.feed_period),
            sims,
            db,
            base_url,
            cfg,
        }
    }

    /// The customer's SIM `id` (the one ownership check), as a table key.
    async fn owned(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<(Subscription, i64), PortalError> {
        let sub = self.sims.subscription(customer, id).await?;
        let key = i64::try_from(id.0).map_err(|_| PortalError::NotFound)?;
        Ok((sub, key))
    }

    /// The customer a job's row belongs to; `None` for a login that is gone or broken.
    async fn customer(&self, id: i64) -> Option<Customer> {
        match customers::find_by_id(&self.db, id).await {
            Ok(Some(row)) => super::accounts::to_customer(row).ok(),
            Ok(None) => None,
            Err(e) => {
                tracing::warn!(error = %e, "customer unavailable to a job");
                None
            }
        }
    }

    /// A timeline line; `detail` is stored once, in the language current when written.
    async fn timeline(
        &self,
        customer: i64,
        subscription: i64,
        kind: &str,
        detail: &str,
        actor: Option<&str>,
        outcome: &str,
    ) {
        let event = audit::Event {
            customer_id: Some(customer),
            subscription_id: Some(subscription),
            kind,
            detail,
            actor,
            outcome: Some(outcome),
            ..audit::Event::default()
        };
        if let Err(e) = audit::record_event(&self.db, event).await {
            tracing::error!(error = ?e, kind, "could not add a line to the timeline");
        }
    }

    /// Takes each due row of `table` under a lease and hands it to `work`, which gives the
    /// lease back with the row's next look. How many rows were taken.
    async fn drive<F, Fut>(&self, table: leases::Leased, work: F) -> usize
    where
        F: Fn(i64, String) -> Fut,
        Fut: std::future::Future<Output = ()>,
    {
        let now_ms = chrono::Utc::now().timestamp_millis();
        let due = match leases::due(&self.db, table, now_ms, 50).await {
            Ok(due) => due,
            Err(e) => {
                tracing::warn!(error = %e, ?table, "due rows unavailable");
                return 0;
            }
        };
        let mut taken = 0;
        for id in due {
            let token = super::topup::lease_token();
            let until = now_ms + i64::try_from(self.cfg.lease.as_millis()).unwrap_or(60_000);
            match leases::acquire(&self.db, table, id, &token, now_ms, until).await {
                Ok(true) => {
                    taken += 1;
                    work(id, token).await;
                }
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, ?table, id, "could not take a row"),
            }
        }
        taken
    }
}

/// Checks due alerts and takes due trip steps, forever.
pub async fn run(automation: Arc<Automation>) {
    let poll = automation
        .cfg
        .alert_every
        .min(automation.cfg.trip_retry)
        .min(Duration::from_secs(5))
        .max(Duration::from_millis(50));
    loop {
        automation.check_alerts().await;
        automation.step_trips().await;
        tokio::time::sleep(poll).await;
    }
}

/// A row's id, or `NoSuch` with the text `missing` ("We could not find that trip.").
fn parse_row_id(s: &str, missing: impl FnOnce() -> String) -> Result<i64, PortalError> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| PortalError::NoSuch(missing()))
}

fn store(e: crate::store::StoreError) -> PortalError {
    store_error(e)
}
