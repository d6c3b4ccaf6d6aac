//! Freebit "emptool" wire types: requests as sent, responses as received.
//!
//! # Assumptions (the one place to correct them)
//! Where `../shared/contracts/freebit.md` marks response fields as unknown, this file decides,
//! and every unit conversion and status mapping of the carrier's values lives here:
//! - **getDetail** (`/mvno/getDetail/`): `responseDatas` holds the line and, for an MVNO
//!   query, its master account (contract A4 PA03-02); the line is picked by `kind` ≠ MASTER
//!   and `account` ([`DetailResponse::line`]). Entry fields: `state` (`active` | `suspended`
//!   | `canceled` | `pending`, mapped by [`AccountDetail::status`]), `planCode`, `iccid`,
//!   `eid` (eSIM only: its presence decides the SIM type), `contractLine` (`4G`/`5G`),
//!   `quota` = remaining high-speed quota in **kB** ([`kb_to_mb`]), voice flags
//!   `voicemail`, `callwaiting`, `worldwing` ("10" on / "20" off) and `async` {`func`,
//!   `date`, …} for a pending operation (`""` when none). Each field is parsed on its own:
//!   an odd value (decimal, `-1`, `""`, wrong type) degrades that field only.
//! - **getTrafficInfo** (`/mvno/getTrafficInfo/`): `traffic.today` in kB,
//!   `traffic.inRecentDays` daily kB newest first (index 0 = yesterday), comma-separated or
//!   a list; `traffic.blackList` "10" = throttled.
//! - **Quota history** (PA05-02): path `/mvno/getQuotaHistory/`, request `account`, `fromDate`,
//!   `toDate` (YYYYMMDD); response `quotaHistory[]` of {`quota` MB, `date`, `expire`, `quotaCode`}.
//! - **Plan change** (PA05-21): path `/mvno/changePlan/` (from the seed brief), scheduled with
//!   `runTime` = the 1st of next month (portal policy). No withdrawal operation is documented:
//!   the portal withdraws a scheduled change by scheduling the current plan for the same
//!   date, which the carrier must treat as "no change" (to be confirmed with Freebit).
//! - **Cancellation**: the documented PA02-04 `/master/cnclAcnt/` with `runDate` (the seed
//!   names `/mvno/releasePlan/`, whose fields are unpublished; the simulator accepts both).
//! - **Options**: voice mail, call waiting and international roaming (WORLD WING, as the
//!   voice option `worldWing`) through the documented PA05-06 `talkOption` order; 4G/5G
//!   through PA05-38 `/mvno/contractline/change/` (the seed routes flags to
//!   `/master/addSpec/`, which has no published flag fields; the simulator accepts both).
//! - **Auth errors**: an unknown or expired `authKey` answers `resultCode` "200"
//!   ([`AUTH_ERROR_CODE`]); reads also treat HTTP 401/403 and a 401/403 `statusCode` as
//!   authentication answers. The key is renewed after [`AUTH_KEY_LIFETIME`].
//! - Success envelope: `status.statusCode` "200", `status.message` "OK".
//!
//! Every response keeps unknown fields (`extra`) so nothing the carrier adds is lost.

use crate::lenient;
use app::domain::{NetworkType, SimStatus};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const SUCCESS_CODE: &str = "100";
/// `resultCode` of a rejected (unknown or expired) `authKey`. Assumed; see the module docs.
pub const AUTH_ERROR_CODE: &str = "200";

/// How long a cached authKey is used before a fresh one is fetched. The real lifetime is
/// undocumented (contract (c)); renewing well inside any plausible one costs one `/authOem/`
/// call per interval, and a rejected key is still renewed at once.
pub const AUTH_KEY_LIFETIME: std::time::Duration = std::time::Duration::from_secs(20 * 60);

/// Flag values Freebit uses for on/off.
pub const ON: &str = "10";
pub const OFF: &str = "20";

