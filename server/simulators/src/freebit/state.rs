//! What the simulated carrier holds: one [`Line`] per phone number, the issued authKeys, and
//! the work each line has pending.
//!
//! Nothing runs in the background. Pending work records when it becomes due (a calendar day
//! for dated operations, an instant for the carrier's processing delays) and is settled
//! lazily, at the start of every request and of [`super::FreebitSim::line`]: the result is
//! the same as a carrier finishing the work on time, without timers to leak between tests.

use super::wire::state;
use crate::demo::DemoSim;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::time::Instant;

/// One quota addition, as PA05-02 quota history reports it (camelCase on the control
/// endpoint `GET /_sim/control/freebit/lines/{msisdn}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuotaHistoryEntry {
    /// MB added.
    pub quota: u64,
    /// YYYYMMDD
    pub date: String,
    /// YYYYMMDD, when the top-up carried one.
    pub expire: Option<String>,
    pub quota_code: Option<String>,
}

/// A voice-option order: `Some(on)` for each option it changes, `None` for "no change".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TalkChange {
    pub voice_mail: Option<bool>,
    pub call_waiting: Option<bool>,
    pub world_wing: Option<bool>,
}

impl TalkChange {
    pub fn is_empty(&self) -> bool {
        self.voice_mail.is_none() && self.call_waiting.is_none() && self.world_wing.is_none()
    }
}

/// Work accepted but not yet done.
#[derive(Debug, Clone)]
pub(crate) enum Pending {
    /// PA05-21, effective on its `runTime`.
    Plan { plan_code: String, on: NaiveDate },
    /// A scheduled top-up, applied on its `runTime`.
    Quota {
        mb: u64,
        code: Option<String>,
        on: NaiveDate,
    },
    /// PA02-04 / releasePlan, effective on its date.
    Cancel { on: NaiveDate },
    /// PA05-05/06, done after the configured processing delay.
    Talk { change: TalkChange, at: Instant },
    /// PA05-38, done after the configured delay; the line is locked meanwhile.
    ContractLine { line: String, at: Instant },
    /// PA05-41 reissue: the profile moves to `eid` after the configured delay.
    EsimReissue { eid: String, at: Instant },
}

/// A line as the carrier holds it.
#[derive(Debug, Clone)]
pub struct Line {
    pub msisdn: String,
    pub iccid: String,
    /// eSIM only.
    pub eid: Option<String>,
    pub plan_code: String,
    /// `active`, `suspended` or `canceled`.
    pub state: String,
    /// `4G` or `5G`.
    pub contract_line: String,
    /// Remaining high-speed quota in kB.
    pub quota_kb: u64,
    pub voicemail: bool,
    pub callwaiting: bool,
    pub worldwing: bool,
    pub history: Vec<QuotaHistoryEntry>,
    /// addSpec requests carrying a quota that were applied to this line (for tests: a top-up
    /// must reach the carrier exactly once).
    pub add_spec_calls: u32,
    /// eachQuota (scheduled top-up) requests accepted for this line.
    pub each_quota_calls: u32,
    pub(crate) pending: Vec<Pending>,
}

impl Line {
    pub(crate) fn from_demo(s: &DemoSim) -> Self {
        Line {
            msisdn: s.msisdn.into(),
            iccid: s.iccid.into(),
            eid: s.eid.map(Into::into),
            plan_code: s.plan_code.into(),
            state: s.line_state.into(),
            contract_line: s.contract_line.into(),
            quota_kb: s.remaining_mb * 1024,
            voicemail: s.voicemail,
            callwaiting: s.callwaiting,
            worldwing: s.worldwing,
            history: Vec::new(),
            add_spec_calls: 0,
            each_quota_calls: 0,
            pending: Vec::new(),
        }
    }

    pub fn is_canceled(&self) -> bool {
        self.state == state::CANCELED
    }

    /// Whether some pending work matches `f`.
    pub(crate) fn has_pending(&self, f: impl Fn(&Pending) -> bool) -> bool {
        self.pending.iter().any(f)
    }

    /// Adds `mb` to the remaining quota now and records it in the quota history.
    pub(crate) fn add_quota(
        &mut self,
        mb: u64,
        code: Option<String>,
        on: NaiveDate,
        expire: Option<String>,
    ) {
        self.quota_kb += mb * 1024;
        self.history.push(QuotaHistoryEntry {
            quota: mb,
            date: on.format("%Y%m%d").to_string(),
            expire,
            quota_code: code,
        });
    }

    /// Applies every pending operation that is due by `today` / `now`.
    pub(crate) fn settle(&mut self, today: NaiveDate, now: Instant) {
        for p in std::mem::take(&mut self.pending) {
            match p {
                Pending::Plan { plan_code, on } if on <= today => self.plan_code = plan_code,
                Pending::Quota { mb, code, on } if on <= today => {
                    self.add_quota(mb, code, on, None)
                }
                Pending::Cancel { on } if on < today => self.state = state::CANCELED.into(),
                Pending::Talk { change, at } if at <= now => {
                    self.voicemail = change.voice_mail.unwrap_or(self.voicemail);
                    self.callwaiting = change.call_waiting.unwrap_or(self.callwaiting);
                    self.worldwing = change.world_wing.unwrap_or(self.worldwing);
                }
                Pending::ContractLine { line, at } if at <= now => self.contract_line = line,
                Pending::EsimReissue { eid, at } if at <= now => self.eid = Some(eid),
                other => self.pending.push(other),
            }
        }
    }
}

/// Everything behind the simulator's lock.
#[derive(Default)]
pub(crate) struct SimState {
    pub lines: HashMap<String, Line>,
    pub auth_keys: HashSet<String>,
}

impl SimState {
    pub fn settle(&mut self, today: NaiveDate, now: Instant) {
        for line in self.lines.values_mut() {
            line.settle(today, now);
        }
    }

    /// Whether any line already uses this ICCID or EID (numbers must stay unique).
    pub fn number_in_use(&self, n: &str) -> bool {
        self.lines.contains_key(n)
            || self
                .lines
                .values()
                .any(|l| l.iccid == n || l.eid.as_deref() == Some(n))
    }
}
