//! PA05-02 quota history (`/mvno/getQuotaHistory/`, the contract's guessed path): the top-ups
//! of a line between `fromDate` and `toDate`, inclusive, numbers as strings.

use super::super::state::Line;
use super::{invalid, ok, parse_date, Ctx};
use axum::response::Response;
use serde_json::{json, Map, Value};

pub(in super::super) fn run(line: &Line, ctx: &Ctx) -> Response {
    let from = ctx.str("fromDate").and_then(parse_date);
    let to = ctx.str("toDate").and_then(parse_date);
    let (Some(from), Some(to)) = (from, to) else {
        return invalid("fromDate and toDate must be YYYYMMDD");
    };
    let rows: Vec<Value> = line
        .history
        .iter()
        .filter(|h| parse_date(&h.date).is_some_and(|d| d >= from && d <= to))
        .map(|h| {
            let mut row = Map::new();
            row.insert("quota".into(), json!(h.quota.to_string()));
            row.insert("date".into(), json!(h.date));
            if let Some(e) = &h.expire {
                row.insert("expire".into(), json!(e));
            }
            if let Some(c) = &h.quota_code {
                row.insert("quotaCode".into(), json!(c));
            }
            Value::Object(row)
        })
        .collect();
    ok(json!({"account": line.msisdn, "quotaHistory": rows}))
}
