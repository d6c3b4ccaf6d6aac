//! PA05-38 `/mvno/contractline/change/`: 4G/5G. The change completes after the configured
//! delay (about 30 minutes for real) and the account is locked at once: every further write
//! is refused until it is done (`super::super::handle` enforces the lock).

use super::super::state::{Line, Pending};
use super::{invalid, ok, Ctx};
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(line: &mut Line, ctx: &Ctx) -> Response {
    let Some(cl) = ctx.str("contractLine").filter(|c| *c == "4G" || *c == "5G") else {
        return invalid("contractLine must be 4G or 5G");
    };
    line.pending.push(Pending::ContractLine {
        line: cl.to_string(),
        at: ctx.now + ctx.config.contract_line_delay,
    });
    ok(json!({}))
}