pub mod path {
    pub const AUTH: &str = "authOem/";
    pub const GET_DETAIL: &str = "mvno/getDetail/";
    pub const TRAFFIC_INFO: &str = "mvno/getTrafficInfo/";
    pub const ADD_SPEC: &str = "master/addSpec/";
    pub const QUOTA_HISTORY: &str = "mvno/getQuotaHistory/";
    pub const EACH_QUOTA: &str = "mvno/eachQuota/";
    pub const CHANGE_PLAN: &str = "mvno/changePlan/";
    pub const CANCEL_ACCOUNT: &str = "master/cnclAcnt/";
    pub const TALK_OPTION_ADD: &str = "mvno/talkoption/addOrder/";
    pub const TALK_OPTION_CHANGE: &str = "mvno/talkoption/changeOrder/";
    pub const CONTRACT_LINE: &str = "mvno/contractline/change/";
    pub const ESIM_ADD_ACCOUNT: &str = "mvno/esim/addAcnt/";
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct Status {
    #[serde(
        default,
        rename = "statusCode",
        deserialize_with = "lenient::opt_string"
    )]
    pub status_code: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message: Option<String>,
}

/// The envelope every response shares; `extra` holds the endpoint's own fields.
#[derive(Debug, Clone, Deserialize)]
pub struct Envelope {
    #[serde(rename = "resultCode", deserialize_with = "lenient::string")]
    pub result_code: String,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

// ---- requests -------------------------------------------------------------------------

#[derive(Debug, Serialize)]
pub struct AuthRequest<'a> {
    #[serde(rename = "oemId")]
    pub oem_id: &'a str,
    #[serde(rename = "oemKey")]
    pub oem_key: &'a str,
}

#[derive(Debug, Serialize)]
pub struct DetailRequest {
    pub version: &'static str,
    #[serde(rename = "requestDatas")]
    pub request_datas: Vec<DetailRequestData>,
}

#[derive(Debug, Serialize)]
pub struct DetailRequestData {
    pub kind: &'static str,
    pub account: String,
}

#[derive(Debug, Serialize)]
pub struct AccountRequest {
    pub account: String,
}

