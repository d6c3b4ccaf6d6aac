//! Invoices as the billing page shows them.

use crate::t;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InvoiceStatus {
    Paid,
    Unpaid,
    /// Unpaid and past its due date.
    Overdue,
    PaymentPending,
    Cancelled,
    Refunded,
    Collections,
}

impl InvoiceStatus {
    /// WHMCS's status text, with `Overdue` decided here from the due date (WHMCS only
    /// reports it when a cron job has run). `None` for drafts and unknown states, which the
    /// page does not list.
    pub fn from_whmcs(status: &str, due: Option<NaiveDate>, today: NaiveDate) -> Option<Self> {
        Some(match status.trim() {
            "Paid" => InvoiceStatus::Paid,
            "Unpaid" | "Overdue" if due.is_some_and(|d| d < today) => InvoiceStatus::Overdue,
            "Unpaid" => InvoiceStatus::Unpaid,
            "Overdue" => InvoiceStatus::Overdue,
            "Payment Pending" => InvoiceStatus::PaymentPending,
            "Cancelled" => InvoiceStatus::Cancelled,
            "Refunded" => InvoiceStatus::Refunded,
            "Collections" => InvoiceStatus::Collections,
            _ => return None,
        })
    }

    pub fn label(self) -> String {
        match self {
            InvoiceStatus::Paid => t!("portal-invoice-paid"),
            InvoiceStatus::Unpaid => t!("portal-invoice-unpaid"),
            InvoiceStatus::Overdue => t!("portal-invoice-overdue"),
            InvoiceStatus::PaymentPending => t!("portal-invoice-payment-pending"),
            InvoiceStatus::Cancelled => t!("portal-invoice-cancelled"),
            InvoiceStatus::Refunded => t!("portal-invoice-refunded"),
            InvoiceStatus::Collections => t!("portal-invoice-collections"),
        }
    }

    /// The badge tone (the status component's CSS modifiers).
    pub fn tone(self) -> &'static str {
        match self {
            InvoiceStatus::Paid => "ok",
            InvoiceStatus::Unpaid | InvoiceStatus::PaymentPending => "warn",
            InvoiceStatus::Overdue | InvoiceStatus::Collections => "danger",
            InvoiceStatus::Cancelled | InvoiceStatus::Refunded => "muted",
        }
    }

    /// Whether the customer can pay it now (the button says "Pay" rather than "View").
    pub fn payable(self) -> bool {
        matches!(
            self,
            InvoiceStatus::Unpaid | InvoiceStatus::Overdue | InvoiceStatus::Collections
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub id: u64,
    pub date: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// Whole yen (WHMCS amounts are "1500.00").
    pub total_jpy: u64,
    pub status: InvoiceStatus,
}

/// WHMCS's decimal amount in whole yen ("4,980.00", "4980.00", "4980" → 4980); `None` when
/// it is not an amount.
pub fn parse_yen(amount: &str) -> Option<u64> {
    let plain: String = amount.trim().chars().filter(|c| *c != ',').collect();
    let whole = plain.split('.').next()?;
    whole.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn overdue_is_decided_by_the_due_date() {
        let today = d(2026, 11, 30);
        let s = |st, due| InvoiceStatus::from_whmcs(st, due, today);
        assert_eq!(
            s("Unpaid", Some(d(2026, 12, 7))),
            Some(InvoiceStatus::Unpaid)
        );
        assert_eq!(
            s("Unpaid", Some(d(2026, 11, 30))),
            Some(InvoiceStatus::Unpaid)
        );
        assert_eq!(
            s("Unpaid", Some(d(2026, 11, 29))),
            Some(InvoiceStatus::Overdue)
        );
        assert_eq!(s("Overdue", None), Some(InvoiceStatus::Overdue));
        assert_eq!(s("Paid", Some(d(2020, 1, 1))), Some(InvoiceStatus::Paid));
        assert_eq!(s("Draft", None), None);
        assert!(InvoiceStatus::Overdue.payable() && !InvoiceStatus::Paid.payable());
    }

    #[test]
    fn amounts_are_whole_yen() {
        assert_eq!(parse_yen("4980.00"), Some(4980));
        assert_eq!(parse_yen(" 1,500.00 "), Some(1500));
        assert_eq!(parse_yen("500"), Some(500));
        assert_eq!(parse_yen("abc"), None);
    }
}
