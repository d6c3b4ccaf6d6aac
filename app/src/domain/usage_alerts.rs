//! Usage alerts (issue 15): thresholds a customer sets per SIM ("80 % used", "1 GB left") and
//! which of them are due — each at most once per billing cycle (the carrier's quota resets on
//! the 1st, JST). Pure rules; the job that reads usage and sends the emails applies them.

use super::quota::format_quota_mb;
use super::PortalError;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// At most this many thresholds per SIM.
pub const MAX_PER_SIM: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum Threshold {
    /// This share of the month's data used (1–99 %).
    PercentUsed(u8),
    /// This much data or less left (MB; 10 MB to 100,000 MB; shown as GB at 1024 MB).
    RemainingMb(u64),
}

impl Threshold {
    /// The form's kind (`percentUsed` / `remainingMb`) and value, each refusal naming its field.
    pub fn parse(kind: &str, value: &str) -> Result<Self, PortalError> {
        let v = value.trim().trim_end_matches('%').trim();
        match kind.trim() {
            "percentUsed" => match v.parse::<u8>() {
                Ok(p) if (1..=99).contains(&p) => Ok(Threshold::PercentUsed(p)),
                _ => Err(PortalError::invalid(
                    "value",
                    crate::t!("domain-alert-percent-range"),
                )),
            },
            "remainingMb" => match v.parse::<u64>() {
                Ok(mb) if (10..=100_000).contains(&mb) => Ok(Threshold::RemainingMb(mb)),
                _ => Err(PortalError::invalid(
                    "value",
                    crate::t!("domain-alert-left-range"),
                )),
            },
            _ => Err(PortalError::invalid("kind", crate::t!("domain-alert-kind"))),
        }
    }

    /// The stored form: (`kind`, `value`), the names the form uses.
    pub fn to_row(self) -> (&'static str, i64) {
        match self {
            Threshold::PercentUsed(p) => ("percentUsed", i64::from(p)),
            Threshold::RemainingMb(mb) => ("remainingMb", i64::try_from(mb).unwrap_or(i64::MAX)),
        }
    }

    /// Back from the stored form; `None` for a row no rule accepts.
    pub fn from_row(kind: &str, value: i64) -> Option<Self> {
        Threshold::parse(kind, &value.to_string()).ok()
    }

    /// "80 % used", "1.0 GB left".
    pub fn label(self) -> String {
        match self {
            Threshold::PercentUsed(p) => {
                crate::t!("domain-alert-percent", percent = crate::i18n::num(p))
            }
            Threshold::RemainingMb(mb) => {
                crate::t!("domain-alert-left", amount = format_quota_mb(mb))
            }
        }
    }

    /// The email's and the timeline's sentence once reached.
    pub fn reached_message(self, used_mb: u64, remaining_mb: u64) -> String {
        let total = used_mb.saturating_add(remaining_mb);
        match self {
            Threshold::PercentUsed(p) => crate::t!(
                "domain-alert-percent-reached",
                percent = crate::i18n::num(p),
                used = format_quota_mb(used_mb),
                total = format_quota_mb(total)
            ),
            Threshold::RemainingMb(mb) => crate::t!(
                "domain-alert-left-reached",
                left = format_quota_mb(remaining_mb),
                amount = format_quota_mb(mb)
            ),
        }
    }

    /// Whether the month's figures have reached it.
    pub fn reached(self, used_mb: u64, remaining_mb: u64) -> bool {
        match self {
            Threshold::PercentUsed(p) => {
                let total = used_mb.saturating_add(remaining_mb);
                total > 0 && used_mb.saturating_mul(100) >= u64::from(p).saturating_mul(total)
            }
            Threshold::RemainingMb(mb) => remaining_mb <= mb,
        }
    }

    /// Checks a new threshold against the SIM's others (no duplicates, at most five).
    pub fn check_new(self, existing: &[Threshold]) -> Result<(), PortalError> {
        if existing.contains(&self) {
            return Err(PortalError::invalid(
                "value",
                crate::t!("domain-alert-duplicate"),
            ));
        }
        if existing.len() >= MAX_PER_SIM {
            return Err(PortalError::invalid(
                "value",
                crate::t!(
                    "domain-alert-max",
                    max = crate::i18n::num(MAX_PER_SIM as f64)
                ),
            ));
        }
        Ok(())
    }
}

