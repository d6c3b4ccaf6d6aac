//! The details card and the page's state: options, pending carrier work, open actions.

use super::settle::{self, Verdict};
use super::{today_jst, OwnedLine, PortalSims};
use crate::cache::ttl;
use crate::freebit::wire::AccountDetail;
use crate::portal::store_error;
use crate::store::{now, sim_requests};
use app::domain::{Customer, PlanCode, PortalError, SimDetails, SimOverview, SimType};

/// Joins the WHMCS service and the Freebit line into the details card.
pub(super) fn details(owned: &OwnedLine, line: &AccountDetail) -> SimDetails {
    let eid = line.eid.clone();
    SimDetails {
        subscription_id: owned.id,
        iccid: line.iccid.clone(),
        msisdn: owned.msisdn.clone(),
        plan_name: SimDetails::plan_name_for(&line.plan_code),
        plan_quota_mb: line
            .plan_code
            .parse::<PlanCode>()
            .ok()
            .map(PlanCode::monthly_quota_mb),
        plan_code: line.plan_code.clone(),
        status: line.status(),
        service_status: owned.product.service_status(),
        // Only eSIMs carry an EID (wire module assumption).
        sim_type: if eid.is_some() {
            SimType::Esim
        } else {
            SimType::Physical
        },
        eid,
        network_type: line.network_type(),
        product_name: owned.product.display_name(),
        remaining_quota_mb: line.remaining_mb(),
    }
}

impl PortalSims {
    /// The overview, from the cache while nothing is in flight (5 minutes, like the details
    /// card). An open request or carrier work in progress is always read live: the page polls
    /// it until it settles, and settling is a write.
    pub(super) async fn cached_overview(
        &self,
        customer: &Customer,
        owned: &OwnedLine,
    ) -> Result<SimOverview, PortalError> {
        let subscription = i64::try_from(owned.id.0).map_err(|_| PortalError::NotFound)?;
        let open = sim_requests::open(&self.db, subscription)
            .await
            .map_err(store_error)?;
        if !open.is_empty() {
            return self.overview_of(owned).await;
        }
        let o = self
            .cache
            .get_or_load(
                customer.id,
                &format!("overview:{}", owned.id.0),
                |o: &SimOverview| {
                    if o.pending.is_empty() {
                        ttl::SIM_DETAILS
                    } else {
                        ttl::NONE
                    }
                },
                || self.overview_of(owned),
            )
            .await?;
        // What the actions allow depends on today's date, so it is worked out afresh.
        Ok(SimOverview::new(
            o.details,
            o.features,
            o.pending,
            today_jst(),
        ))
    }

    pub(super) async fn overview_of(&self, owned: &OwnedLine) -> Result<SimOverview, PortalError> {
        let line = self.line(owned).await?;
        self.overview_with(owned, &line).await
    }

    /// The overview for a line already read, settling the open requests on the way.
    pub(super) async fn overview_with(
        &self,
        owned: &OwnedLine,
        line: &AccountDetail,
    ) -> Result<SimOverview, PortalError> {
        let subscription = i64::try_from(owned.id.0).map_err(|_| PortalError::NotFound)?;
        let open = sim_requests::open(&self.db, subscription)
            .await
            .map_err(store_error)?;
        let (now, today) = (now(), today_jst());
        let carrier = settle::carrier_pending(line, now);
        let mut pending = Vec::new();
        for req in &open {
            let verdict = settle::judge(req, line, carrier.as_ref(), now, today);
            if let Some(status) = settle::closing_status(&verdict) {
                sim_requests::set_status(&self.db, req.id, status)
                    .await
                    .map_err(store_error)?;
            }
            if let Verdict::Pending(op) = verdict {
                if !pending
                    .iter()
                    .any(|p| std::mem::discriminant(p) == std::mem::discriminant(&op))
                {
                    pending.push(op);
                }
            }
        }
        let pending = settle::merge(pending, carrier);
        Ok(SimOverview::new(
            details(owned, line),
            settle::features(line),
            pending,
            today,
        ))
    }
}
