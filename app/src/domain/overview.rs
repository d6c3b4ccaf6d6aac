//! The SIM page's state beyond the details card: the options, what the carrier is still
//! processing, and which actions are open — each closed one with the reason shown to the customer.

use super::dates::{date_label, first_of_next_month, month_ends};
use super::features::{FeatureChange, NetworkType, SimFeatures};
use super::plan::PlanCode;
use super::sim::{SimDetails, SimStatus, SimType};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A change the carrier accepted and is still carrying out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum PendingOperation {
    /// Applies on `effective_on` (the 1st of a month); may be withdrawn until then.
    #[serde(rename_all = "camelCase")]
    PlanChange { to: String, effective_on: NaiveDate },
    /// The line ends on `on`.
    Cancellation { on: NaiveDate },
    /// Voice mail / call waiting / roaming order, asynchronous at the carrier.
    #[serde(rename_all = "camelCase")]
    Features { change: FeatureChange, since: i64 },
    /// 4G/5G switch: up to ~30 minutes, the line takes no other change meanwhile.
    #[serde(rename_all = "camelCase")]
    NetworkType { to: NetworkType, since: i64 },
    /// The eSIM profile is being moved to a new device.
    #[serde(rename_all = "camelCase")]
    EsimReissue { eid: String, since: i64 },
}

impl PendingOperation {
    /// One line for the banner and the details card.
    pub fn describe(&self) -> String {
        match self {
            PendingOperation::PlanChange { to, effective_on } => crate::t!(
                "domain-pending-plan",
                plan = SimDetails::plan_name_for(to),
                date = date_label(*effective_on)
            ),
            PendingOperation::Cancellation { on } => {
                crate::t!("domain-pending-cancel", date = date_label(*on))
            }
            PendingOperation::Features { change, .. } => {
                crate::t!("domain-pending-features", change = change.describe())
            }
            PendingOperation::NetworkType { to, .. } => {
                crate::t!("domain-pending-network", network = to.to_string())
            }
            PendingOperation::EsimReissue { .. } => crate::t!("domain-pending-reissue"),
        }
    }
}

/// Whether an action can be taken now, and if not, why (shown beside the disabled control).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", content = "reason", rename_all = "camelCase")]
pub enum Availability {
    Enabled,
    Disabled(String),
}

impl Availability {
    pub fn is_enabled(&self) -> bool {
        matches!(self, Availability::Enabled)
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Availability::Enabled => None,
            Availability::Disabled(r) => Some(r),
        }
    }

    fn or(self, other: impl FnOnce() -> Availability) -> Availability {
        match self {
            Availability::Enabled => other(),
            disabled => disabled,
        }
    }
}

fn disabled(reason: impl Into<String>) -> Availability {
    Availability::Disabled(reason.into())
}