/// One alert as the SIM page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageAlert {
    /// The row id, as text (JSON clients keep it exact).
    pub id: String,
    pub threshold: Threshold,
    pub label: String,
    /// When it was last sent in this billing cycle ("1 Dec 2026, 10:04"), if it was.
    pub sent_this_cycle: Option<String>,
}

/// The thresholds of one SIM and whether more can be added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageAlerts {
    pub alerts: Vec<UsageAlert>,
    pub can_add: bool,
}

/// The billing cycle a JST day belongs to: the calendar month (`2026-12`).
pub fn cycle_of(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

/// The thresholds due now: reached by this month's figures and not yet sent in this cycle.
/// `sent` holds (threshold, cycle) pairs already emailed.
pub fn due(
    thresholds: &[Threshold],
    used_mb: u64,
    remaining_mb: u64,
    today: NaiveDate,
    sent: &[(Threshold, String)],
) -> Vec<Threshold> {
    let cycle = cycle_of(today);
    thresholds
        .iter()
        .copied()
        .filter(|t| t.reached(used_mb, remaining_mb))
        .filter(|t| !sent.iter().any(|(s, c)| s == t && *c == cycle))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn thresholds_are_checked_field_by_field() {
        assert_eq!(
            Threshold::parse("percentUsed", "80 %").ok(),
            Some(Threshold::PercentUsed(80))
        );
        assert_eq!(
            Threshold::parse("remainingMb", "1000").ok(),
            Some(Threshold::RemainingMb(1000))
        );
        for (kind, value, field) in [
            ("percentUsed", "0", "value"),
            ("percentUsed", "100", "value"),
            ("percentUsed", "eighty", "value"),
            ("remainingMb", "5", "value"),
            ("remainingMb", "100001", "value"),
            ("gigabytes", "1", "kind"),
        ] {
            match Threshold::parse(kind, value) {
                Err(PortalError::Invalid { field: f, .. }) => {
                    assert_eq!(f, field, "{kind} {value}")
                }
                other => panic!("{kind} {value}: {other:?}"),
            }
        }
        let five: Vec<Threshold> = (1..=5).map(|p| Threshold::PercentUsed(p * 10)).collect();
        assert!(Threshold::PercentUsed(90).check_new(&five).is_err());
        assert!(
            Threshold::PercentUsed(10).check_new(&five[..2]).is_err(),
            "duplicate"
        );
        assert!(Threshold::RemainingMb(500).check_new(&five[..2]).is_ok());
    }

    #[test]
    fn reached_at_the_edge_and_not_before() {
        let p80 = Threshold::PercentUsed(80);
        assert!(!p80.reached(7_999, 2_001));
        assert!(p80.reached(8_000, 2_000));
        assert!(!p80.reached(0, 0), "no quota known: nothing reached");
        let left = Threshold::RemainingMb(1_000);
        assert!(!left.reached(0, 1_001));
        assert!(left.reached(0, 1_000));
    }

    #[test]
    fn once_per_threshold_per_billing_cycle() {
        let t = [Threshold::PercentUsed(80), Threshold::RemainingMb(1_000)];
        // 85 % used, 1.5 GB left on 30 November: only the share is reached.
        let nov = day("2026-11-30");
        assert_eq!(
            due(&t, 8_500, 1_500, nov, &[]),
            vec![Threshold::PercentUsed(80)]
        );
        let sent = vec![(Threshold::PercentUsed(80), cycle_of(nov))];
        assert!(
            due(&t, 8_900, 1_100, nov, &sent).is_empty(),
            "sent this cycle"
        );
        // 1 December (JST): a new cycle, the same threshold may fire again.
        let dec = day("2026-12-01");
        assert_eq!(cycle_of(dec), "2026-12");
        assert_eq!(due(&t, 8_500, 900, dec, &sent), t.to_vec());
    }
}
