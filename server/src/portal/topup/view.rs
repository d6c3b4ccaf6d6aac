//! How a top-up row is reported to the customer: its public state, the sentence that explains
//! it, and — for an order — whether the answer is a success or a payment error.

use crate::store::top_ups::{State, TopUpRow};
use app::domain::dates::{date_label, jst_datetime_label, parse_iso_date};
use app::domain::topup::{topup_label, yen_label};
use app::domain::{format_msisdn, PortalError, TopUp, TopUpState};

/// The portal link that mints a billing sign-in for this top-up (see `TopUps::pay_link`).
pub fn pay_path(row: &TopUpRow) -> String {
    format!(
        "/api/subscriptions/{}/sim/top-ups/{}/pay",
        row.subscription_id, row.id
    )
}

pub fn public_state(row: &TopUpRow) -> TopUpState {
    match row.state {
        State::Applied => TopUpState::Applied,
        State::Scheduled => TopUpState::Scheduled,
        State::Credited => TopUpState::Voided,
        State::PaymentFailed => TopUpState::PaymentFailed,
        State::Requested
        | State::Invoicing
        | State::Invoiced
        | State::Capturing
        | State::Paid
        | State::Applying
        | State::Crediting
        | State::Failed => TopUpState::Pending,
    }
}

fn message(row: &TopUpRow) -> String {
    let quota = topup_label(row.quota_mb.unsigned_abs());
    let price = yen_label(row.amount_jpy.unsigned_abs());
    let number = format_msisdn(&row.msisdn);
    let invoice = row
        .invoice_id
        .map(|i| format!(" (invoice #{i})"))
        .unwrap_or_default();
    match row.state {
        State::Applied => format!("{quota} added to {number}. Paid {price}{invoice}."),
        State::Scheduled => {
            let day = row
                .run_on
                .as_deref()
                .and_then(parse_iso_date)
                .map(date_label)
                .unwrap_or_default();
            format!("Paid {price}{invoice}. {quota} will be added to {number} on {day}.")
        }
        State::Paid | State::Applying => format!(
            "Payment of {price} received{invoice}. The network has not confirmed the {quota} yet: we keep trying and add it shortly. You don't need to do anything."
        ),
        State::Requested | State::Invoicing | State::Invoiced | State::Capturing => format!(
            "We are confirming your payment of {price} with billing. This page shows the result shortly; please don't pay again."
        ),
        State::Crediting => format!(
            "The network could not add {quota}, so we are returning the {price} you paid as account credit."
        ),
        State::Credited => format!(
            "The network could not add {quota}, so the {price} you paid was returned to your account as credit."
        ),
        State::Failed => format!(
            "Something went wrong with this {quota} top-up. Our team has been alerted and will put it right; you don't need to do anything."
        ),
        State::PaymentFailed => match row.payment_problem.as_deref() {
            Some("no_pay_method") => format!(
                "There is no payment method on your billing account, so nothing was charged and no data was added. Add a card in billing, then order the {quota} again."
            ),
            Some("declined") => format!(
                "Your card was declined, so nothing was charged and no data was added. You can pay the {price}{invoice} in billing: the {quota} is added as soon as it is paid."
            ),
            Some("unconfirmed") => format!(
                "Billing did not confirm the payment of {price}{invoice}, so no data was added yet. You can pay it in billing: the {quota} is added as soon as it is paid."
            ),
            _ => "Our billing system is not responding right now, so nothing was charged and no data was added. Please try again in a few minutes.".to_string(),
        },
    }
}

pub fn to_view(row: &TopUpRow) -> TopUp {
    TopUp {
        id: Some(row.id.to_string()),
        created_at: row.created_at,
        created_at_label: jst_datetime_label(row.created_at),
        quota_mb: row.quota_mb.unsigned_abs(),
        quota_label: topup_label(row.quota_mb.unsigned_abs()),
        amount_jpy: Some(row.amount_jpy.unsigned_abs()),
        state: public_state(row),
        invoice_id: row.invoice_id.map(i64::unsigned_abs),
        scheduled_for: row.run_on.clone(),
        message: message(row),
        source: "portal".into(),
    }
}

/// The answer to an order: the top-up, or the payment error with a way to pay.
pub fn answer(row: &TopUpRow) -> Result<TopUp, PortalError> {
    if row.state != State::PaymentFailed {
        return Ok(to_view(row));
    }
    let (pay_url, pay_label) = match (row.payment_problem.as_deref(), row.invoice_id) {
        (Some("no_pay_method"), _) => (
            Some(pay_path(row)),
            Some("Add a payment method in billing".to_string()),
        ),
        (Some("declined" | "unconfirmed"), Some(invoice)) => (
            Some(pay_path(row)),
            Some(format!("Pay invoice #{invoice} in billing")),
        ),
        _ => {
            return Err(PortalError::UpstreamUnavailable(
                super::super::BILLING.into(),
            ))
        }
    };
    Err(PortalError::PaymentRequired {
        message: message(row),
        pay_url,
        pay_label,
    })
}
