//! The simulator's own view of Freebit's wire format, written from
//! `../shared/contracts/freebit.md` and deliberately not shared with the portal's client: if
//! the two disagree, a test against the simulator fails instead of both being wrong together.
//!
//! Where the contract marks something as unknown or a guess (result codes other than "100",
//! the auth error, the paths named only by the seed brief, the `PASI_*` plan codes), the value
//! here is the simulator's documented assumption.

/// `resultCode` of a successful call (contract A1: a JSON string).
pub const RESULT_OK: &str = "100";
/// `resultCode` of an unknown or expired `authKey`, and of wrong OEM credentials (assumed).
pub const RESULT_AUTH: &str = "200";
/// Missing or malformed `json` field, unknown path, missing account (assumed).
pub const RESULT_BAD_REQUEST: &str = "400";
/// Unknown account (assumed).
pub const RESULT_NOT_FOUND: &str = "210";
/// Validation failure of a known account's request (assumed).
pub const RESULT_INVALID: &str = "220";
/// The account is busy: a 4G/5G change, voice-option order or eSIM reissue is in progress
/// (assumed code; the lock itself is contract A4 PA05-38).
pub const RESULT_LOCKED: &str = "230";

/// `status.statusCode` of the envelope, per outcome.
pub mod status {
    pub const OK: &str = "200";
    pub const BAD_REQUEST: &str = "400";
    pub const UNAUTHORIZED: &str = "401";
    pub const NOT_FOUND: &str = "404";
    pub const CONFLICT: &str = "409";
    /// Contract A3: `aladinOperated` "10" with `addKind` other than "N".
    pub const UNSUPPORTED_PATTERN: &str = "400-356";
}

/// Flag values for on/off (voice options, `blackList`, `userConfirmed`, `aladinOperated`).
pub const ON: &str = "10";
pub const OFF: &str = "20";

/// Plan codes this reseller's lines can be moved to (the `PASI_*` names of the seed brief).
pub const PLAN_CODES: [&str; 4] = ["PASI_5G", "PASI_10G", "PASI_25G", "PASI_50G"];

/// The master account every simulated line is linked to.
pub const MASTER_ACCOUNT: &str = "sim-master@sonixnet.example";

/// Line states as getDetail reports them.
pub mod state {
    pub const ACTIVE: &str = "active";
    pub const SUSPENDED: &str = "suspended";
    pub const CANCELED: &str = "canceled";
}

/// Request paths under `/emptool/api/`, without the surrounding slashes (requests may carry
/// them or not).
pub mod path {
    pub const AUTH: &str = "authOem";
    pub const GET_DETAIL: &str = "mvno/getDetail";
    pub const TRAFFIC_INFO: &str = "mvno/getTrafficInfo";
    pub const ADD_SPEC: &str = "master/addSpec";
    /// PA05-02; the path is not in the contract (its (d)5 guess).
    pub const QUOTA_HISTORY: &str = "mvno/getQuotaHistory";
    /// Scheduled top-up (seed brief).
    pub const EACH_QUOTA: &str = "mvno/eachQuota";
    /// PA05-21; the spec leaves the URL blank, the seed brief names this one.
    pub const CHANGE_PLAN: &str = "mvno/changePlan";
    pub const CANCEL_ACCOUNT: &str = "master/cnclAcnt";
    /// The seed brief's cancellation route (`runTime` instead of `runDate`).
    pub const RELEASE_PLAN: &str = "mvno/releasePlan";
    pub const TALK_OPTION_ADD: &str = "mvno/talkoption/addOrder";
    pub const TALK_OPTION_CHANGE: &str = "mvno/talkoption/changeOrder";
    pub const CONTRACT_LINE: &str = "mvno/contractline/change";
    pub const ESIM_ADD_ACCOUNT: &str = "mvno/esim/addAcnt";
}

/// The voice-option keys of PA05-05/06 `talkOption` that the simulator models (others, such
/// as `callTransfer`, are accepted by the carrier but not tracked here).
pub mod talk {
    pub const VOICE_MAIL: &str = "voiceMail";
    pub const CALL_WAITING: &str = "callWaiting";
    pub const WORLD_WING: &str = "worldWing";
}
