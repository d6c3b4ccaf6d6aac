//! How a top-up row is reported to the customer: its public state, the sentence that explains
//! it, and — for an order — whether the answer is a success or a payment error.

use crate::store::top_ups::{State, TopUpRow};
use app::domain::dates::{date_label, jst_datetime_label, parse_iso_date};
use app::domain::topup::{topup_label, yen_label};
use app::domain::{format_msisdn, PortalError, TopUp, TopUpState};
use app::t;

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

/// " (invoice #42)" after an amount, or nothing.
pub(super) fn invoice_suffix(invoice_id: Option<i64>) -> String {
    invoice_id
        .map(|i| t!("server-topup-invoice-suffix", id = i.to_string()))
        .unwrap_or_default()
}

fn message(row: &TopUpRow) -> String {
    let quota = topup_label(row.quota_mb.unsigned_abs());
    let price = yen_label(row.amount_jpy.unsigned_abs());
    let number = format_msisdn(&row.msisdn);
    let invoice = invoice_suffix(row.invoice_id);
    let (quota, price, number, invoice) = (
        quota.as_str(),
        price.as_str(),
        number.as_str(),
        invoice.as_str(),
    );
    match row.state {
        State::Applied => t!(
            "server-topup-applied",
            quota = quota,
            number = number,
            price = price,
            invoice = invoice
        ),
        State::Scheduled => {
            let day = row
                .run_on
                .as_deref()
                .and_then(parse_iso_date)
                .map(date_label)
                .unwrap_or_default();
            t!(
                "server-topup-scheduled",
                price = price,
                invoice = invoice,
                quota = quota,
                number = number,
                day = day
            )
        }
        State::Paid | State::Applying => t!(
            "server-topup-paid",
            price = price,
            invoice = invoice,
            quota = quota
        ),
        State::Requested | State::Invoicing | State::Invoiced | State::Capturing => {
            t!("server-topup-confirming", price = price)
        }
        State::Crediting => t!("server-topup-crediting", quota = quota, price = price),
        State::Credited => t!("server-topup-credited", quota = quota, price = price),
        State::Failed => t!("server-topup-failed", quota = quota),
        State::PaymentFailed => match row.payment_problem.as_deref() {
            Some("no_pay_method") => t!("server-topup-no-pay-method", quota = quota),
            Some("declined") => t!(
                "server-topup-declined",
                price = price,
                invoice = invoice,
                quota = quota
            ),
            Some("unconfirmed") => t!(
                "server-topup-unconfirmed",
                price = price,
                invoice = invoice,
                quota = quota
            ),
            _ => t!("server-topup-billing-down"),
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
        (Some("no_pay_method"), _) => {
            (Some(pay_path(row)), Some(t!("server-topup-pay-add-method")))
        }
        (Some("declined" | "unconfirmed"), Some(invoice)) => (
            Some(pay_path(row)),
            Some(t!(
                "server-topup-pay-invoice",
                invoice = invoice.to_string()
            )),
        ),
        _ => return Err(PortalError::UpstreamUnavailable(super::super::billing())),
    };
    Err(PortalError::PaymentRequired {
        message: message(row),
        pay_url,
        pay_label,
    })
}
