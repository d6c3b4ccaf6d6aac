//! Plan changes: scheduled for the 1st of next month (the portal's policy, sent as `runTime`),
//! shown as pending until then, and withdrawable until they apply.

use super::actions::{require, Request};
use super::settle::{kind, PlanPayload};
use super::{OwnedLine, PortalSims};
use app::domain::dates::date_label;
use app::domain::{ActionReceipt, Customer, PendingOperation, PlanCode, PortalError};
use app::t;
use serde_json::json;

impl PortalSims {
    pub(super) async fn change_plan_of(
        &self,
        customer: &Customer,
        owned: &OwnedLine,
        plan: PlanCode,
    ) -> Result<ActionReceipt, PortalError> {
        let ov = self.overview_of(owned).await?;
        require(&ov.actions.change_plan)?;
        if ov.details.plan() == Some(plan) {
            return Err(PortalError::invalid(
                "newPlanCode",
                t!("server-sim-plan-same", plan = plan.display_name()),
            ));
        }
        let effective = ov.plan_change_effective_on();
        let detail = t!(
            "server-sim-plan-detail",
            plan = plan.display_name(),
            date = date_label(effective),
            was = ov.details.plan_name.as_str()
        );
        let request = Request {
            actor: None,
            kind: kind::CHANGE_PLAN,
            payload: json!(PlanPayload {
                to: plan.code().into(),
                from: ov.details.plan_code.clone(),
            }),
            effective_on: Some(effective),
            detail,
        };
        self.carry_out(customer, owned, request, || async {
            self.freebit
                .change_plan(&owned.msisdn, plan.code(), Some(effective))
                .await
                .map(drop)
        })
        .await?;
        Ok(ActionReceipt {
            message: t!(
                "server-sim-plan-done",
                plan = plan.display_name(),
                date = date_label(effective)
            ),
        })
    }

    /// Withdraws the scheduled change by scheduling the current plan for the same date (the
    /// carrier has no documented withdrawal; see `freebit::wire` module docs).
    pub(super) async fn withdraw_plan_change_of(
        &self,
        customer: &Customer,
        owned: &OwnedLine,
    ) -> Result<ActionReceipt, PortalError> {
        let line = self.line(owned).await?;
        let ov = self.overview_with(owned, &line).await?;
        if ov.details.status != app::domain::SimStatus::Active {
            return Err(PortalError::Conflict(t!("server-sim-plan-locked")));
        }
        if let Some(to) = ov.pending_network() {
            return Err(PortalError::Conflict(t!(
                "server-sim-plan-withdraw-switching",
                network = to.to_string()
            )));
        }
        let Some((to, effective_on)) = ov.pending.iter().find_map(|p| match p {
            PendingOperation::PlanChange { to, effective_on } => Some((to.clone(), *effective_on)),
            _ => None,
        }) else {
            return Err(PortalError::Conflict(t!("server-sim-plan-withdraw-none")));
        };
        if effective_on <= ov.today {
            return Err(PortalError::Conflict(t!("server-sim-plan-withdraw-late")));
        }
        let current = line.plan_code.clone();
        let detail = t!(
            "server-sim-plan-withdraw-detail",
            to = app::domain::SimDetails::plan_name_for(&to),
            date = date_label(effective_on),
            plan = ov.details.plan_name.as_str()
        );
        let request = Request {
            actor: None,
            kind: kind::WITHDRAW_PLAN_CHANGE,
            payload: json!(PlanPayload {
                to: current.clone(),
                from: to,
            }),
            effective_on: Some(effective_on),
            detail,
        };
        self.carry_out(customer, owned, request, || async {
            self.freebit
                .change_plan(&owned.msisdn, &current, Some(effective_on))
                .await
                .map(drop)
        })
        .await?;
        // The scheduled change is gone; close its request so the page stops showing it.
        self.close_open(owned, kind::CHANGE_PLAN).await?;
        Ok(ActionReceipt {
            message: t!(
                "server-sim-plan-withdraw-done",
                plan = ov.details.plan_name.as_str()
            ),
        })
    }

    /// Marks this SIM's open requests of `kind` (and the withdrawal itself) withdrawn.
    async fn close_open(&self, owned: &OwnedLine, which: &str) -> Result<(), PortalError> {
        use crate::store::sim_requests::{self, Status};
        let subscription = i64::try_from(owned.id.0).map_err(|_| PortalError::NotFound)?;
        let open = sim_requests::open(&self.db, subscription)
            .await
            .map_err(crate::portal::store_error)?;
        for r in open
            .iter()
            .filter(|r| r.kind == which || r.kind == kind::WITHDRAW_PLAN_CHANGE)
        {
            sim_requests::set_status(&self.db, r.id, Status::Withdrawn)
                .await
                .map_err(crate::portal::store_error)?;
        }
        Ok(())
    }
}
