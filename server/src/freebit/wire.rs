//! Freebit "emptool" wire types: requests as sent, responses as received.
//!
//! # Assumptions (the one place to correct them)
//! Where `../shared/contracts/freebit.md` marks response fields as unknown, this file decides:
//! - **getDetail** (`/mvno/getDetail/`): `responseDatas[0]` carries `kind`, `account`, `state`
//!   (`active` | `suspended` | `canceled` | `pending`, compared case-insensitively), `planCode`,
//!   `iccid`, `eid` (eSIM only; a physical SIM has none), `contractLine` (`4G`/`5G`), `quota`
//!   = remaining high-speed quota in **kB**, voice flags `voicemail`, `callwaiting`,
//!   `worldwing` ("10" on / "20" off) and `async` {`func`, `date`} for a pending operation.
//! - **getTrafficInfo** (`/mvno/getTrafficInfo/`): `traffic.today` in kB, `traffic.inRecentDays`
//!   a comma-separated list of daily kB, newest first; `traffic.blackList` "10" = throttled.
//! - **Quota history** (PA05-02): path `/mvno/getQuotaHistory/`, request `account`, `fromDate`,
//!   `toDate` (YYYYMMDD); response `quotaHistory[]` of {`quota` MB, `date`, `expire`, `quotaCode`}.
//! - **Plan change** (PA05-21): path `/mvno/changePlan/` (from the seed brief).
//! - **International roaming**: toggled as the voice option `worldWing` through PA05-06
//!   `talkOption` (WORLD WING is Freebit's roaming service and the getDetail flag is named
//!   alongside the voice flags), not through addSpec.
//! - **Auth errors**: an unknown or expired `authKey` answers `resultCode` "200"
//!   ([`AUTH_ERROR_CODE`]); the client re-authenticates once on it.
//! - Success envelope: `status.statusCode` "200", `status.message` "OK".
//!
//! Every response keeps unknown fields (`extra`) so nothing the carrier adds is lost.

use crate::lenient;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const SUCCESS_CODE: &str = "100";
/// `resultCode` of a rejected (unknown or expired) `authKey`. Assumed; see the module docs.
pub const AUTH_ERROR_CODE: &str = "200";

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

// ---- responses ------------------------------------------------------------------------

#[derive(Debug, Clone, Deserialize)]
pub struct AuthResponse {
    #[serde(rename = "authKey", deserialize_with = "lenient::string")]
    pub auth_key: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DetailResponse {
    #[serde(
        default,
        rename = "masterAccount",
        deserialize_with = "lenient::opt_string"
    )]
    pub master_account: Option<String>,
    #[serde(default, rename = "responseDatas")]
    pub response_datas: Vec<AccountDetail>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct AsyncOperation {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub func: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AccountDetail {
    #[serde(default, deserialize_with = "lenient::string")]
    pub kind: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub account: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub state: String,
    #[serde(default, rename = "planCode", deserialize_with = "lenient::string")]
    pub plan_code: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub iccid: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub eid: Option<String>,
    #[serde(
        default,
        rename = "contractLine",
        deserialize_with = "lenient::opt_string"
    )]
    pub contract_line: Option<String>,
    /// Remaining high-speed quota in kB (assumed unit).
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub quota: u64,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub voicemail: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub callwaiting: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub worldwing: Option<String>,
    #[serde(default, rename = "async")]
    pub pending: Option<AsyncOperation>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TrafficResponse {
    #[serde(default, deserialize_with = "lenient::string")]
    pub account: String,
    pub traffic: Traffic,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Traffic {
    /// kB used today.
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub today: u64,
    /// Comma-separated daily kB, newest first.
    #[serde(default, rename = "inRecentDays", deserialize_with = "lenient::string")]
    pub in_recent_days: String,
    #[serde(
        default,
        rename = "blackList",
        deserialize_with = "lenient::opt_string"
    )]
    pub black_list: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Traffic {
    /// Daily usage in kB, newest first; unparsable entries are an error, not zero.
    pub fn recent_days_kb(&self) -> Result<Vec<u64>, String> {
        self.in_recent_days
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<u64>()
                    .map_err(|_| format!("bad daily usage value {s:?}"))
            })
            .collect()
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

    #[test]
    fn detail_parses_strings_as_numbers() {
        let json = r#"{"masterAccount":"m@x","responseDatas":[{"kind":"MVNO","account":"08077052946",
            "state":"active","planCode":"PASI_50G","iccid":"8981100000000000001","eid":"89049032000001000000000000000001",
            "contractLine":"5G","quota":"49414144","voicemail":"10","async":{"func":"changePlan","date":"20261201"},"imsi":"440101234567890"}]}"#;
        let d: DetailResponse = serde_json::from_str(json).unwrap();
        let a = &d.response_datas[0];
        assert_eq!(a.quota, 49_414_144);
        assert_eq!(
            a.pending.as_ref().unwrap().func.as_deref(),
            Some("changePlan")
        );
        assert_eq!(a.extra["imsi"], "440101234567890");
    }

    #[test]
    fn traffic_days_parse() {
        let t: TrafficResponse = serde_json::from_str(
            r#"{"account":"0801","traffic":{"today":"51234","inRecentDays":"48000,52000, 61000","blackList":"20"}}"#,
        )
        .unwrap();
        assert_eq!(
            t.traffic.recent_days_kb().unwrap(),
            vec![48000, 52000, 61000]
        );
        assert_eq!(t.traffic.today, 51234);
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
