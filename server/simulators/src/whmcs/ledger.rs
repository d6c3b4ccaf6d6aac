//! A client's money as the simulated WHMCS holds it, for tests to assert on without going
//! through the API (and its escaping): [`super::WhmcsSim::ledger`] and
//! `GET /_sim/control/whmcs/clients/{id}/ledger` (camelCase JSON). Texts are as given, not
//! HTML-escaped.

use super::money;
use super::state::WhmcsState;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WhmcsLedger {
    /// In creation order.
    pub invoices: Vec<LedgerInvoice>,
    /// The credit balance, e.g. "500.00".
    pub credit: String,
    /// The credit log (AddCredit calls), oldest first.
    pub credits: Vec<LedgerCredit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerInvoice {
    pub id: u64,
    /// `Unpaid`, `Paid`, `Cancelled`, …
    pub status: String,
    /// e.g. "500.00"
    pub total: String,
    pub notes: String,
    /// The item descriptions, in order.
    pub descriptions: Vec<String>,
    /// CapturePayment requests naming this invoice, refused ones included.
    pub capture_attempts: u32,
    /// Payments (transactions) recorded on it.
    pub payments: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerCredit {
    pub description: String,
    /// As given to AddCredit (also for removals), e.g. "500.00".
    pub amount: String,
}

pub(super) fn of(s: &WhmcsState, client_id: u64) -> Option<WhmcsLedger> {
    let client = s.client(client_id)?;
    Some(WhmcsLedger {
        invoices: s
            .invoices
            .iter()
            .filter(|i| i.userid == client_id && !i.seeded)
            .map(|i| LedgerInvoice {
                id: i.id,
                status: i.status.clone(),
                total: money(i.total()),
                notes: i.notes.clone(),
                descriptions: i.items.iter().map(|(d, _)| d.clone()).collect(),
                capture_attempts: i.capture_attempts,
                payments: u32::try_from(i.transactions.len()).unwrap_or(u32::MAX),
            })
            .collect(),
        credit: money(client.credit),
        credits: s
            .credit_log
            .iter()
            .filter(|e| e.clientid == client_id)
            .map(|e| LedgerCredit {
                description: e.description.clone(),
                amount: money(e.amount),
            })
            .collect(),
    })
}
