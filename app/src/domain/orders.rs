//! An order as the customer follows it (seed 004 phase 4): the steps from submission to
//! completion, each done, current, waiting, paused (with the reason and what the customer
//! can do) or failed — derived in one place from the fulfilment state the server keeps.

use super::catalog::QuoteLine;
use crate::t;
use serde::{Deserialize, Serialize};

/// Where fulfilment stands (the `orders.state` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    /// Being written to Salesforce.
    Creating,
    /// In Salesforce, waiting for staff review.
    Submitted,
    /// Approved; fulfilment queued.
    Approved,
    PaymentChecked,
    SimActivated,
    BillingCreated,
    BillingAccepted,
    Completed,
}

impl OrderState {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderState::Creating => "creating",
            OrderState::Submitted => "submitted",
            OrderState::Approved => "approved",
            OrderState::PaymentChecked => "payment_checked",
            OrderState::SimActivated => "sim_activated",
            OrderState::BillingCreated => "billing_created",
            OrderState::BillingAccepted => "billing_accepted",
            OrderState::Completed => "completed",
        }
    }

    pub fn parse(s: &str) -> Option<OrderState> {
        [
            OrderState::Creating,
            OrderState::Submitted,
            OrderState::Approved,
            OrderState::PaymentChecked,
            OrderState::SimActivated,
            OrderState::BillingCreated,
            OrderState::BillingAccepted,
            OrderState::Completed,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }
}

/// The steps the customer sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStep {
    Submitted,
    UnderReview,
    Approved,
    PaymentMethodChecked,
    SimActivated,
    BillingCreated,
    Completed,
}

impl OrderStep {
    pub fn label(self) -> String {
        match self {
            OrderStep::Submitted => t!("portal-order-step-submitted"),
            OrderStep::UnderReview => t!("portal-order-step-under-review"),
            OrderStep::Approved => t!("portal-order-step-approved"),
            OrderStep::PaymentMethodChecked => t!("portal-order-step-payment-checked"),
            OrderStep::SimActivated => t!("portal-order-step-sim-activated"),
            OrderStep::BillingCreated => t!("portal-order-step-billing-created"),
            OrderStep::Completed => t!("portal-order-step-completed"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Done,
    Current,
    Waiting,
    Paused,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepView {
    pub step: OrderStep,
    pub status: StepStatus,
}

/// The steps of an order that reached `state`; `sim` when it activates a SIM; `paused` when
/// fulfilment waits for the customer (e.g. no payment method); `failed` when the next step
/// could not be done.
pub fn steps(state: OrderState, sim: bool, paused: bool, failed: bool) -> Vec<StepView> {
    use OrderStep as S;
    let mut all = vec![
        S::Submitted,
        S::UnderReview,
        S::Approved,
        S::PaymentMethodChecked,
    ];
    if sim {
        all.push(S::SimActivated);
    }
    all.extend([S::BillingCreated, S::Completed]);
    // How many steps are done in each state.
    let done = |s: OrderState| -> usize {
        match s {
            OrderState::Creating => 0,
            OrderState::Submitted => 1,
            OrderState::Approved => 3,
            OrderState::PaymentChecked => 4,
            OrderState::SimActivated => 5,
            OrderState::BillingCreated | OrderState::BillingAccepted => all.len() - 1,
            OrderState::Completed => all.len(),
        }
    };
    let n = done(state);
    all.iter()
        .enumerate()
        .map(|(i, step)| StepView {
            step: *step,
            status: if i < n {
                StepStatus::Done
            } else if i == n && failed {
                StepStatus::Failed
            } else if i == n && paused {
                StepStatus::Paused
            } else if i == n {
                StepStatus::Current
            } else {
                StepStatus::Waiting
            },
        })
        .collect()
}

/// A link the customer can follow to unblock an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderAction {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderView {
    /// The portal's order id.
    pub id: String,
    /// Salesforce's order number, once it exists.
    pub number: Option<String>,
    /// JST, `YYYY-MM-DD HH:MM`.
    pub created_at: String,
    pub product: String,
    pub lines: Vec<QuoteLine>,
    pub one_time_yen: u64,
    pub monthly_yen: u64,
    pub state: OrderState,
    pub steps: Vec<StepView>,
    /// Why fulfilment waits, in words the customer can act on.
    pub paused: Option<String>,
    pub action: Option<OrderAction>,
    /// Why the order could not be completed.
    pub failed: Option<String>,
    /// The subscription it created, once billing exists.
    pub subscription_id: Option<u64>,
    pub msisdn: Option<String>,
}

impl OrderView {
    /// Whether the page should keep refreshing itself.
    pub fn in_progress(&self) -> bool {
        self.state != OrderState::Completed && self.failed.is_none()
    }

    pub fn status_label(&self) -> String {
        if self.failed.is_some() {
            return t!("portal-order-status-failed");
        }
        if self.paused.is_some() {
            return t!("portal-order-status-waiting");
        }
        self.steps
            .iter()
            .find(|s| s.status != StepStatus::Done)
            .map_or_else(
                || t!("portal-order-status-completed"),
                |s| match s.step {
                    OrderStep::Submitted | OrderStep::UnderReview => {
                        t!("portal-order-status-under-review")
                    }
                    _ => t!("portal-order-status-in-progress"),
                },
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statuses(state: OrderState, sim: bool, paused: bool) -> Vec<StepStatus> {
        steps(state, sim, paused, false)
            .into_iter()
            .map(|s| s.status)
            .collect()
    }

    #[test]
    fn every_state_round_trips_its_name() {
        for s in [
            OrderState::Creating,
            OrderState::Submitted,
            OrderState::Approved,
            OrderState::PaymentChecked,
            OrderState::SimActivated,
            OrderState::BillingCreated,
            OrderState::BillingAccepted,
            OrderState::Completed,
        ] {
            assert_eq!(OrderState::parse(s.as_str()), Some(s));
        }
        assert_eq!(OrderState::parse("shipped"), None);
    }

    #[test]
    fn the_timeline_follows_the_state() {
        use StepStatus::*;
        assert_eq!(
            statuses(OrderState::Submitted, true, false),
            [Done, Current, Waiting, Waiting, Waiting, Waiting, Waiting]
        );
        assert_eq!(
            statuses(OrderState::Approved, true, true),
            [Done, Done, Done, Paused, Waiting, Waiting, Waiting],
            "waiting for a payment method"
        );
        assert_eq!(
            statuses(OrderState::SimActivated, true, false),
            [Done, Done, Done, Done, Done, Current, Waiting]
        );
        assert_eq!(
            statuses(OrderState::PaymentChecked, false, false),
            [Done, Done, Done, Done, Current, Waiting],
            "no SIM step for a VPN"
        );
        assert_eq!(statuses(OrderState::Completed, false, false), [Done; 6]);
        let failed: Vec<StepStatus> = steps(OrderState::PaymentChecked, true, false, true)
            .into_iter()
            .map(|s| s.status)
            .collect();
        assert_eq!(
            failed,
            [Done, Done, Done, Done, Failed, Waiting, Waiting],
            "activation failed"
        );
    }
}
