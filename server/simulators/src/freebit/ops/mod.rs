//! One handler per Freebit operation, plus what they share: the request context, the
//! response envelope and the lenient field readers.
//!
//! Handlers of line operations receive the line already found, authorised, settled and
//! checked for locks (see `super::handle`); each one validates its own fields and either
//! changes the line or records pending work.

pub(super) mod add_spec;
pub(super) mod auth;
pub(super) mod cancel;
pub(super) mod change_plan;
pub(super) mod contract_line;
pub(super) mod each_quota;
pub(super) mod esim_activate;
pub(super) mod esim_reissue;
pub(super) mod get_detail;
pub(super) mod quota_history;
pub(super) mod talk_option;
pub(super) mod traffic_info;

use super::wire::{path, status, RESULT_INVALID, RESULT_OK};
use super::FreebitSimConfig;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde_json::{json, Map, Value};
use std::time::Instant;

/// The operations after authentication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    /// Reads by `requestDatas`, and may name the master account rather than a line.
    GetDetail,
    /// Everything that names one line by `account`.
    Line(LineOp),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineOp {
    TrafficInfo,
    AddSpec,
    QuotaHistory,
    EachQuota,
    ChangePlan,
    Cancel,
    ReleasePlan,
    TalkOptionAdd,
    TalkOptionChange,
    ContractLine,
    EsimAddAccount,
}

impl Op {
    /// `path` without surrounding slashes.
    pub fn from_path(p: &str) -> Option<Op> {
        Some(Op::Line(match p {
            path::GET_DETAIL => return Some(Op::GetDetail),
            path::TRAFFIC_INFO => LineOp::TrafficInfo,
            path::ADD_SPEC => LineOp::AddSpec,
            path::QUOTA_HISTORY => LineOp::QuotaHistory,
            path::EACH_QUOTA => LineOp::EachQuota,
            path::CHANGE_PLAN => LineOp::ChangePlan,
            path::CANCEL_ACCOUNT => LineOp::Cancel,
            path::RELEASE_PLAN => LineOp::ReleasePlan,
            path::TALK_OPTION_ADD => LineOp::TalkOptionAdd,
            path::TALK_OPTION_CHANGE => LineOp::TalkOptionChange,
            path::CONTRACT_LINE => LineOp::ContractLine,
            path::ESIM_ADD_ACCOUNT => LineOp::EsimAddAccount,
            _ => return None,
        }))
    }
}

impl LineOp {
    /// Writes are refused while the line is locked or once it is cancelled.
    pub fn is_write(self) -> bool {
        !matches!(self, LineOp::TrafficInfo | LineOp::QuotaHistory)
    }
}

/// What a line handler needs besides the line.
pub(super) struct Ctx<'a> {
    pub req: &'a Map<String, Value>,
    /// The carrier's calendar day (JST).
    pub today: NaiveDate,
    pub now: Instant,
    pub config: &'a FreebitSimConfig,
}

impl Ctx<'_> {
    pub fn str(&self, k: &str) -> Option<&str> {
        str_field(self.req, k)
    }

    /// The date in field `k`: absent = today; malformed or in the past = the message of the
    /// carrier's validation error (dated operations take effect on or after today).
    pub fn run_date(&self, k: &str) -> Result<NaiveDate, String> {
        let Some(raw) = self.str(k) else {
            return Ok(self.today);
        };
        match parse_date(raw) {
            None => Err(format!("{k} must be YYYYMMDD")),
            Some(d) if d < self.today => Err(format!("{k} is in the past")),
            Some(d) => Ok(d),
        }
    }
}

/// The success envelope plus the operation's own fields.
pub(super) fn ok(extra: Value) -> Response {
    let mut body =
        json!({"resultCode": RESULT_OK, "status": {"message": "OK", "statusCode": status::OK}});
    if let (Some(b), Value::Object(e)) = (body.as_object_mut(), extra) {
        b.extend(e);
    }
    Json(body).into_response()
}

/// A failure: always HTTP 200, the outcome is in the body (contract (b)2).
pub(super) fn fail(result_code: &str, status_code: &str, message: &str) -> Response {
    Json(json!({"resultCode": result_code, "status": {"message": message, "statusCode": status_code}}))
        .into_response()
}

/// A validation failure of a request for a known account.
pub(super) fn invalid(message: &str) -> Response {
    fail(RESULT_INVALID, status::BAD_REQUEST, message)
}

/// `YYYYMMDD`, also `YYYY/MM/DD` or `YYYY-MM-DD` (PA02-04 accepts all three).
pub(super) fn parse_date(s: &str) -> Option<NaiveDate> {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 8 {
        return None;
    }
    NaiveDate::parse_from_str(&digits, "%Y%m%d").ok()
}

pub(super) fn yyyymmdd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// A non-empty string field.
pub(super) fn str_field<'a>(req: &'a Map<String, Value>, k: &str) -> Option<&'a str> {
    req.get(k).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// The `quota` field in MB (string or number, as the spec's examples quote numbers), or the
/// carrier's validation message. `Ok(None)` when absent.
pub(super) fn quota_mb(req: &Map<String, Value>) -> Result<Option<u64>, &'static str> {
    let raw = match req.get("quota") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err("quota must be 1-512000 MB"),
    };
    match raw.parse::<u64>() {
        Ok(mb) if (1..=512_000).contains(&mb) => Ok(Some(mb)),
        _ => Err("quota must be 1-512000 MB"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_take_the_three_spellings_and_nothing_else() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 31);
        assert_eq!(parse_date("20240331"), d);
        assert_eq!(parse_date("2024/03/31"), d);
        assert_eq!(parse_date("2024-03-31"), d);
        assert_eq!(parse_date("2024331"), None);
        assert_eq!(parse_date("20240231"), None);
    }

    #[test]
    fn quota_is_a_string_or_a_number_within_range() {
        let q = |v: Value| quota_mb(json!({ "quota": v }).as_object().unwrap());
        assert_eq!(q(json!("100")), Ok(Some(100)));
        assert_eq!(q(json!(512_000)), Ok(Some(512_000)));
        assert!(q(json!("0")).is_err());
        assert!(q(json!("512001")).is_err());
        assert!(q(json!("1.5")).is_err());
        assert_eq!(quota_mb(&Map::new()), Ok(None));
    }
}
