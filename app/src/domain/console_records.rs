//! The console's other records (seed 003 §4–5): customers, activation codes, tariff plans,
//! and bulk lifecycle changes on a filtered selection, with the checks on their input.

use super::console::SimRow;
use super::inventory::{LifecycleState, Operation};
use super::PortalError;
use crate::t;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: Option<String>,
    /// SIMs assigned to the customer (any status).
    pub sims: i64,
}

impl CustomerRow {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerPage {
    pub items: Vec<CustomerRow>,
    pub page: u32,
    pub has_next: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerDetail {
    pub customer: CustomerRow,
    pub created_at: i64,
    /// The customer's SIMs (at most 200, by ICCID).
    pub sims: Vec<SimRow>,
    /// Changes staff made to the customer's record, newest first (at most 50).
    pub changes: Vec<AuditEntry>,
}

/// The store's plans as staff curate them: featured now, and a page of search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Curation {
    pub featured: Vec<crate::domain::store::StorePlan>,
    pub results: crate::domain::store::PlanPage,
}

/// A customer's record as staff type it (create or edit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerInput {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// Digits only; `None` when left empty.
    pub phone: Option<String>,
}

impl CustomerInput {
    /// Checks the form's fields; each refusal names its field.
    pub fn parse(
        first_name: &str,
        last_name: &str,
        email: &str,
        phone: &str,
    ) -> Result<CustomerInput, PortalError> {
        let name = |field: &str, v: &str, refusal: fn() -> String| {
            let v = v.trim();
            if v.is_empty() || v.chars().count() > 80 || v.chars().any(char::is_control) {
                Err(PortalError::invalid(field, refusal()))
            } else {
                Ok(v.to_string())
            }
        };
        let first_name = name("firstName", first_name, || {
            t!("console-customer-first-name-invalid")
        })?;
        let last_name = name("lastName", last_name, || {
            t!("console-customer-last-name-invalid")
        })?;
        let email = super::console::parse_staff_email(email)
            .map_err(|_| PortalError::invalid("email", t!("console-customer-email-invalid")))?;
        let digits: String = phone
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '(' | ')'))
            .collect();
        let phone = if digits.is_empty() {
            None
        } else if (10..=11).contains(&digits.len())
            && digits.starts_with('0')
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            Some(digits)
        } else {
            return Err(PortalError::invalid(
                "phone",
                t!("console-customer-phone-invalid"),
            ));
        };
        Ok(CustomerInput {
            first_name,
            last_name,
            email,
            phone,
        })
    }
}

/// One change staff made to a record, with the values before and after (JSON objects of the
/// fields that changed; `None` for a record created or deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub at: i64,
    pub staff_email: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// An activation code's state (seed 003 §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CodeStatus {
    Unused,
    Used,
    Expired,
}

impl CodeStatus {
    pub const ALL: [CodeStatus; 3] = [CodeStatus::Unused, CodeStatus::Used, CodeStatus::Expired];

