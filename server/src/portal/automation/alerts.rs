//! Usage alerts: the thresholds a customer sets per SIM, and the job that checks them and
//! emails each once per billing cycle (the JST month).

use super::{parse_row_id, store, Automation};
use crate::emails;
use crate::store::leases::Leased;
use crate::store::usage_alerts::{self as rows, Added, Firing};
use app::domain::dates::jst_datetime_label;
use app::domain::usage_alerts::{cycle_of, due, Threshold, UsageAlert, UsageAlerts, MAX_PER_SIM};
use app::domain::{Customer, PortalError, SubscriptionId};
use app::ports::{Alerts, SimPortal};
use app::t;
use async_trait::async_trait;

const SET: &str = "usage_alert_set";
const REMOVED: &str = "usage_alert_removed";

fn no_alert() -> String {
    t!("server-alert-not-found")
}

impl Automation {
    async fn alerts_of(&self, customer: &Customer, key: i64) -> Result<UsageAlerts, PortalError> {
        let list = rows::for_subscription(&self.db, customer.id, key)
            .await
            .map_err(store)?;
        let cycle = cycle_of(super::super::sim::today_jst());
        let sent = rows::sent_in_cycle(&self.db, &list, &cycle)
            .await
            .map_err(store)?;
        let alerts: Vec<UsageAlert> = list
            .iter()
            .filter_map(|r| {
                let threshold = Threshold::from_row(&r.kind, r.value)?;
                Some(UsageAlert {
                    id: r.id.to_string(),
                    threshold,
                    label: threshold.label(),
                    sent_this_cycle: sent
                        .iter()
                        .find(|(id, _)| *id == r.id)
                        .map(|(_, at)| jst_datetime_label(*at)),
                })
            })
            .collect();
        Ok(UsageAlerts {
            can_add: alerts.len() < MAX_PER_SIM,
            alerts,
        })
    }

    /// Checks every due alert once.
    pub(super) async fn check_alerts(&self) -> usize {
        self.drive(Leased::UsageAlerts, |id, token| async move {
            let next = self.check_alert(id).await;
            if let Err(e) = rows::reschedule(&self.db, id, &token, next).await {
                tracing::warn!(error = %e, id, "could not reschedule an alert");
            }
        })
        .await
    }

    /// One alert: the SIM's usage (through the usage cache), and the email if it is due. The
    /// next check's time, or `None` when the alert can never fire again (the SIM is gone).
    async fn check_alert(&self, id: i64) -> Option<i64> {
        let next = Some(
            chrono::Utc::now().timestamp_millis()
                + i64::try_from(self.cfg.alert_every.as_millis()).unwrap_or(i64::MAX / 4),
        );
        let row = match rows::get(&self.db, id).await {
            Ok(Some(row)) => row,
            Ok(None) => return None,
            Err(e) => {
                tracing::warn!(error = %e, id, "alert unavailable");
                return next;
            }
        };
        let threshold = Threshold::from_row(&row.kind, row.value)?;
        let customer = self.customer(row.customer_id).await?;
        let sim = SubscriptionId(u64::try_from(row.subscription_id).ok()?);
        let usage = match self.sims.usage(&customer, sim).await {
            Ok(u) => u,
            // No longer the customer's SIM: nothing to watch.
            Err(PortalError::NotFound) => return None,
            Err(e) => {
                tracing::info!(error = %e, id, "usage unavailable for an alert; next round");
                return next;
            }
        };
        let (Some(used), Some(remaining)) = (usage.used_mb, usage.remaining_quota_mb) else {
            return next;
        };
        let cycle = cycle_of(usage.today);
        let sent = match rows::sent_in_cycle(&self.db, std::slice::from_ref(&row), &cycle).await {
            Ok(s) => s
                .into_iter()
                .map(|_| (threshold, cycle.clone()))
                .collect::<Vec<_>>(),
            Err(e) => {
                tracing::warn!(error = %e, id, "alert sends unavailable");
                return next;
            }
        };
        if due(&[threshold], used, remaining, usage.today, &sent).is_empty() {
            return next;
        }
        let number = match self.sims.subscription(&customer, sim).await {
            Ok(s) => s
                .msisdn
                .map(|m| app::domain::format_msisdn(&m))
                .unwrap_or_default(),
            Err(_) => String::new(),
        };
        // The email, and the timeline's line about it (stored once), in the customer's language.
        let lang = emails::lang_of(&self.db, customer.id).await;
        let (email, detail) = app::i18n::with_lang_sync(lang, || {
            let message = threshold.reached_message(used, remaining);
            let label = threshold.label();
            let email = emails::usage_alert(
                lang,
                &label,
                &message,
                &number,
                &app::routes::sim_page(sim),
                &self.base_url,
            );
            let detail = t!(
                "server-alert-sent-detail",
                label = label.as_str(),
                message = message.as_str()
            );
            (email, detail)
        });
        let firing = Firing {
            alert: &row,
            cycle: &cycle,
            used_mb: i64::try_from(used).unwrap_or(i64::MAX),
            remaining_mb: i64::try_from(remaining).unwrap_or(i64::MAX),
            email: email.to(&customer.email, None),
            customer_id: customer.id,
            subscription_id: row.subscription_id,
            detail: &detail,
        };
        match rows::fire(&self.db, firing).await {
            Ok(true) => {
                metrics::counter!("usage_alerts_sent_total").increment(1);
                tracing::info!(id, cycle, "usage alert sent");
            }
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, id, "could not send a usage alert"),
        }
        next
    }
}

#[async_trait]
impl Alerts for Automation {
    async fn alerts(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<UsageAlerts, PortalError> {
        let (_, key) = self.owned(customer, id).await?;
        self.alerts_of(customer, key).await
    }

    async fn add_alert(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        threshold: Threshold,
    ) -> Result<UsageAlerts, PortalError> {
        let (_, key) = self.owned(customer, id).await?;
        let existing: Vec<Threshold> = self
            .alerts_of(customer, key)
            .await?
            .alerts
            .iter()
            .map(|a| a.threshold)
            .collect();
        threshold.check_new(&existing)?;
        let (kind, value) = threshold.to_row();
        match rows::add(&self.db, customer.id, key, kind, value)
            .await
            .map_err(store)?
        {
            Added::Added(_) => {}
            Added::Duplicate => {
                return Err(PortalError::invalid("value", t!("server-alert-duplicate")))
            }
        }
        let detail = t!("server-alert-set-detail", label = threshold.label());
        self.timeline(customer.id, key, SET, &detail, None, "accepted")
            .await;
        self.alerts_of(customer, key).await
    }

    async fn remove_alert(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        alert_id: &str,
    ) -> Result<UsageAlerts, PortalError> {
        let (_, key) = self.owned(customer, id).await?;
        let alert = parse_row_id(alert_id, no_alert)?;
        let row = rows::get(&self.db, alert).await.map_err(store)?;
        let Some(row) = row.filter(|r| r.customer_id == customer.id && r.subscription_id == key)
        else {
            return Err(PortalError::NoSuch(no_alert()));
        };
        if rows::remove(&self.db, customer.id, alert)
            .await
            .map_err(store)?
        {
            if let Some(t) = Threshold::from_row(&row.kind, row.value) {
                let detail = t!("server-alert-removed-detail", label = t.label());
                self.timeline(customer.id, key, REMOVED, &detail, None, "accepted")
                    .await;
            }
        }
        self.alerts_of(customer, key).await
    }
}
