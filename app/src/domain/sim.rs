//! The SIM as the page shows it: the details card's view model and its status/type vocabulary.

use super::plan::PlanCode;
use super::quota::format_quota_mb;
use super::subscription::{ServiceStatus, SubscriptionId};
use serde::{Deserialize, Serialize};

/// The line's state at the carrier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SimStatus {
    Active,
    Suspended,
    Cancelled,
    /// Being set up (new line or reissue in progress).
    Pending,
    /// A state this portal does not know; shown verbatim.
    Other(String),
}

impl SimStatus {
    pub fn label(&self) -> String {
        match self {
            SimStatus::Active => crate::t!("domain-sim-active"),
            SimStatus::Suspended => crate::t!("domain-sim-suspended"),
            SimStatus::Cancelled => crate::t!("domain-sim-cancelled"),
            SimStatus::Pending => crate::t!("domain-sim-pending"),
            SimStatus::Other(s) => s.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SimType {
    Physical,
    Esim,
}

impl SimType {
    pub fn label(self) -> String {
        match self {
            SimType::Physical => crate::t!("domain-sim-physical"),
            SimType::Esim => crate::t!("domain-sim-esim"),
        }
    }
}

/// Everything the details card shows, aggregated from WHMCS (product, billing status) and
/// Freebit (line data). Serialised with seed 000's names as `details` of
/// `GET /api/subscriptions/{id}/sim/details`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimDetails {
    pub subscription_id: SubscriptionId,
    pub iccid: String,
    pub msisdn: String,
    /// The carrier's plan code, verbatim (it may be one this portal does not sell).
    pub plan_code: String,
    pub plan_name: String,
    pub status: SimStatus,
    pub service_status: ServiceStatus,
    pub sim_type: SimType,
    /// Only eSIMs have one.
    pub eid: Option<String>,
    /// The radio access the line is contracted for, when the carrier says.
    pub network_type: Option<super::features::NetworkType>,
    pub product_name: String,
    /// `None` when the carrier did not report it (the card says so rather than show 0).
    pub remaining_quota_mb: Option<u64>,
    /// The plan's monthly allowance, when the plan is one of ours.
    pub plan_quota_mb: Option<u64>,
}

impl SimDetails {
    /// Plan name for a carrier plan code; unknown codes stay visible rather than vanish.
    pub fn plan_name_for(code: &str) -> String {
        code.parse::<PlanCode>()
            .map(|p| p.display_name().to_string())
            .unwrap_or_else(|_| crate::t!("domain-plan-other", code = code.to_string()))
    }

    pub fn remaining_quota_label(&self) -> String {
        self.remaining_quota_mb
            .map_or_else(|| crate::t!("domain-unknown"), format_quota_mb)
    }

    /// The plan, when it is one this portal sells.
    pub fn plan(&self) -> Option<PlanCode> {
        self.plan_code.parse().ok()
    }

    /// The last four digits of the number: what the cancel modal asks the customer to type.
    pub fn msisdn_last4(&self) -> String {
        let digits: Vec<char> = self.msisdn.chars().filter(char::is_ascii_digit).collect();
        digits[digits.len().saturating_sub(4)..].iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_plan_codes_stay_visible() {
        assert_eq!(SimDetails::plan_name_for("PASI_10G"), "SIM Data-only 10GB");
        assert_eq!(SimDetails::plan_name_for("PNEW_1G"), "Other plan (PNEW_1G)");
    }
}