    pub fn as_str(self) -> &'static str {
        match self {
            CodeStatus::Unused => "UNUSED",
            CodeStatus::Used => "USED",
            CodeStatus::Expired => "EXPIRED",
        }
    }

    pub fn parse(s: &str) -> Option<CodeStatus> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
    }

    pub fn label(self) -> String {
        match self {
            CodeStatus::Unused => t!("console-code-unused"),
            CodeStatus::Used => t!("console-code-used"),
            CodeStatus::Expired => t!("console-code-expired"),
        }
    }

    /// Staff may mark an unused code used or expired; used and expired are final.
    pub fn may_become(self, to: CodeStatus) -> bool {
        self == CodeStatus::Unused && to != CodeStatus::Unused
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivationCode {
    pub id: i64,
    pub code: String,
    pub status: CodeStatus,
    pub expires_at: Option<i64>,
    pub used_at: Option<i64>,
    /// The SIM that used it: its id and ICCID.
    pub sim_id: Option<i64>,
    pub sim_iccid: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodePage {
    pub items: Vec<ActivationCode>,
    pub page: u32,
    pub has_next: bool,
}

/// The kind of a tariff plan (seed 003: `mobile`, `data-only`).
pub const TARIFF_KINDS: [&str; 2] = ["mobile", "data-only"];

/// A tariff kind in words for staff (in English the code itself); an unknown one as stored.
pub fn tariff_kind_label(kind: &str) -> String {
    match kind {
        "mobile" => t!("console-tariff-kind-mobile"),
        "data-only" => t!("console-tariff-kind-data-only"),
        other => other.to_string(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TariffPlan {
    pub id: i64,
    pub name: String,
    pub monthly_price_yen: i64,
    pub description: String,
    pub kind: String,
    /// SIMs on the plan that are not terminated.
    pub sims: i64,
}

/// A tariff plan as created or edited, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TariffInput {
    pub name: String,
    pub monthly_price_yen: i64,
    pub description: String,
    pub kind: String,
}

impl TariffInput {
    /// Checks the form's text fields; each refusal names its field.
    pub fn parse(
        name: &str,
        price: &str,
        description: &str,
        kind: &str,
    ) -> Result<TariffInput, PortalError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(PortalError::invalid(
                "name",
                t!("console-tariff-name-invalid"),
            ));
        }
        let price: i64 = price
            .trim()
            .trim_start_matches('¥')
            .replace(',', "")
            .parse()
            .map_err(|_| {
                PortalError::invalid("monthlyPriceYen", t!("console-tariff-price-invalid"))
            })?;
        if !(0..=1_000_000).contains(&price) {
            return Err(PortalError::invalid(
                "monthlyPriceYen",
                t!("console-tariff-price-range"),
            ));
        }
        let description = description.trim();
        if description.chars().count() > 1_000 {
            return Err(PortalError::invalid(
                "description",
                t!("console-tariff-description-too-long"),
            ));
        }
        let kind = kind.trim();
        if !TARIFF_KINDS.contains(&kind) {
            return Err(PortalError::invalid(
                "kind",
                t!("console-tariff-kind-invalid"),
            ));
        }
        Ok(TariffInput {
            name: name.to_string(),
            monthly_price_yen: price,
            description: description.to_string(),
            kind: kind.to_string(),
        })
    }
}

/// The most SIMs one bulk change may touch: narrow the filter for more.
pub const MAX_BULK: usize = 1_000;

/// One SIM of a bulk change's preview: what would happen to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkItem {
    pub id: i64,
    pub iccid: String,
    pub version: i64,
    pub from: LifecycleState,
    /// The new state, or `None` when the state machine refuses.
    pub to: Option<LifecycleState>,
    pub refusal: Option<String>,
}

/// The dry run of a bulk change: nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkPreview {
    pub op: Operation,
    pub items: Vec<BulkItem>,
    pub changes: u64,
    pub refused: u64,
    /// More SIMs match than one bulk change may touch ([`MAX_BULK`]).
    pub truncated: bool,
}

/// A SIM picked in a preview, with the version it had then: it changes only if nobody
/// changed it since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picked {
    pub id: i64,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkFailure {
    pub id: i64,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkResult {
    pub changed: u64,
    /// Refused by the state machine, or changed by someone else since the preview.
    pub failed: Vec<BulkFailure>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unused_codes_change_and_only_to_used_or_expired() {
        for from in CodeStatus::ALL {
            for to in CodeStatus::ALL {
                assert_eq!(
                    from.may_become(to),
                    from == CodeStatus::Unused && to != CodeStatus::Unused,
                    "{from:?} → {to:?}"
                );
            }
        }
    }

    #[test]
    fn customer_input_is_checked_field_by_field() {
        let ok = CustomerInput::parse(" Aiko ", "Sato", "Aiko.Sato@Example.com", "090-1234-5678")
            .unwrap();
        assert_eq!(ok.first_name, "Aiko");
        assert_eq!(ok.email, "aiko.sato@example.com");
        assert_eq!(ok.phone.as_deref(), Some("09012345678"));
        assert_eq!(
            CustomerInput::parse("A", "B", "a@b.jp", " ").unwrap().phone,
            None
        );
        for (args, field) in [
            (("", "Sato", "a@b.jp", ""), "firstName"),
            (("Aiko", &"x".repeat(81)[..], "a@b.jp", ""), "lastName"),
            (("Aiko", "Sato", "not-an-email", ""), "email"),
            (("Aiko", "Sato", "a@b.jp", "12345"), "phone"),
            (("Aiko", "Sato", "a@b.jp", "190-1234-5678"), "phone"),
        ] {
            match CustomerInput::parse(args.0, args.1, args.2, args.3) {
                Err(PortalError::Invalid { field: f, .. }) => assert_eq!(f, field, "{args:?}"),
                other => panic!("{args:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn tariff_input_is_checked_field_by_field() {
        let ok = TariffInput::parse(" Data 5GB ", "¥1,480", "5 GB", "data-only").unwrap();
        assert_eq!((ok.name.as_str(), ok.monthly_price_yen), ("Data 5GB", 1480));
        for (args, field) in [
            (("", "1", "", "mobile"), "name"),
            (("A", "one", "", "mobile"), "monthlyPriceYen"),
            (("A", "-5", "", "mobile"), "monthlyPriceYen"),
            (("A", "5", "", "satellite"), "kind"),
        ] {
            let e = TariffInput::parse(args.0, args.1, args.2, args.3).unwrap_err();
            assert_eq!(e.field(), Some(field));
        }
    }
}
