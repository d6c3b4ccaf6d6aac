//! One SIM card as its page shows it, its history and what an operation on it takes and gives.

use super::NamedRef;
use crate::domain::inventory::{CardType, LifecycleState, Operation};
use serde::{Deserialize, Serialize};

/// A SIM card as its page shows it (PIN and PUK masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimCard {
    pub id: i64,
    pub iccid: String,
    pub msisdn: Option<String>,
    pub status: LifecycleState,
    #[serde(rename = "type")]
    pub card_type: CardType,
    pub pin_masked: Option<String>,
    pub puk_masked: Option<String>,
    pub customer: Option<NamedRef>,
    pub tariff: Option<NamedRef>,
    pub activation_code: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Bumped by every change; an operation may send the version it saw.
    pub version: i64,
    /// What the state machine allows now (the page's buttons).
    pub allowed: Vec<Operation>,
}

/// One entry of a SIM's history: what changed, from what to what, by whom, from where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimEvent {
    pub id: i64,
    /// `IMPORTED`, `RESERVED`, `ACTIVATED`, `SUSPENDED`, `RESUMED`, `REPORTED_LOST`,
    /// `TERMINATED`, `SWAPPED`, `PIN_REVEALED`, …
    #[serde(rename = "type")]
    pub kind: String,
    pub old_status: Option<LifecycleState>,
    pub new_status: Option<LifecycleState>,
    pub note: Option<String>,
    /// The changed fields before and after, as JSON objects.
    pub before: Option<String>,
    pub after: Option<String>,
    /// The staff member's email, or `None` for the system.
    pub staff: Option<String>,
    /// `console`, `api`, `import` or `system`.
    pub source: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimWithEvents {
    pub sim: SimCard,
    pub events: Vec<SimEvent>,
}

/// What an operation needs besides the SIM (each operation reads the fields it uses).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OperationInput {
    /// Suspend, report lost, terminate: why (kept in the event).
    pub reason: Option<String>,
    /// Reserve (required), activate (when the SIM has no customer yet).
    pub customer_id: Option<i64>,
    /// Activate: an activation code to consume.
    pub activation_code: Option<String>,
    /// Activate: the tariff plan (if the SIM has none yet).
    pub tariff_id: Option<i64>,
    /// Swap: the new card's ICCID (it must be AVAILABLE).
    pub new_iccid: Option<String>,
    /// The version the caller saw; a change since is a 409 instead of a blind overwrite.
    pub expected_version: Option<i64>,
}

/// The result of an operation: the SIM's new status and the SIM (for a swap, the new card).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationResult {
    pub status: LifecycleState,
    pub sim: SimCard,
    /// For a swap: the card the number moved to.
    pub new_sim: Option<SimCard>,
}

/// The PIN and PUK, revealed on request (and audited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revealed {
    pub pin: Option<String>,
    pub puk: Option<String>,
}
