//! PA05-41 `/mvno/esim/addAcnt/` with `addKind` "R": the line's eSIM profile moves to a new
//! `eid` (32 digits). Asynchronous as the contract says: the EID stays the old one until the
//! configured delay has passed, getDetail shows `async` `{"func":"esimReissue"}` meanwhile,
//! and a second reissue is refused until then.
//!
//! A new line (`addKind` "N" for a number the carrier does not hold) is `esim_activate`; MNP
//! ("M") is not simulated.
//! `aladinOperated` "10" with an `addKind` other than "N" is the contract's `400-356`.

use super::super::state::{Line, Pending};
use super::super::wire::{status, ON, RESULT_BAD_REQUEST, RESULT_LOCKED};
use super::{fail, invalid, ok, Ctx};
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(line: &mut Line, ctx: &Ctx) -> Response {
    let add_kind = ctx.str("addKind").unwrap_or("N");
    if ctx.str("aladinOperated") == Some(ON) && add_kind != "N" {
        return fail(
            RESULT_BAD_REQUEST,
            status::UNSUPPORTED_PATTERN,
            "unsupported pattern",
        );
    }
    if add_kind != "R" {
        return invalid("account already exists");
    }
    let Some(eid) = ctx
        .str("eid")
        .filter(|e| e.len() == 32 && e.bytes().all(|b| b.is_ascii_digit()))
    else {
        return invalid("eid must be 32 digits");
    };
    if line.eid.is_none() {
        return invalid("account is not an eSIM");
    }
    if line.has_pending(|p| matches!(p, Pending::EsimReissue { .. })) {
        return fail(
            RESULT_LOCKED,
            status::CONFLICT,
            "an eSIM reissue is being processed",
        );
    }
    line.pending.push(Pending::EsimReissue {
        eid: eid.to_string(),
        at: ctx.now + ctx.config.esim_reissue_delay,
    });
    ok(json!({}))
}
