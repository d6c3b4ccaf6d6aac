//! PA05-01 `/mvno/getTrafficInfo/`: today's usage and the last 30 days, in kB (the unit the
//! contract suspects), generated deterministically from the number
//! ([`crate::demo::daily_usage_kb`]); `blackList` "10" (throttled) once the quota is used up.

use super::super::state::Line;
use super::super::wire::{OFF, ON};
use super::ok;
use crate::demo::daily_usage_kb;
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(line: &Line) -> Response {
    let days: Vec<String> = (1..=30)
        .map(|d| daily_usage_kb(&line.msisdn, d).to_string())
        .collect();
    ok(json!({"account": line.msisdn, "traffic": {
        "today": daily_usage_kb(&line.msisdn, 0).to_string(),
        "inRecentDays": days.join(","),
        "blackList": if line.quota_kb == 0 { ON } else { OFF },
    }}))
}
