//! PA03-02 `/mvno/getDetail/`: one account per call, named by `requestDatas[0]`
//! (`kind`, `account`; later items are ignored, as the spec says).
//!
//! As the contract describes, a line query answers the line's details *plus the linked
//! master account*: `responseDatas` is `[master, line]`, so clients must pick the entry by
//! `kind` and `account` rather than by position. A query for the master account
//! (`kind` "MASTER") answers the master followed by every linked line, briefly.
//!
//! Pending work shows as `async`: one object, as the carrier shows one, chosen in the order
//! contractLine, esimReissue, talkOption, cancel, changePlan; `""` when nothing is pending
//! (a shape seen in the wild). `asyncAll` is a simulator convenience, not Freebit's: every
//! pending operation's object in that order (`[]` when none). The portal does not rely on it.

use super::super::state::{Line, Pending, SimState, TalkChange};
use super::super::wire::{state, RESULT_NOT_FOUND};
use super::super::wire::{status, talk, MASTER_ACCOUNT, OFF, ON, RESULT_BAD_REQUEST};
use super::{fail, ok, yyyymmdd};
use axum::response::Response;
use serde_json::{json, Map, Value};

pub(in super::super) fn run(s: &SimState, req: &Map<String, Value>) -> Response {
    let first = req.get("requestDatas").and_then(|d| d.get(0));
    let field = |k: &str| first.and_then(|d| d.get(k)).and_then(Value::as_str);
    let Some(account) = field("account").filter(|a| !a.is_empty()) else {
        return fail(
            RESULT_BAD_REQUEST,
            status::BAD_REQUEST,
            "account is required",
        );
    };
    let is_master_query = field("kind").is_some_and(|k| k.eq_ignore_ascii_case("MASTER"));
    let datas = if is_master_query && account == MASTER_ACCOUNT {
        let mut lines: Vec<&Line> = s.lines.values().collect();
        lines.sort_by(|a, b| a.msisdn.cmp(&b.msisdn));
        std::iter::once(master_json())
            .chain(lines.into_iter().map(linked_json))
            .collect()
    } else if let Some(line) = s.lines.get(account).filter(|_| !is_master_query) {
        vec![master_json(), line_json(line)]
    } else {
        return fail(RESULT_NOT_FOUND, status::NOT_FOUND, "account not found");
    };
    ok(json!({"masterAccount": MASTER_ACCOUNT, "responseDatas": datas}))
}

fn master_json() -> Value {
    json!({"kind": "MASTER", "account": MASTER_ACCOUNT, "state": state::ACTIVE})
}

fn linked_json(line: &Line) -> Value {
    json!({"kind": "MVNO", "account": line.msisdn, "state": line.state, "planCode": line.plan_code})
}

fn flag(on: bool) -> &'static str {
    if on {
        ON
    } else {
        OFF
    }
}

fn line_json(line: &Line) -> Value {
    let pending = async_ops(line);
    let mut d = json!({
        "kind": "MVNO",
        "account": line.msisdn,
        "state": line.state,
        "planCode": line.plan_code,
        "iccid": line.iccid,
        "contractLine": line.contract_line,
        "quota": line.quota_kb.to_string(),
        "voicemail": flag(line.voicemail),
        "callwaiting": flag(line.callwaiting),
        "worldwing": flag(line.worldwing),
        "sms": OFF,
        "talk": OFF,
        "async": pending.first().cloned().unwrap_or_else(|| json!("")),
        "asyncAll": pending,
    });
    if let (Some(obj), Some(eid)) = (d.as_object_mut(), &line.eid) {
        obj.insert("eid".into(), json!(eid));
    }
    d
}

/// The `async` objects of the line's pending work, most important first. Scheduled top-ups
/// are not carrier "async" operations and do not appear.
fn async_ops(line: &Line) -> Vec<Value> {
    let mut ops: Vec<(u8, Value)> = line
        .pending
        .iter()
        .filter_map(|p| match p {
            Pending::ContractLine { line, .. } => {
                Some((0, json!({"func": "contractLine", "contractLine": line})))
            }
            Pending::EsimReissue { .. } => Some((1, json!({"func": "esimReissue"}))),
            Pending::Talk { change, .. } => Some((
                2,
                json!({"func": "talkOption", "talkOption": talk_json(change)}),
            )),
            Pending::Cancel { on } => Some((3, json!({"func": "cancel", "date": yyyymmdd(*on)}))),
            Pending::Plan { plan_code, on } => Some((
                4,
                json!({"func": "changePlan", "date": yyyymmdd(*on), "planCode": plan_code}),
            )),
            Pending::Quota { .. } => None,
        })
        .collect();
    ops.sort_by_key(|(rank, _)| *rank);
    ops.into_iter().map(|(_, v)| v).collect()
}

/// Only the options the order changes, e.g. `{"voiceMail":"10"}`.
fn talk_json(c: &TalkChange) -> Value {
    let mut m = Map::new();
    for (k, v) in [
        (talk::VOICE_MAIL, c.voice_mail),
        (talk::CALL_WAITING, c.call_waiting),
        (talk::WORLD_WING, c.world_wing),
    ] {
        if let Some(on) = v {
            m.insert(k.into(), json!(flag(on)));
        }
    }
    Value::Object(m)
}
