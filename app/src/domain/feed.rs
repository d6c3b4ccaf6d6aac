//! The personal usage feed (issue 15): read-only access tokens a customer creates for home
//! automation and the like, and the JSON `GET /api/feed/usage` answers with.

use super::PortalError;
use serde::{Deserialize, Serialize};

/// Every feed token starts with this, so a token pasted in the wrong place is recognisable
/// (and secret scanners can find leaked ones).
pub const TOKEN_PREFIX: &str = "snxfeed_";
/// Live tokens per customer.
pub const MAX_TOKENS: usize = 5;

/// A token as the account page lists it (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeedToken {
    pub id: String,
    pub label: String,
    pub created_label: String,
    /// "Never" until first used.
    pub last_used_label: String,
}

/// A token just created: `token` is shown this once and stored only as a hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewFeedToken {
    pub token: String,
    pub info: FeedToken,
}

/// The name a customer gives a token ("Home Assistant"): 1–40 printable characters.
pub fn parse_label(label: &str) -> Result<String, PortalError> {
    let label = label.trim();
    if label.is_empty() {
        return Err(PortalError::invalid(
            "label",
            crate::t!("domain-feed-label-missing"),
        ));
    }
    if label.chars().count() > 40 || label.chars().any(char::is_control) {
        return Err(PortalError::invalid(
            "label",
            crate::t!("domain-feed-label-long"),
        ));
    }
    Ok(label.to_string())
}

/// One SIM in the feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeedSim {
    pub subscription_id: u64,
    pub msisdn: Option<String>,
    pub product_name: String,
    /// The carrier's figures, or why they are missing (`error`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<super::UsageReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<FeedError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedError {
    pub code: String,
    pub message: String,
}

/// `GET /api/feed/usage`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageFeed {
    /// RFC 3339, JST.
    pub generated_at: String,
    pub sims: Vec<FeedSim>,
}

/// The usage history as CSV, oldest day first, today (so far) last and marked partial.
pub fn usage_csv(report: &super::UsageReport) -> String {
    let mut out = String::from("date,usage_mb,complete\n");
    for d in report.usage_history.iter().rev() {
        out.push_str(&format!("{},{:.2},true\n", d.date, d.usage_mb));
    }
    out.push_str(&format!(
        "{},{:.2},false\n",
        report.today, report.today_usage_mb
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{SubscriptionId, UsageReport};

    #[test]
    fn labels_are_checked() {
        assert_eq!(
            parse_label("  Home Assistant ").ok().as_deref(),
            Some("Home Assistant")
        );
        assert!(parse_label("   ").is_err());
        assert!(parse_label(&"x".repeat(41)).is_err());
        assert!(parse_label("a\nb").is_err());
    }

    #[test]
    fn csv_is_oldest_first_with_today_partial() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let r = UsageReport::build(
            SubscriptionId(7),
            None,
            Some(1000),
            12.5,
            &[100.0, 200.126],
            false,
            true,
            0,
            String::new(),
            today,
        );
        assert_eq!(
            usage_csv(&r),
            "date,usage_mb,complete\n2026-11-29,200.13,true\n2026-11-30,100.00,true\n2026-12-01,12.50,false\n"
        );
    }
}
