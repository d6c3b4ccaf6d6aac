//! How approvals reach fulfilment, and the worker that runs it. Salesforce's Flow publishes
//! `OrderProvisionRequested__e` when staff approve an order (contract A8): the portal
//! subscribes over CometD from the last replay id it handled, so events published while it
//! was down arrive after a restart. Each event is recorded under its `IdemKey__c` before it
//! moves the order, so a replayed event changes nothing. Because an org's automation can
//! fail to publish, a sweep also asks Salesforce which submitted orders are approved.
//! Every instance may run all three: the order row's state change and lease make each step
//! happen once.

use super::PortalShop;
use crate::salesforce::events::{Subscription, REPLAY_ALL};
use crate::store::orders;
use crate::store::signups::now_ms;
use std::time::Duration;

pub const CHANNEL: &str = "/event/OrderProvisionRequested__e";

impl PortalShop {
    /// An approval for `sf_order_id` (from an event or the sweep): the order is due now.
    pub async fn approved(&self, sf_order_id: &str) -> Result<bool, crate::store::StoreError> {
        let moved = orders::approve(&self.db, sf_order_id).await?;
        if moved {
            tracing::info!(order = sf_order_id, "order approved; fulfilment queued");
            self.wake.notify_one();
        }
        Ok(moved)
    }

    /// One delivered event: recorded, then applied (a replay is recorded already and skipped).
    pub async fn on_event(
        &self,
        replay_id: i64,
        payload: &serde_json::Value,
    ) -> Result<(), crate::store::StoreError> {
        let Some(order) = payload["OrderId__c"].as_str() else {
            tracing::warn!(replay_id, "provision event without an order id");
            return Ok(());
        };
        // An event without a key is keyed by its replay id (unique per channel).
        let key = payload["IdemKey__c"]
            .as_str()
            .filter(|k| !k.is_empty())
            .map_or_else(|| format!("replay-{replay_id}"), str::to_string);
        if orders::note_event(&self.db, &key, order, replay_id).await? {
            self.approved(order).await?;
        } else {
            tracing::debug!(key, "provision event seen before; ignored");
        }
        Ok(())
    }

    /// Subscribes to the provision events for as long as the process lives, reconnecting
    /// with back-off.
    pub async fn listen(self) {
        let mut wait = Duration::from_secs(1);
        loop {
            let from = match orders::cursor(&self.db, CHANNEL).await {
                Ok(c) => c.unwrap_or(REPLAY_ALL),
                Err(e) => {
                    tracing::error!(error = %e, "cannot read the event cursor");
                    tokio::time::sleep(wait).await;
                    continue;
                }
            };
            match Subscription::open(&self.salesforce, CHANNEL, from).await {
                Ok(mut sub) => {
                    tracing::info!(from, "subscribed to order provision events");
                    wait = Duration::from_secs(1);
                    loop {
                        match sub.next().await {
                            Ok(events) => {
                                for e in events {
                                    if let Err(err) = self.on_event(e.replay_id, &e.payload).await {
                                        tracing::error!(error = %err, "provision event not handled");
                                        break;
                                    }
                                    if let Err(err) =
                                        orders::set_cursor(&self.db, CHANNEL, e.replay_id).await
                                    {
                                        tracing::error!(error = %err, "cannot store the event cursor");
                                    }
                                }
                            }
                            Err(e) => {
                                tracing::warn!(error = %e, "event subscription lost; reconnecting");
                                break;
                            }
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "cannot subscribe to order events"),
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(60));
        }
    }

    /// Once: asks Salesforce which submitted orders are approved and queues them.
    pub async fn sweep_once(&self) -> Result<usize, String> {
        let waiting = orders::awaiting_approval(&self.db, 200)
            .await
            .map_err(|e| e.to_string())?;
        let approved = self
            .salesforce
            .approved_among(&waiting)
            .await
            .map_err(|e| e.to_string())?;
        let mut n = 0;
        for id in approved {
            if self.approved(&id).await.map_err(|e| e.to_string())? {
                n += 1;
            }
        }
        Ok(n)
    }

    pub async fn sweep(self) {
        loop {
            tokio::time::sleep(self.settings.sweep_every).await;
            match self.sweep_once().await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::warn!(n, "approvals found by the sweep (their events were missed)")
                }
                Err(e) => tracing::warn!(error = e, "approval sweep failed"),
            }
        }
    }

    /// Once: every due order, leased and worked.
    pub async fn work_once(&self) -> Result<usize, crate::store::StoreError> {
        let due = orders::due(&self.db, now_ms(), 20).await?;
        let mut n = 0;
        for id in due {
            let lease = crate::portal::accounts::new_token();
            let at = now_ms();
            if orders::lease(&self.db, &id, &lease, at + self.settings.lease_ms, at).await? {
                self.fulfil(&id, &lease).await?;
                n += 1;
            }
        }
        Ok(n)
    }

    /// The fulfilment worker: woken by approvals, and every `tick` for retries and pauses.
    pub async fn worker(self, tick: Duration) {
        loop {
            if let Err(e) = self.work_once().await {
                tracing::error!(error = %e, "fulfilment pass failed");
            }
            let _ = tokio::time::timeout(tick, self.wake.notified()).await;
        }
    }
}
