//! The four data plans this portal sells and their Freebit plan codes (seed 000).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlanCode {
    #[serde(rename = "PASI_5G")]
    Pasi5G,
    #[serde(rename = "PASI_10G")]
    Pasi10G,
    #[serde(rename = "PASI_25G")]
    Pasi25G,
    #[serde(rename = "PASI_50G")]
    Pasi50G,
}

impl PlanCode {
    pub const ALL: [PlanCode; 4] = [
        PlanCode::Pasi5G,
        PlanCode::Pasi10G,
        PlanCode::Pasi25G,
        PlanCode::Pasi50G,
    ];

    /// The code Freebit knows the plan by.
    pub fn code(self) -> &'static str {
        match self {
            PlanCode::Pasi5G => "PASI_5G",
            PlanCode::Pasi10G => "PASI_10G",
            PlanCode::Pasi25G => "PASI_25G",
            PlanCode::Pasi50G => "PASI_50G",
        }
    }

    /// The name customers know the plan by.
    pub fn display_name(self) -> &'static str {
        match self {
            PlanCode::Pasi5G => "SIM Data-only 5GB",
            PlanCode::Pasi10G => "SIM Data-only 10GB",
            PlanCode::Pasi25G => "SIM Data-only 25GB",
            PlanCode::Pasi50G => "SIM Data-only 50GB",
        }
    }

    /// Monthly high-speed allowance in MB (1 GB = 1024 MB, as the carrier counts).
    pub fn monthly_quota_mb(self) -> u64 {
        match self {
            PlanCode::Pasi5G => 5 * 1024,
            PlanCode::Pasi10G => 10 * 1024,
            PlanCode::Pasi25G => 25 * 1024,
            PlanCode::Pasi50G => 50 * 1024,
        }
    }

    /// Parses a plan the customer chose; the error names the `newPlanCode` field.
    pub fn parse_input(s: &str) -> Result<Self, super::PortalError> {
        s.parse().map_err(|_| {
            super::PortalError::invalid(
                "newPlanCode",
                "Choose one of the plans: PASI_5G, PASI_10G, PASI_25G or PASI_50G.",
            )
        })
    }

    /// The plans a customer on `self` may change to: every plan but the current one.
    pub fn other_plans(self) -> Vec<PlanCode> {
        PlanCode::ALL.into_iter().filter(|p| *p != self).collect()
    }
}

impl fmt::Display for PlanCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown plan code {0:?}")]
pub struct UnknownPlan(pub String);

impl FromStr for PlanCode {
    type Err = UnknownPlan;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PlanCode::ALL
            .into_iter()
            .find(|p| p.code() == s.trim())
            .ok_or_else(|| UnknownPlan(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for p in PlanCode::ALL {
            assert_eq!(p.code().parse::<PlanCode>().unwrap(), p);
        }
        assert!("PASI_100G".parse::<PlanCode>().is_err());
    }

    #[test]
    fn other_plans_exclude_the_current_one() {
        assert_eq!(
            PlanCode::Pasi50G.other_plans(),
            vec![PlanCode::Pasi5G, PlanCode::Pasi10G, PlanCode::Pasi25G]
        );
        assert!(PlanCode::Pasi10G.other_plans().contains(&PlanCode::Pasi50G));
    }

    #[test]
    fn serde_uses_the_freebit_code() {
        assert_eq!(
            serde_json::to_string(&PlanCode::Pasi25G).unwrap(),
            r#""PASI_25G""#
        );
    }
}
