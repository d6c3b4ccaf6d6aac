//! Customers and their subscriptions (WHMCS services) as the portal shows them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A WHMCS service id. Parsing is the validation: path segments that are not a positive
/// integer never reach an upstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SubscriptionId(pub u64);

impl SubscriptionId {
    pub fn parse(s: &str) -> Option<Self> {
        match s.parse::<u64>() {
            Ok(n) if n > 0 => Some(SubscriptionId(n)),
            _ => None,
        }
    }
}

impl fmt::Display for SubscriptionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Billing status of a service in WHMCS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    Active,
    Pending,
    Suspended,
    Terminated,
    Cancelled,
    Other(String),
}

impl ServiceStatus {
    pub fn label(&self) -> String {
        match self {
            ServiceStatus::Active => crate::t!("domain-service-active"),
            ServiceStatus::Pending => crate::t!("domain-service-pending"),
            ServiceStatus::Suspended => crate::t!("domain-service-suspended"),
            ServiceStatus::Terminated => crate::t!("domain-service-terminated"),
            ServiceStatus::Cancelled => crate::t!("domain-service-cancelled"),
            ServiceStatus::Other(s) => s.clone(),
        }
    }

    /// CSS modifier for the status badge.
    pub fn tone(&self) -> &'static str {
        match self {
            ServiceStatus::Active => "ok",
            ServiceStatus::Pending => "info",
            ServiceStatus::Suspended => "warn",
            _ => "muted",
        }
    }
}

/// One row of the subscriptions list; `GET /api/subscriptions` returns a list of these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    pub id: SubscriptionId,
    pub product_name: String,
    pub status: ServiceStatus,
    /// The SIM's phone number, from the service's MSISDN custom field; `None` if unset.
    pub msisdn: Option<String>,
    pub next_due_date: Option<String>,
}

/// The demo accounts of the embedded default, shown on the login page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoLogins {
    pub emails: Vec<String>,
    pub password: String,
}

/// The logged-in customer, as `GET /api/me` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: i64,
    pub email: String,
    pub whmcs_client_id: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscription_ids_are_positive_integers() {
        assert_eq!(SubscriptionId::parse("2001"), Some(SubscriptionId(2001)));
        assert_eq!(SubscriptionId::parse("0"), None);
        assert_eq!(SubscriptionId::parse("-1"), None);
        assert_eq!(SubscriptionId::parse("12abc"), None);
    }
}

/// Writes a Japanese mobile number the way customers read it: "080-7705-2946".
/// Anything that is not an 11-digit domestic number is returned unchanged.
pub fn format_msisdn(msisdn: &str) -> String {
    let digits = msisdn.trim();
    if digits.len() == 11 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &digits[..3], &digits[3..7], &digits[7..])
    } else {
        digits.to_string()
    }
}

#[cfg(test)]
mod msisdn_tests {
    #[test]
    fn formats_domestic_mobile_numbers() {
        assert_eq!(super::format_msisdn("08077052946"), "080-7705-2946");
        assert_eq!(super::format_msisdn("447700900123"), "447700900123");
    }
}
