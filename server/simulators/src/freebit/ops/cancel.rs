//! Cancellation, by either route the contract names: PA02-04 `/master/cnclAcnt/` (`runDate`)
//! and the seed brief's `/mvno/releasePlan/` (`runTime`). Same effect: the date is the last
//! day of service (the contract's example is a month end, `20240331`), so the line becomes
//! `canceled` once that day is over; without a date it is cancelled at once. A date in the
//! past is refused; a new request replaces a pending one. Master accounts cannot be
//! cancelled (PA02-04).

use super::super::state::{Line, Pending};
use super::{invalid, ok, Ctx};
use axum::response::Response;
use serde_json::json;

/// `date_field`: `runDate` for cnclAcnt, `runTime` for releasePlan.
pub(in super::super) fn run(line: &mut Line, ctx: &Ctx, date_field: &str) -> Response {
    if ctx
        .str("kind")
        .is_some_and(|k| k.eq_ignore_ascii_case("MASTER"))
    {
        return invalid("a master account cannot be cancelled");
    }
    let on = match ctx.run_date(date_field) {
        Ok(d) => d,
        Err(m) => return invalid(&m),
    };
    line.pending
        .retain(|p| !matches!(p, Pending::Cancel { .. }));
    if ctx.str(date_field).is_none() {
        line.state = crate::freebit::wire::state::CANCELED.into();
        return ok(json!({}));
    }
    line.pending.push(Pending::Cancel { on });
    line.settle(ctx.today, ctx.now);
    ok(json!({}))
}
