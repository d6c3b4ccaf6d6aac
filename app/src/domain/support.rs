//! Support cases as the customer sees them (Salesforce Cases of their account), and the rules
//! for opening one and commenting.

use super::PortalError;
use crate::t;
use serde::{Deserialize, Serialize};

/// What a customer can file a case about (Salesforce's `Type` picklist on the Case).
pub const CATEGORIES: [&str; 5] = [
    "SIM & network",
    "Billing",
    "Plan change",
    "Account",
    "Other",
];

/// A category in the customer's language (the value sent to Salesforce stays [`CATEGORIES`],
/// English); one that is not ours shows as it came.
pub fn category_label(category: &str) -> String {
    match category {
        "SIM & network" => t!("portal-support-category-sim"),
        "Billing" => t!("portal-support-category-billing"),
        "Plan change" => t!("portal-support-category-plan"),
        "Account" => t!("portal-support-category-account"),
        "Other" => t!("portal-support-category-other"),
        other => other.to_string(),
    }
}

/// A case status (Salesforce's `Status`) in the customer's language; one that is not a
/// standard one shows as it came.
pub fn status_label(status: &str) -> String {
    match status {
        "New" => t!("portal-support-status-new"),
        "Working" => t!("portal-support-status-working"),
        "Escalated" => t!("portal-support-status-escalated"),
        "Closed" => t!("portal-support-status-closed"),
        other => other.to_string(),
    }
}

/// Salesforce limits: Subject 255 characters, CaseComment body 4,000 bytes.
pub const MAX_SUBJECT_CHARS: usize = 255;
pub const MAX_DESCRIPTION_CHARS: usize = 10_000;
pub const MAX_COMMENT_BYTES: usize = 4_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseSummary {
    /// The Salesforce id (the address of the case page).
    pub id: String,
    /// "00001026", what support staff call it.
    pub number: String,
    pub subject: String,
    pub category: String,
    /// "New", "Working", "Closed", …
    pub status: String,
    pub closed: bool,
    /// As Salesforce gives it (`2026-11-30T10:00:00.000+0000`); shown in JST.
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseComment {
    pub id: String,
    pub body: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseDetail {
    pub case: CaseSummary,
    pub description: String,
    pub comments: Vec<CaseComment>,
}

/// A new case (`POST /api/support/cases`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCase {
    pub subject: String,
    pub category: String,
    pub description: String,
}

fn one_line(s: &str) -> bool {
    !s.chars().any(char::is_control)
}

impl NewCase {
    /// Trimmed, or the field to fix.
    pub fn validated(&self) -> Result<NewCase, PortalError> {
        let subject = self.subject.trim();
        if subject.is_empty() || subject.chars().count() > MAX_SUBJECT_CHARS || !one_line(subject) {
            return Err(PortalError::invalid(
                "subject",
                t!(
                    "portal-support-subject-invalid",
                    max = MAX_SUBJECT_CHARS.to_string()
                ),
            ));
        }
        let category = CATEGORIES
            .iter()
            .find(|c| c.eq_ignore_ascii_case(self.category.trim()))
            .ok_or_else(|| {
                PortalError::invalid(
                    "category",
                    t!(
                        "portal-support-category-invalid",
                        list = CATEGORIES
                            .iter()
                            .map(|c| category_label(c))
                            .collect::<Vec<_>>()
                            .join(&t!("portal-list-separator"))
                    ),
                )
            })?;
        let description = self.description.trim();
        if description.is_empty() || description.chars().count() > MAX_DESCRIPTION_CHARS {
            return Err(PortalError::invalid(
                "description",
                t!(
                    "portal-support-description-invalid",
                    max = MAX_DESCRIPTION_CHARS.to_string()
                ),
            ));
        }
        Ok(NewCase {
            subject: subject.to_string(),
            category: (*category).to_string(),
            description: description.to_string(),
        })
    }
}

/// A comment's text, trimmed, or why not.
pub fn validated_comment(body: &str) -> Result<String, PortalError> {
    let b = body.trim();
    if b.is_empty() || b.len() > MAX_COMMENT_BYTES {
        return Err(PortalError::invalid(
            "body",
            t!("portal-support-comment-invalid"),
        ));
    }
    Ok(b.to_string())
}

/// Whether `id` can be a Salesforce Case id (15 or 18 alphanumerics starting `500`): anything
/// else is "not found" without asking Salesforce.
pub fn is_case_id(id: &str) -> bool {
    (id.len() == 15 || id.len() == 18)
        && id.starts_with("500")
        && id.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A Salesforce datetime (`2026-11-30T01:00:00.000+0000`) as the portal shows times (JST);
/// the text as it came when it cannot be read.
pub fn when_label(salesforce: &str) -> String {
    chrono::DateTime::parse_from_str(salesforce, "%Y-%m-%dT%H:%M:%S%.3f%z")
        .map(|t| super::dates::jst_datetime_label(t.timestamp()))
        .unwrap_or_else(|_| salesforce.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salesforce_times_show_in_jst() {
        assert_eq!(
            when_label("2026-11-30T01:00:00.000+0000"),
            "30 Nov 2026, 10:00"
        );
        assert_eq!(when_label("yesterday"), "yesterday");
    }

    #[test]
    fn new_cases_name_the_field_to_fix() {
        let good = NewCase {
            subject: " No data since this morning ".into(),
            category: "sim & network".into(),
            description: "My SIM shows no signal.".into(),
        };
        let v = good.validated().unwrap();
        assert_eq!(v.subject, "No data since this morning");
        assert_eq!(v.category, "SIM & network");
        for (bad, field) in [
            (
                NewCase {
                    subject: "".into(),
                    ..good.clone()
                },
                "subject",
            ),
            (
                NewCase {
                    subject: "a\nb".into(),
                    ..good.clone()
                },
                "subject",
            ),
            (
                NewCase {
                    subject: "x".repeat(256),
                    ..good.clone()
                },
                "subject",
            ),
            (
                NewCase {
                    category: "Refunds now".into(),
                    ..good.clone()
                },
                "category",
            ),
            (
                NewCase {
                    description: "  ".into(),
                    ..good.clone()
                },
                "description",
            ),
        ] {
            assert_eq!(bad.validated().unwrap_err().field(), Some(field));
        }
    }

    #[test]
    fn comments_are_bounded_in_bytes() {
        assert!(validated_comment(&"あ".repeat(1333)).is_ok());
        assert!(validated_comment(&"あ".repeat(1334)).is_err());
        assert!(validated_comment("  ").is_err());
    }

    #[test]
    fn case_ids_are_checked_before_asking() {
        assert!(is_case_id("500000000000001AAA"));
        assert!(!is_case_id("001000000000001AAA"));
        assert!(!is_case_id("500' OR Id != '"));
    }
}
