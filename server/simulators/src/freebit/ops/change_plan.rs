//! PA05-21 plan change (`/mvno/changePlan/`, the seed brief's path): `planCode` takes effect
//! on `runTime` (today when absent), for a line in service. Only plan codes this reseller
//! provisions are accepted; a new request replaces a pending one.
//!
//! Asking for the plan the line is already on withdraws a pending change (the way a customer
//! takes a scheduled change back); with nothing pending it is refused.

use super::super::state::{Line, Pending};
use super::super::wire::{state, PLAN_CODES};
use super::{invalid, ok, Ctx};
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(line: &mut Line, ctx: &Ctx) -> Response {
    let Some(plan) = ctx.str("planCode") else {
        return invalid("planCode is required");
    };
    if !PLAN_CODES.contains(&plan) {
        return invalid("planCode is not available for this account");
    }
    if line.state != state::ACTIVE {
        return invalid("plan change needs an account in service");
    }
    let on = match ctx.run_date("runTime") {
        Ok(d) => d,
        Err(m) => return invalid(&m),
    };
    let pending_plan = |p: &Pending| matches!(p, Pending::Plan { .. });
    if plan == line.plan_code {
        if !line.has_pending(pending_plan) {
            return invalid("already on this plan");
        }
        line.pending.retain(|p| !pending_plan(p));
    } else {
        line.pending.retain(|p| !pending_plan(p));
        line.pending.push(Pending::Plan {
            plan_code: plan.to_string(),
            on,
        });
        line.settle(ctx.today, ctx.now);
    }
    ok(json!({"ipv4": "", "ipv6": ""}))
}
