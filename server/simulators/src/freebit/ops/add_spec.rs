//! PA04-04 `/master/addSpec/`: `quota` MB (1–512000, string or number) is added at once and
//! recorded in the quota history with `quotaCode` and `expire`.
//!
//! The seed brief also toggles features through this route: top-level `voiceMail`,
//! `callWaiting`, `worldWing` ("10"/"20"), with or without a `quota`. They take the same
//! path as a PA05-06 voice-option change (pending, then applied after the delay). The request
//! is validated in full before anything changes. Each applied quota counts in the line's
//! `add_spec_calls`, so tests can prove a top-up reached the carrier exactly once.

use super::super::wire::talk;
use super::talk_option::{order, talk_change};
use super::{invalid, ok, parse_date, quota_mb, Ctx};
use crate::freebit::state::Line;
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(line: &mut Line, ctx: &Ctx) -> Response {
    let quota = match quota_mb(ctx.req) {
        Err(m) => return invalid(m),
        Ok(q) => q,
    };
    let change = match talk_change(ctx.req) {
        Err(m) => return invalid(m),
        Ok(c) => c,
    };
    let expire = ctx.str("expire");
    if expire.is_some_and(|e| parse_date(e).is_none()) {
        return invalid("expire must be YYYYMMDD");
    }
    if quota.is_none() && change.is_empty() {
        return invalid(&format!(
            "quota or one of {}, {}, {} is required",
            talk::VOICE_MAIL,
            talk::CALL_WAITING,
            talk::WORLD_WING
        ));
    }
    if !change.is_empty() {
        // Refused while another voice-option order is processing; then nothing changes.
        if let Err(busy) = order(line, change, ctx) {
            return busy.into_response();
        }
    }
    if let Some(mb) = quota {
        line.add_quota(
            mb,
            ctx.str("quotaCode").map(str::to_string),
            ctx.today,
            expire.map(str::to_string),
        );
        line.add_spec_calls += 1;
    }
    ok(json!({}))
}
