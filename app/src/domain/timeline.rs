//! The customer timeline: this SIM's portal actions, newest first.

use serde::{Deserialize, Serialize};

/// How an action ended, as far as the portal knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The carrier accepted it and will carry it out (or already has).
    Accepted,
    /// Rejected or failed; nothing changed.
    Failed,
    /// Sent, but the carrier's answer never arrived; the page checks the line for the result.
    Unconfirmed,
}

impl Outcome {
    pub fn label(self) -> String {
        match self {
            Outcome::Accepted => crate::t!("domain-outcome-accepted"),
            Outcome::Failed => crate::t!("domain-outcome-failed"),
            Outcome::Unconfirmed => crate::t!("domain-outcome-unconfirmed"),
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "failed" => Outcome::Failed,
            "unconfirmed" => Outcome::Unconfirmed,
            _ => Outcome::Accepted,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Failed => "failed",
            Outcome::Unconfirmed => "unconfirmed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    /// Unix seconds.
    pub at: i64,
    /// "23 Nov 2026, 14:05" (JST).
    pub at_label: String,
    /// The same instant in RFC 3339.
    pub at_iso: String,
    /// Who did it: the customer's email.
    pub actor: String,
    /// "Plan change requested"
    pub action: String,
    /// "To SIM Data-only 25GB from 1 Dec 2026"
    pub detail: String,
    pub outcome: Outcome,
}