#[derive(Debug, Serialize)]
pub struct AddSpecRequest {
    pub kind: &'static str,
    pub account: String,
    /// MB, as a string (spec examples quote numbers).
    pub quota: String,
    #[serde(rename = "quotaCode", skip_serializing_if = "Option::is_none")]
    pub quota_code: Option<String>,
    /// YYYYMMDD
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expire: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EachQuotaRequest {
    pub kind: &'static str,
    pub account: String,
    pub quota: String,
    #[serde(rename = "quotaCode", skip_serializing_if = "Option::is_none")]
    pub quota_code: Option<String>,
    #[serde(rename = "runTime")]
    pub run_time: String,
}

#[derive(Debug, Serialize)]
pub struct QuotaHistoryRequest {
    pub account: String,
    #[serde(rename = "fromDate")]
    pub from_date: String,
    #[serde(rename = "toDate")]
    pub to_date: String,
}

#[derive(Debug, Serialize)]
pub struct ChangePlanRequest {
    pub account: String,
    #[serde(rename = "planCode")]
    pub plan_code: String,
    /// Note the spelling: `globalIp`, "20" = no global IP.
    #[serde(rename = "globalIp")]
    pub global_ip: &'static str,
    #[serde(rename = "runTime", skip_serializing_if = "Option::is_none")]
    pub run_time: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CancelRequest {
    pub kind: &'static str,
    pub account: String,
    #[serde(rename = "runDate", skip_serializing_if = "Option::is_none")]
    pub run_date: Option<String>,
}

/// The voice options of PA05-05/06; `None` means "no change".
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct TalkOption {
    #[serde(rename = "voiceMail", skip_serializing_if = "Option::is_none")]
    pub voice_mail: Option<String>,
    #[serde(rename = "callWaiting", skip_serializing_if = "Option::is_none")]
    pub call_waiting: Option<String>,
    #[serde(rename = "worldWing", skip_serializing_if = "Option::is_none")]
    pub world_wing: Option<String>,
}

impl TalkOption {
    pub fn is_empty(&self) -> bool {
        self.voice_mail.is_none() && self.call_waiting.is_none() && self.world_wing.is_none()
    }
}

#[derive(Debug, Serialize)]
pub struct TalkOptionRequest {
    pub account: String,
    #[serde(rename = "userConfirmed")]
    pub user_confirmed: &'static str,
    #[serde(rename = "aladinOperated")]
    pub aladin_operated: &'static str,
    #[serde(rename = "talkOption")]
    pub talk_option: TalkOption,
}

#[derive(Debug, Serialize)]
pub struct ContractLineRequest {
    pub account: String,
    #[serde(rename = "contractLine")]
    pub contract_line: String,
    #[serde(rename = "productNumber", skip_serializing_if = "Option::is_none")]
    pub product_number: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EsimReissueRequest {
    #[serde(rename = "aladinOperated")]
    pub aladin_operated: &'static str,
    #[serde(rename = "createType")]
    pub create_type: &'static str,
    pub eid: String,
    pub account: String,
    #[serde(rename = "addKind")]
    pub add_kind: &'static str,
    #[serde(rename = "contractLine", skip_serializing_if = "Option::is_none")]
    pub contract_line: Option<String>,
    pub reissue: EsimReissue,
}

#[derive(Debug, Serialize)]
pub struct EsimReissue {
    #[serde(rename = "oldEid", skip_serializing_if = "Option::is_none")]
    pub old_eid: Option<String>,
    #[serde(rename = "oldProductNumber", skip_serializing_if = "Option::is_none")]
    pub old_product_number: Option<String>,
}

/// PA05-41 for a new line (`addKind` "N"): a data-only eSIM on `account` for the device `eid`.
#[derive(Debug, Serialize)]
pub struct EsimActivateRequest {
    #[serde(rename = "aladinOperated")]
    pub aladin_operated: &'static str,
    #[serde(rename = "createType")]
    pub create_type: &'static str,
    pub eid: String,
    pub account: String,
    #[serde(rename = "addKind")]
    pub add_kind: &'static str,
    #[serde(rename = "simKind")]
    pub sim_kind: &'static str,
    #[serde(rename = "planCode")]
    pub plan_code: String,
    #[serde(rename = "contractLine")]
    pub contract_line: String,
}

// ---- responses ------------------------------------------------------------------------

#[derive(Debug, Clone, Deserialize)]
pub struct AuthResponse {
    #[serde(rename = "authKey", deserialize_with = "lenient::string")]
    pub auth_key: String,
}

/// getDetail's answer. `responseDatas` may hold the line and its master account (or, from
/// some gateways, a single object instead of an array): [`DetailResponse::line`] picks the
/// entry by `kind` and `account`.
#[derive(Debug, Clone, Deserialize)]
pub struct DetailResponse {
    #[serde(
        default,
        rename = "masterAccount",
        deserialize_with = "lenient::opt_string"
    )]
    pub master_account: Option<String>,
    #[serde(
        default,
        rename = "responseDatas",
        deserialize_with = "lenient::one_or_many"
    )]
    pub response_datas: Vec<Map<String, Value>>,
}

