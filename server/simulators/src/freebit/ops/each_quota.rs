//! `/mvno/eachQuota/` (seed brief): a top-up scheduled for `runTime`, applied on that day like
//! an addSpec (and then visible in the quota history). Accepted requests count in the line's
//! `each_quota_calls`.

use super::super::state::{Line, Pending};
use super::{invalid, ok, parse_date, quota_mb, Ctx};
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(line: &mut Line, ctx: &Ctx) -> Response {
    let mb = match quota_mb(ctx.req) {
        Err(m) => return invalid(m),
        Ok(None) => return invalid("quota is required"),
        Ok(Some(mb)) => mb,
    };
    let Some(on) = ctx.str("runTime").and_then(parse_date) else {
        return invalid("runTime must be YYYYMMDD");
    };
    line.pending.push(Pending::Quota {
        mb,
        code: ctx.str("quotaCode").map(str::to_string),
        on,
    });
    line.each_quota_calls += 1;
    line.settle(ctx.today, ctx.now);
    ok(json!({}))
}
