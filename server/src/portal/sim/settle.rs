//! Settles the portal's open carrier requests against what the carrier reports, and turns
//! both into the page's pending operations. Pure: unit-tested without HTTP or a database.
//!
//! A request is done once the line shows the requested state; until then it is pending,
//! unless it has waited far longer than the carrier ever takes (then it expired, and the page
//! stops showing it). The carrier's own `async` entry adds work the portal did not ask for
//! (e.g. a change made by support).

use crate::freebit::wire::AccountDetail;
use crate::store::sim_requests::{SimRequest, Status};
use app::domain::dates::parse_iso_date;
use app::domain::{FeatureChange, NetworkType, PendingOperation, SimFeatures};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Request kinds, as stored.
pub(super) mod kind {
    pub const CHANGE_PLAN: &str = "change_plan";
    pub const WITHDRAW_PLAN_CHANGE: &str = "cancel_plan_change";
    pub const FEATURES: &str = "features";
    pub const NETWORK_TYPE: &str = "network_type";
    pub const CANCEL: &str = "cancel";
    pub const REISSUE_ESIM: &str = "reissue_esim";
}

/// How long each kind of carrier work may take before the portal stops waiting for it.
const VOICE_OPTIONS_WINDOW: i64 = 24 * 3600;
const NETWORK_WINDOW: i64 = 2 * 3600;
const REISSUE_WINDOW: i64 = 24 * 3600;
/// Dated work (plan change, cancellation) applies within a day of its date (the carrier
/// documents "up to 10 minutes" after the time for cancellations).
const DATED_GRACE_DAYS: i64 = 1;
/// A request whose answer never came (`submitting`) is believed only this long unless the
/// carrier shows it: after that it probably never arrived, and the customer may send it again.
const UNCONFIRMED_WINDOW: i64 = 15 * 60;

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct PlanPayload {
    pub to: String,
    pub from: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct NetworkPayload {
    pub to: NetworkType,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ReissuePayload {
    pub eid: String,
    pub old_eid: Option<String>,
}

#[derive(Debug, PartialEq)]
pub(super) enum Verdict {
    Pending(PendingOperation),
    Done,
    Expired,
}

/// The options the line has now.
pub(super) fn features(line: &AccountDetail) -> SimFeatures {
    SimFeatures {
        voice_mail: line.voicemail.unwrap_or(false),
        call_waiting: line.callwaiting.unwrap_or(false),
        international_roaming: line.worldwing.unwrap_or(false),
        network_type: line.network_type(),
    }
}

/// What became of one open request, given the line now (`now` in Unix seconds, `today` JST)
/// and the carrier's own pending entry.
pub(super) fn judge(
    req: &SimRequest,
    line: &AccountDetail,
    carrier: Option<&PendingOperation>,
    now: i64,
    today: NaiveDate,
) -> Verdict {
    let verdict = judge_effect(req, line, now, today);
    let unconfirmed = req.status == Status::Submitting && now - req.created_at > UNCONFIRMED_WINDOW;
    match &verdict {
        Verdict::Pending(op)
            if unconfirmed
                && !carrier
                    .is_some_and(|c| std::mem::discriminant(c) == std::mem::discriminant(op)) =>
        {
            Verdict::Expired
        }
        _ => verdict,
    }
}

fn judge_effect(req: &SimRequest, line: &AccountDetail, now: i64, today: NaiveDate) -> Verdict {
    let age = now - req.created_at;
    let dated = req
        .effective_on
        .as_deref()
        .and_then(parse_iso_date)
        .unwrap_or(today);
    let overdue = (today - dated).num_days() > DATED_GRACE_DAYS;
    let waiting = |window: i64, op: PendingOperation| {
        if age > window {
            Verdict::Expired
        } else {
            Verdict::Pending(op)
        }
    };
    match req.kind.as_str() {
        kind::CHANGE_PLAN => {
            let Ok(p) = serde_json::from_str::<PlanPayload>(&req.payload) else {
                return Verdict::Expired;
            };
            if line.plan_code == p.to {
                Verdict::Done
            } else if overdue {
                Verdict::Expired
            } else {
                Verdict::Pending(PendingOperation::PlanChange {
                    to: p.to,
                    effective_on: dated,
                })
            }
        }
        kind::CANCEL => {
            if line.status() == app::domain::SimStatus::Cancelled {
                Verdict::Done
            } else if overdue {
                Verdict::Expired
            } else {
                Verdict::Pending(PendingOperation::Cancellation { on: dated })
            }
        }
        kind::FEATURES => {
            let Ok(change) = serde_json::from_str::<FeatureChange>(&req.payload) else {
                return Verdict::Expired;
            };
            // Done only when the line reports every requested value (an unreadable flag is
            // not taken as "off").
            let shows =
                |want: Option<bool>, have: Option<bool>| want.is_none_or(|w| have == Some(w));
            if shows(change.voice_mail, line.voicemail)
                && shows(change.call_waiting, line.callwaiting)
                && shows(change.international_roaming, line.worldwing)
            {
                Verdict::Done
            } else {
                waiting(
                    VOICE_OPTIONS_WINDOW,
                    PendingOperation::Features {
                        change,
                        since: req.created_at,
                    },
                )
            }
        }
        kind::NETWORK_TYPE => {
            let Ok(p) = serde_json::from_str::<NetworkPayload>(&req.payload) else {
                return Verdict::Expired;
            };
            if line.network_type() == Some(p.to) {
                Verdict::Done
            } else {
                waiting(
                    NETWORK_WINDOW,
                    PendingOperation::NetworkType {
                        to: p.to,
                        since: req.created_at,
                    },
                )
            }
        }
        kind::REISSUE_ESIM => {
            let Ok(p) = serde_json::from_str::<ReissuePayload>(&req.payload) else {
                return Verdict::Expired;
            };
            if line.eid.as_deref() == Some(p.eid.as_str()) {
                Verdict::Done
            } else {
                waiting(
                    REISSUE_WINDOW,
                    PendingOperation::EsimReissue {
                        eid: p.eid,
                        since: req.created_at,
                    },
                )
            }
        }
        _ => Verdict::Expired,
    }
}

/// New status for a request the verdict closes.
pub(super) fn closing_status(v: &Verdict) -> Option<Status> {
    match v {
        Verdict::Pending(_) => None,
        Verdict::Done => Some(Status::Done),
        Verdict::Expired => Some(Status::Expired),
    }
}

/// The carrier's own pending entry as a page operation (field names assumed; see the wire
/// module docs). Unknown functions are ignored rather than guessed at.
pub(super) fn carrier_pending(line: &AccountDetail, now: i64) -> Option<PendingOperation> {
    let p = line.pending.as_ref()?;
    let date = p
        .date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok());
    let extra = |k: &str| crate::lenient::text(p.extra.get(k));
    match p.func.as_deref()? {
        // A change to the plan the line is on is a withdrawn change: nothing is pending.
        "changePlan" => Some(PendingOperation::PlanChange {
            to: extra("planCode").filter(|to| *to != line.plan_code)?,
            effective_on: date?,
        }),
        "cancel" | "cnclAcnt" | "releasePlan" => Some(PendingOperation::Cancellation { on: date? }),
        "contractLine" => Some(PendingOperation::NetworkType {
            to: extra("contractLine")?.parse().ok()?,
            since: now,
        }),
        _ => None,
    }
}

/// Merges the portal's pending operations with the carrier's: one per kind, the portal's first.
pub(super) fn merge(
    mut ours: Vec<PendingOperation>,
    carrier: Option<PendingOperation>,
) -> Vec<PendingOperation> {
    if let Some(c) = carrier {
        let same_kind = ours
            .iter()
            .any(|o| std::mem::discriminant(o) == std::mem::discriminant(&c));
        if !same_kind {
            ours.push(c);
        }
    }
    ours
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn line(v: serde_json::Value) -> AccountDetail {
        AccountDetail::from_map(v.as_object().unwrap())
    }

    fn req(
        kind: &str,
        payload: serde_json::Value,
        effective_on: Option<&str>,
        created_at: i64,
    ) -> SimRequest {
        SimRequest {
            id: 1,
            kind: kind.into(),
            payload: payload.to_string(),
            status: Status::Accepted,
            effective_on: effective_on.map(str::to_string),
            created_at,
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn a_plan_change_is_pending_until_the_line_shows_it() {
        let r = req(
            kind::CHANGE_PLAN,
            json!({"to": "PASI_25G", "from": "PASI_50G"}),
            Some("2026-12-01"),
            0,
        );
        let before = line(json!({"planCode": "PASI_50G", "state": "active"}));
        assert_eq!(
            judge(&r, &before, None, 10, day(1)),
            Verdict::Pending(PendingOperation::PlanChange {
                to: "PASI_25G".into(),
                effective_on: day(1)
            })
        );
        let after = line(json!({"planCode": "PASI_25G", "state": "active"}));
        assert_eq!(judge(&r, &after, None, 10, day(1)), Verdict::Done);
        assert_eq!(judge(&r, &before, None, 10, day(3)), Verdict::Expired);
    }

    #[test]
    fn options_settle_when_every_requested_value_shows() {
        let r = req(
            kind::FEATURES,
            json!({"voiceMail": false, "callWaiting": true}),
            None,
            100,
        );
        let half = line(json!({"voicemail": "20", "callwaiting": "20"}));
        assert!(matches!(
            judge(&r, &half, None, 200, day(1)),
            Verdict::Pending(_)
        ));
        let done = line(json!({"voicemail": "20", "callwaiting": "10"}));
        assert_eq!(judge(&r, &done, None, 200, day(1)), Verdict::Done);
        let unreadable = line(json!({"voicemail": "??", "callwaiting": "10"}));
        assert!(matches!(
            judge(&r, &unreadable, None, 200, day(1)),
            Verdict::Pending(_)
        ));
        assert_eq!(
            judge(&r, &half, None, 100 + 25 * 3600, day(2)),
            Verdict::Expired
        );
    }

    #[test]
    fn network_and_reissue_and_cancel() {
        let r = req(kind::NETWORK_TYPE, json!({"to": "4G"}), None, 0);
        assert!(matches!(
            judge(&r, &line(json!({"contractLine": "5G"})), None, 60, day(1)),
            Verdict::Pending(_)
        ));
        assert_eq!(
            judge(&r, &line(json!({"contractLine": "4G"})), None, 60, day(1)),
            Verdict::Done
        );
        let r = req(
            kind::REISSUE_ESIM,
            json!({"eid": "89new", "oldEid": "89old"}),
            None,
            0,
        );
        assert!(matches!(
            judge(&r, &line(json!({"eid": "89old"})), None, 60, day(1)),
            Verdict::Pending(_)
        ));
        assert_eq!(
            judge(&r, &line(json!({"eid": "89new"})), None, 60, day(1)),
            Verdict::Done
        );
        let r = req(kind::CANCEL, json!({}), Some("2026-12-31"), 0);
        assert_eq!(
            judge(&r, &line(json!({"state": "active"})), None, 60, day(1)),
            Verdict::Pending(PendingOperation::Cancellation { on: day(31) })
        );
        assert_eq!(
            judge(&r, &line(json!({"state": "canceled"})), None, 60, day(31)),
            Verdict::Done
        );
    }

    #[test]
    fn carrier_pending_work_joins_the_portals() {
        let l = line(
            json!({"async": {"func": "changePlan", "date": "20261201", "planCode": "PASI_10G"}}),
        );
        let c = carrier_pending(&l, 0);
        assert_eq!(
            c,
            Some(PendingOperation::PlanChange {
                to: "PASI_10G".into(),
                effective_on: day(1)
            })
        );
        assert_eq!(merge(vec![], c.clone()).len(), 1);
        let ours = vec![PendingOperation::PlanChange {
            to: "PASI_25G".into(),
            effective_on: day(1),
        }];
        assert_eq!(merge(ours.clone(), c), ours);
        assert_eq!(
            carrier_pending(&line(json!({"async": {"func": "talkOption"}})), 0),
            None
        );
        assert_eq!(carrier_pending(&line(json!({"async": ""})), 0), None);
        // Scheduling the current plan (a withdrawal) leaves nothing pending.
        let withdrawn = line(json!({"planCode": "PASI_10G",
            "async": {"func": "changePlan", "date": "20261201", "planCode": "PASI_10G"}}));
        assert_eq!(carrier_pending(&withdrawn, 0), None);
    }

    #[test]
    fn an_unanswered_request_is_believed_for_a_while_only() {
        let mut r = req(kind::CANCEL, json!({}), Some("2026-12-31"), 0);
        r.status = Status::Submitting;
        let active = line(json!({"state": "active"}));
        assert!(matches!(
            judge(&r, &active, None, 60, day(1)),
            Verdict::Pending(_)
        ));
        assert_eq!(judge(&r, &active, None, 16 * 60, day(1)), Verdict::Expired);
        let carrier = PendingOperation::Cancellation { on: day(31) };
        assert!(matches!(
            judge(&r, &active, Some(&carrier), 16 * 60, day(1)),
            Verdict::Pending(_)
        ));
    }
}
