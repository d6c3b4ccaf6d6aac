//! PA05-05 `/mvno/talkoption/addOrder/` and PA05-06 `/mvno/talkoption/changeOrder/`: voice
//! options (`voiceMail`, `callWaiting`, `worldWing`: "10" on, "20" off) change after the
//! carrier's processing delay. `userConfirmed` must be "10"; an empty `talkOption` is
//! rejected; a second order while one is processing is refused (orders cannot be cancelled).

use super::super::state::{Line, Pending, TalkChange};
use super::super::wire::{status, talk, OFF, ON, RESULT_LOCKED};
use super::{fail, invalid, ok, Ctx};
use axum::response::Response;
use serde_json::{json, Map, Value};

pub(in super::super) fn run(line: &mut Line, ctx: &Ctx) -> Response {
    if ctx.str("userConfirmed") != Some(ON) {
        return invalid("userConfirmed must be 10");
    }
    let Some(Value::Object(options)) = ctx.req.get("talkOption") else {
        return invalid("talkOption is required");
    };
    let change = match talk_change(options) {
        Ok(c) if c.is_empty() => return invalid("talkOption must change at least one option"),
        Ok(c) => c,
        Err(m) => return invalid(m),
    };
    match order(line, change, ctx) {
        Ok(()) => ok(json!({})),
        Err(refused) => refused.into_response(),
    }
}

/// The modelled option keys found in `fields`; other keys are ignored.
pub(super) fn talk_change(fields: &Map<String, Value>) -> Result<TalkChange, &'static str> {
    let flag = |k: &str| -> Result<Option<bool>, &'static str> {
        match fields.get(k) {
            None => Ok(None),
            Some(Value::String(v)) if v == ON => Ok(Some(true)),
            Some(Value::String(v)) if v == OFF => Ok(Some(false)),
            Some(_) => Err("talkOption values must be 10 or 20"),
        }
    };
    Ok(TalkChange {
        voice_mail: flag(talk::VOICE_MAIL)?,
        call_waiting: flag(talk::CALL_WAITING)?,
        world_wing: flag(talk::WORLD_WING)?,
    })
}

/// A voice-option order refused because another one is still processing.
pub(super) struct Busy;

impl Busy {
    pub fn into_response(self) -> Response {
        fail(
            RESULT_LOCKED,
            status::CONFLICT,
            "a voice option order is being processed",
        )
    }
}

/// Records a voice-option order, unless one is still processing.
pub(super) fn order(line: &mut Line, change: TalkChange, ctx: &Ctx) -> Result<(), Busy> {
    if line.has_pending(|p| matches!(p, Pending::Talk { .. })) {
        return Err(Busy);
    }
    line.pending.push(Pending::Talk {
        change,
        at: ctx.now + ctx.config.talk_option_delay,
    });
    Ok(())
}
