//! PA05-41 `/mvno/esim/addAcnt/` with `addKind` "N" for a number the carrier does not hold
//! yet: a new eSIM line on `account` (the number from the reseller's block), its profile made
//! for `eid` (32 digits), on one of the reseller's plan codes, 4G or 5G (`contractLine`,
//! default 5G). The line is in service with the plan's full quota when the call returns (the
//! real carrier reports completion later in a notification file; the simulator completes at
//! once). MNP (`addKind` "M") is not simulated.

use super::super::state::{Line, SimState};
use super::super::wire::{state, PLAN_CODES};
use super::{invalid, ok, Ctx};
use axum::response::Response;
use serde_json::json;

/// High-speed quota of each plan in MB.
fn plan_quota_mb(plan: &str) -> u64 {
    match plan {
        "PASI_5G" => 5_000,
        "PASI_10G" => 10_000,
        "PASI_25G" => 25_000,
        _ => 50_000,
    }
}

fn valid_number(n: &str) -> bool {
    n.len() == 11
        && n.bytes().all(|b| b.is_ascii_digit())
        && ["070", "080", "090", "020"]
            .iter()
            .any(|p| n.starts_with(p))
}

pub(in super::super) fn run(s: &mut SimState, account: &str, ctx: &Ctx) -> Response {
    if ctx.str("addKind").unwrap_or("N") != "N" {
        return invalid("account not found");
    }
    if !valid_number(account) {
        return invalid("account must be an 11-digit mobile number");
    }
    let Some(eid) = ctx
        .str("eid")
        .filter(|e| e.len() == 32 && e.bytes().all(|b| b.is_ascii_digit()))
    else {
        return invalid("eid must be 32 digits");
    };
    let Some(plan) = ctx.str("planCode").filter(|p| PLAN_CODES.contains(p)) else {
        return invalid("planCode is not available for this account");
    };
    let contract_line = match ctx.str("contractLine").unwrap_or("5G") {
        l @ ("4G" | "5G") => l,
        _ => return invalid("contractLine must be 4G or 5G"),
    };
    // 19 digits, unique per number.
    let iccid = format!("898110090{}", &account[1..]);
    let line = Line {
        msisdn: account.to_string(),
        iccid,
        eid: Some(eid.to_string()),
        plan_code: plan.to_string(),
        state: state::ACTIVE.into(),
        contract_line: contract_line.into(),
        quota_kb: plan_quota_mb(plan) * 1024,
        voicemail: false,
        callwaiting: false,
        worldwing: false,
        history: Vec::new(),
        add_spec_calls: 0,
        each_quota_calls: 0,
        pending: Vec::new(),
    };
    s.lines.insert(account.to_string(), line);
    ok(json!({}))
}