impl DetailResponse {
    /// The MVNO entry for `account` (the master account that comes with it is skipped).
    pub fn line(&self, account: &str) -> Option<AccountDetail> {
        let entries: Vec<AccountDetail> = self
            .response_datas
            .iter()
            .map(AccountDetail::from_map)
            .collect();
        let is_master = |d: &AccountDetail| d.kind.eq_ignore_ascii_case("MASTER");
        entries
            .iter()
            .find(|d| !is_master(d) && d.account == account)
            // An entry without `account` is accepted only when it is the one non-master entry.
            .or_else(|| {
                let others: Vec<&AccountDetail> =
                    entries.iter().filter(|d| !is_master(d)).collect();
                (others.len() == 1 && others[0].account.is_empty()).then(|| others[0])
            })
            .cloned()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AsyncOperation {
    pub func: Option<String>,
    pub date: Option<String>,
    /// The rest of the object (e.g. the target `planCode` or `contractLine`).
    pub extra: Map<String, Value>,
}

/// One getDetail entry, parsed field by field: an odd value degrades that field to `None`
/// (and is logged), never the whole card. Every field here is an assumption (module docs).
#[derive(Debug, Clone, Default)]
pub struct AccountDetail {
    pub kind: String,
    pub account: String,
    pub state: String,
    pub plan_code: String,
    pub iccid: String,
    /// Only eSIMs have one.
    pub eid: Option<String>,
    pub contract_line: Option<String>,
    /// Remaining high-speed quota in **kB** (KiB); `None` if absent, `-1`/empty (unlimited or
    /// unknown) or unreadable.
    pub quota_kb: Option<u64>,
    pub voicemail: Option<bool>,
    pub callwaiting: Option<bool>,
    pub worldwing: Option<bool>,
    /// The operation the carrier is still processing, if any.
    pub pending: Option<AsyncOperation>,
    /// Every field as received.
    pub raw: Map<String, Value>,
}

impl AccountDetail {
    pub fn from_map(m: &Map<String, Value>) -> Self {
        let text = |k: &str| lenient::text(m.get(k)).unwrap_or_default();
        let opt_text = |k: &str| lenient::text(m.get(k)).filter(|s| !s.is_empty());
        AccountDetail {
            kind: text("kind"),
            account: text("account"),
            state: text("state"),
            plan_code: text("planCode"),
            iccid: text("iccid"),
            eid: opt_text("eid"),
            contract_line: opt_text("contractLine"),
            quota_kb: lenient::amount(m.get("quota"), "getDetail.quota"),
            voicemail: flag(m.get("voicemail")),
            callwaiting: flag(m.get("callwaiting")),
            worldwing: flag(m.get("worldwing")),
            pending: async_operation(m.get("async")),
            raw: m.clone(),
        }
    }

    /// The line's state in the portal's words. Assumed values: `active`, `suspended`,
    /// `canceled`, `pending` (compared without case; close variants accepted).
    pub fn status(&self) -> SimStatus {
        match self.state.trim().to_ascii_lowercase().as_str() {
            "active" | "open" => SimStatus::Active,
            "suspended" | "suspend" | "stop" => SimStatus::Suspended,
            "canceled" | "cancelled" | "cancel" | "closed" => SimStatus::Cancelled,
            "pending" | "wait" | "processing" => SimStatus::Pending,
            other => SimStatus::Other(other.to_string()),
        }
    }

    /// Remaining quota in MB (1 MB = 1024 kB, rounded down); `None` when unknown.
    pub fn remaining_mb(&self) -> Option<u64> {
        self.quota_kb.map(kb_to_mb)
    }

    pub fn network_type(&self) -> Option<NetworkType> {
        self.contract_line.as_deref().and_then(|c| c.parse().ok())
    }
}

/// kB (KiB) → MB, the one conversion of the carrier's traffic unit (assumed kB: the candidate
/// field notes in `../shared/contracts/freebit.md` (c)). Rounded down: never promise data that
/// is not there.
pub fn kb_to_mb(kb: u64) -> u64 {
    kb / 1024
}

/// kB → MB with two decimals, for usage figures.
pub fn kb_to_mb_f64(kb: f64) -> f64 {
    (kb / 1024.0 * 100.0).round() / 100.0
}

/// "10" on, "20" off; anything else is unknown.
fn flag(v: Option<&Value>) -> Option<bool> {
    match lenient::text(v)?.trim() {
        ON => Some(true),
        OFF => Some(false),
        other => {
            tracing::warn!(value = other, "Freebit flag is neither 10 nor 20");
            None
        }
    }
}

/// `async` arrives as an object, as `""`/null when nothing is pending, or (seen in other
/// gateways) as a list: the first entry is taken.
fn async_operation(v: Option<&Value>) -> Option<AsyncOperation> {
    let obj = match v? {
        Value::Object(o) => o,
        Value::Array(items) => match items.first()? {
            Value::Object(o) => o,
            _ => return None,
        },
        _ => return None,
    };
    let func = lenient::text(obj.get("func")).filter(|s| !s.is_empty());
    let date = lenient::text(obj.get("date")).filter(|s| !s.is_empty());
    let mut extra = obj.clone();
    extra.remove("func");
    extra.remove("date");
    (func.is_some() || date.is_some() || !extra.is_empty()).then_some(AsyncOperation {
        func,
        date,
        extra,
    })
}

#[derive(Debug, Clone, Deserialize)]
pub struct TrafficResponse {
    #[serde(default, deserialize_with = "lenient::string")]
    pub account: String,
    pub traffic: Map<String, Value>,
}

/// getTrafficInfo's `traffic`, parsed leniently like [`AccountDetail`].
#[derive(Debug, Clone)]
pub struct Traffic {
    /// kB used today; `None` if unreadable.
    pub today_kb: Option<f64>,
    /// Daily kB, newest first (index 0 = yesterday); an unreadable day is `None` so the
    /// days after it keep their dates.
    pub recent_days_kb: Vec<Option<f64>>,
    /// "10" = throttled to low speed.
    pub throttled: bool,
}

impl TrafficResponse {
    pub fn traffic(&self) -> Traffic {
        let t = &self.traffic;
        let days = match t.get("inRecentDays") {
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| lenient::decimal(Some(v), "inRecentDays"))
                .collect(),
            other => lenient::text(other)
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| lenient::decimal(Some(&Value::String(s.into())), "inRecentDays"))
                .collect(),
        };
        Traffic {
            today_kb: lenient::decimal(t.get("today"), "traffic.today"),
            recent_days_kb: days,
            throttled: flag(t.get("blackList")) == Some(true),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct QuotaHistoryResponse {
    #[serde(default, rename = "quotaHistory")]
    pub quota_history: Vec<QuotaHistoryEntry>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct QuotaHistoryEntry {
    /// MB added.
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub quota: u64,
    /// YYYYMMDD
    #[serde(default, deserialize_with = "lenient::string")]
    pub date: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub expire: Option<String>,
    #[serde(
        default,
        rename = "quotaCode",
        deserialize_with = "lenient::opt_string"
    )]
    pub quota_code: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ChangePlanResponse {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub ipv4: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub ipv6: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_accepts_numeric_result_code_and_keeps_unknown_fields() {
        let e: Envelope = serde_json::from_str(
            r#"{"resultCode":100,"status":{"message":"OK","statusCode":200},"authKey":"k","newThing":[1]}"#,
        )
        .unwrap();
        assert_eq!(e.result_code, "100");
        assert_eq!(e.status.unwrap().status_code.as_deref(), Some("200"));
        assert!(e.extra.contains_key("newThing"));
    }

    fn detail(json: &str) -> DetailResponse {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn detail_parses_strings_as_numbers_and_picks_the_line() {
        let d = detail(
            r#"{"masterAccount":"m@x","responseDatas":[
            {"kind":"MASTER","account":"m@x","state":"active"},
            {"kind":"MVNO","account":"08077052946","state":"active","planCode":"PASI_50G",
             "iccid":"8981100000000000001","eid":"89049032000001000000000000000001",
             "contractLine":"5G","quota":"49414144","voicemail":"10",
             "async":{"func":"changePlan","date":"20261201","planCode":"PASI_25G"},"imsi":"440101234567890"}]}"#,
        );
        let a = d.line("08077052946").unwrap();
        assert_eq!(a.kind, "MVNO");
        assert_eq!(a.quota_kb, Some(49_414_144));
        assert_eq!(a.remaining_mb(), Some(48_256));
        assert_eq!(a.voicemail, Some(true));
        assert_eq!(a.network_type(), Some(NetworkType::G5));
        let p = a.pending.unwrap();
        assert_eq!(p.func.as_deref(), Some("changePlan"));
        assert_eq!(p.extra["planCode"], "PASI_25G");
        assert_eq!(a.raw["imsi"], "440101234567890");
        assert!(d.line("09000000000").is_none());
    }

    #[test]
    fn odd_fields_degrade_only_themselves() {
        let d = detail(
            r#"{"responseDatas":{"kind":"MVNO","account":"0801","state":"Suspended",
            "quota":"12.5","voicemail":"maybe","callwaiting":20,"async":"","contractLine":"LTE"}}"#,
        );
        let a = d.line("0801").unwrap();
        assert_eq!(a.quota_kb, Some(12));
        assert_eq!(a.status(), SimStatus::Suspended);
        assert_eq!(a.voicemail, None);
        assert_eq!(a.callwaiting, Some(false));
        assert_eq!(a.pending, None);
        assert_eq!(a.network_type(), None);
        for odd in [r#""-1""#, r#""""#, r#""lots""#, "null", "-1", r#"{"x":1}"#] {
            let d = detail(&format!(
                r#"{{"responseDatas":[{{"kind":"MVNO","account":"0801","quota":{odd}}}]}}"#
            ));
            assert_eq!(d.line("0801").unwrap().quota_kb, None, "{odd}");
        }
        let d = detail(r#"{"responseDatas":[{"kind":"MVNO","account":"0801","quota":48000}]}"#);
        assert_eq!(d.line("0801").unwrap().quota_kb, Some(48_000));
        let d = detail(r#"{"responseDatas":""}"#);
        assert!(d.line("0801").is_none());
    }

    #[test]
    fn async_may_be_a_list() {
        let d = detail(
            r#"{"responseDatas":[{"kind":"MVNO","account":"0801","async":[{"func":"cancel","date":"20261130"}]}]}"#,
        );
        assert_eq!(
            d.line("0801").unwrap().pending.unwrap().date.as_deref(),
            Some("20261130")
        );
    }

    #[test]
    fn traffic_days_parse_leniently() {
        let t: TrafficResponse = serde_json::from_str(
            r#"{"account":"0801","traffic":{"today":"51234.5","inRecentDays":"48000,52000, x, 61000","blackList":"20"}}"#,
        )
        .unwrap();
        let t = t.traffic();
        assert_eq!(
            t.recent_days_kb,
            vec![Some(48000.0), Some(52000.0), None, Some(61000.0)]
        );
        assert_eq!(t.today_kb, Some(51234.5));
        assert!(!t.throttled);
        let t: TrafficResponse = serde_json::from_str(
            r#"{"traffic":{"today":"","inRecentDays":[1024,"2048"],"blackList":"10"}}"#,
        )
        .unwrap();
        let t = t.traffic();
        assert_eq!(t.recent_days_kb, vec![Some(1024.0), Some(2048.0)]);
        assert_eq!(t.today_kb, None);
        assert!(t.throttled);
        assert_eq!(kb_to_mb_f64(1536.0), 1.5);
    }

    #[test]
    fn request_json_uses_freebit_names() {
        let r = ChangePlanRequest {
            account: "0801".into(),
            plan_code: "PASI_25G".into(),
            global_ip: OFF,
            run_time: Some("20261201".into()),
        };
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"account":"0801","planCode":"PASI_25G","globalIp":"20","runTime":"20261201"}"#
        );
    }
}