fn when(cond: bool, reason: impl FnOnce() -> String) -> Availability {
    if cond {
        Availability::Disabled(reason())
    } else {
        Availability::Enabled
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimActions {
    pub top_up: Availability,
    pub change_plan: Availability,
    pub cancel: Availability,
    pub reissue_esim: Availability,
    /// Voice mail, call waiting and roaming.
    pub voice_options: Availability,
    pub network_type: Availability,
}

/// The one rule for what a customer may do with a SIM in its current state.
pub fn available_actions(details: &SimDetails, pending: &[PendingOperation]) -> SimActions {
    let line_wide = match &details.status {
        SimStatus::Cancelled => disabled(crate::t!("domain-why-cancelled")),
        SimStatus::Pending => disabled(crate::t!("domain-why-setting-up")),
        SimStatus::Other(_) => disabled(crate::t!("domain-why-other-state")),
        SimStatus::Active | SimStatus::Suspended => Availability::Enabled,
    };
    let switching = pending.iter().find_map(|p| match p {
        PendingOperation::NetworkType { to, .. } => Some(*to),
        _ => None,
    });
    let locked = || {
        when(switching.is_some(), || {
            crate::t!(
                "domain-why-switching",
                network = switching.map(NetworkType::code).unwrap_or_default()
            )
        })
    };
    let cancel_on = pending.iter().find_map(|p| match p {
        PendingOperation::Cancellation { on } => Some(*on),
        _ => None,
    });
    let plan_scheduled = pending.iter().find_map(|p| match p {
        PendingOperation::PlanChange { to, effective_on } => Some(crate::t!(
            "domain-why-plan-scheduled",
            plan = SimDetails::plan_name_for(to),
            date = date_label(*effective_on)
        )),
        _ => None,
    });
    let suspended = || {
        when(details.status == SimStatus::Suspended, || {
            crate::t!("domain-why-suspended")
        })
    };
    let cancelling = |what: &str| {
        let what = what.to_string();
        when(cancel_on.is_some(), move || {
            crate::t!(
                "domain-why-cancelling",
                what = what.clone(),
                date = cancel_on.map(date_label).unwrap_or_default()
            )
        })
    };

    SimActions {
        top_up: line_wide.clone().or(suspended).or(locked),
        change_plan: line_wide
            .clone()
            .or(suspended)
            .or(locked)
            .or(|| cancelling(&crate::t!("domain-action-plan-change")))
            .or(|| {
                when(details.plan().is_none(), || {
                    crate::t!("domain-why-plan-not-online")
                })
            })
            .or(|| plan_scheduled.map_or(Availability::Enabled, Availability::Disabled)),
        cancel: line_wide.clone().or(locked).or(|| {
            when(cancel_on.is_some(), || {
                crate::t!(
                    "domain-why-cancel-scheduled",
                    date = cancel_on.map(date_label).unwrap_or_default()
                )
            })
        }),
        reissue_esim: line_wide
            .clone()
            .or(|| {
                when(details.sim_type == SimType::Physical, || {
                    crate::t!("domain-why-physical")
                })
            })
            .or(suspended)
            .or(locked)
            .or(|| {
                when(
                    pending
                        .iter()
                        .any(|p| matches!(p, PendingOperation::EsimReissue { .. })),
                    || crate::t!("domain-why-reissuing"),
                )
            }),
        voice_options: line_wide.clone().or(suspended).or(locked).or(|| {
            when(
                pending
                    .iter()
                    .any(|p| matches!(p, PendingOperation::Features { .. })),
                || crate::t!("domain-why-options-applying"),
            )
        }),
        network_type: line_wide.or(suspended).or(locked).or(|| {
            when(details.network_type.is_none(), || {
                crate::t!("domain-why-no-network-type")
            })
        }),
    }
}

/// Everything the SIM page shows except usage and the timeline, from one server call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimOverview {
    pub details: SimDetails,
    pub features: SimFeatures,
    pub pending: Vec<PendingOperation>,
    pub actions: SimActions,
    /// Today in Japan, by the server's clock.
    pub today: NaiveDate,
}

impl SimOverview {
    pub fn new(
        details: SimDetails,
        features: SimFeatures,
        pending: Vec<PendingOperation>,
        today: NaiveDate,
    ) -> Self {
        let actions = available_actions(&details, &pending);
        SimOverview {
            details,
            features,
            pending,
            actions,
            today,
        }
    }

    /// The plans the change-plan modal offers: every plan but the current one.
    pub fn plan_choices(&self) -> Vec<PlanCode> {
        match self.details.plan() {
            Some(p) => p.other_plans(),
            None => PlanCode::ALL.to_vec(),
        }
    }

    /// A plan change asked for today takes effect on this date.
    pub fn plan_change_effective_on(&self) -> NaiveDate {
        first_of_next_month(self.today)
    }

    /// Dates a cancellation may be scheduled for (this month's end first, the default).
    pub fn cancel_dates(&self) -> Vec<NaiveDate> {
        month_ends(self.today, 3)
    }

    pub fn pending_features(&self) -> Option<FeatureChange> {
        self.pending.iter().find_map(|p| match p {
            PendingOperation::Features { change, .. } => Some(*change),
            _ => None,
        })
    }

    pub fn pending_network(&self) -> Option<NetworkType> {
        self.pending.iter().find_map(|p| match p {
            PendingOperation::NetworkType { to, .. } => Some(*to),
            _ => None,
        })
    }
}

/// What a write returns: the sentence the page shows as its success message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionReceipt {
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ServiceStatus, SubscriptionId};

    fn details(status: SimStatus, sim_type: SimType) -> SimDetails {
        SimDetails {
            subscription_id: SubscriptionId(1),
            iccid: "8981".into(),
            msisdn: "08077052946".into(),
            plan_code: "PASI_50G".into(),
            plan_name: "SIM Data-only 50GB".into(),
            status,
            service_status: ServiceStatus::Active,
            sim_type,
            eid: None,
            network_type: Some(NetworkType::G5),
            product_name: "x".into(),
            remaining_quota_mb: Some(1),
            plan_quota_mb: Some(51200),
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn an_active_esim_can_do_everything() {
        let a = available_actions(&details(SimStatus::Active, SimType::Esim), &[]);
        assert!(a.top_up.is_enabled());
        assert!(a.change_plan.is_enabled() && a.cancel.is_enabled());
        assert!(a.reissue_esim.is_enabled() && a.voice_options.is_enabled());
        assert!(a.network_type.is_enabled());
    }

    #[test]
    fn a_cancelled_sim_is_view_only() {
        let a = available_actions(&details(SimStatus::Cancelled, SimType::Esim), &[]);
        for av in [
            &a.top_up,
            &a.change_plan,
            &a.cancel,
            &a.reissue_esim,
            &a.voice_options,
            &a.network_type,
        ] {
            assert!(av.reason().unwrap().contains("cancelled"), "{av:?}");
        }
    }

    #[test]
    fn a_physical_sim_cannot_be_reissued() {
        let a = available_actions(&details(SimStatus::Active, SimType::Physical), &[]);
        assert!(a.reissue_esim.reason().unwrap().contains("Only eSIMs"));
        assert!(a.change_plan.is_enabled());
    }

    #[test]
    fn a_network_switch_locks_every_change() {
        let p = [PendingOperation::NetworkType {
            to: NetworkType::G4,
            since: 0,
        }];
        let a = available_actions(&details(SimStatus::Active, SimType::Esim), &p);
        for av in [&a.change_plan, &a.cancel, &a.reissue_esim, &a.voice_options] {
            assert!(av.reason().unwrap().contains("switching to 4G"), "{av:?}");
        }
    }

    #[test]
    fn pending_changes_block_their_own_kind() {
        let p = [
            PendingOperation::PlanChange {
                to: "PASI_25G".into(),
                effective_on: day(30),
            },
            PendingOperation::Cancellation { on: day(30) },
        ];
        let a = available_actions(&details(SimStatus::Active, SimType::Esim), &p);
        assert!(a.cancel.reason().unwrap().contains("already scheduled"));
        assert!(a.change_plan.reason().unwrap().contains("being cancelled"));
        assert!(a.voice_options.is_enabled());
    }

    #[test]
    fn a_suspended_line_may_only_be_cancelled() {
        let a = available_actions(&details(SimStatus::Suspended, SimType::Esim), &[]);
        assert!(a.cancel.is_enabled());
        assert!(a.change_plan.reason().unwrap().contains("suspended"));
        assert!(a.reissue_esim.reason().unwrap().contains("suspended"));
    }

    #[test]
    fn plan_choices_and_dates() {
        let o = SimOverview::new(
            details(SimStatus::Active, SimType::Esim),
            SimFeatures {
                voice_mail: false,
                call_waiting: false,
                international_roaming: false,
                network_type: Some(NetworkType::G5),
            },
            vec![],
            day(23),
        );
        assert_eq!(
            o.plan_choices(),
            vec![PlanCode::Pasi5G, PlanCode::Pasi10G, PlanCode::Pasi25G]
        );
        assert_eq!(
            o.plan_change_effective_on(),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        assert_eq!(o.cancel_dates()[0], day(30));
    }

    #[test]
    fn pending_operations_serialise_with_a_kind() {
        let p = PendingOperation::PlanChange {
            to: "PASI_25G".into(),
            effective_on: day(30),
        };
        let v = serde_json::to_value(&p).unwrap();
        assert_eq!(v["kind"], "planChange");
        assert_eq!(v["effectiveOn"], "2026-11-30");
        assert_eq!(
            p.describe(),
            "Plan change to SIM Data-only 25GB on 30 Nov 2026."
        );
    }
}
