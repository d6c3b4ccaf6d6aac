//! GetInvoice: ints for `invoiceid`/`userid`, money as strings, `0000-00-00 00:00:00` for
//! missing dates, `items.item[]`, `notes` HTML-escaped, and `transactions` `""` until a
//! payment is recorded.

use super::super::state::{Invoice, WhmcsState};
use super::super::{error, esc, id_param, money, success, Params, NO_DATETIME};
use axum::response::Response;
use serde_json::{json, Value};

pub(in super::super) fn run(s: &WhmcsState, p: &Params) -> Response {
    match id_param(p, "invoiceid").and_then(|id| s.invoices.iter().find(|i| i.id == id)) {
        None => error("Invoice ID Not Found"),
        Some(inv) => success(invoice_json(inv)),
    }
}

fn invoice_json(inv: &Invoice) -> Value {
    let total = money(inv.total());
    let balance = if inv.status == "Paid" {
        "0.00".to_string()
    } else {
        total.clone()
    };
    let items: Vec<Value> = inv
        .items
        .iter()
        .enumerate()
        .map(|(n, (d, a))| {
            json!({"id": n + 1, "type": "", "relid": 0, "description": esc(d), "amount": money(*a), "taxed": 0})
        })
        .collect();
    let transactions = if inv.transactions.is_empty() {
        json!("")
    } else {
        json!({ "transaction": inv.transactions })
    };
    json!({
        "invoiceid": inv.id, "invoicenum": "", "userid": inv.userid, "date": inv.date, "duedate": inv.due,
        "datepaid": inv.datepaid.as_deref().unwrap_or(NO_DATETIME),
        "lastcaptureattempt": inv.last_capture.as_deref().unwrap_or(NO_DATETIME),
        "subtotal": total, "credit": "0.00", "tax": "0.00", "tax2": "0.00", "total": total, "balance": balance,
        "taxrate": "0.000", "taxrate2": "0.000", "status": inv.status, "paymentmethod": inv.paymentmethod,
        "notes": esc(&inv.notes), "ccgateway": true,
        "items": {"item": items},
        "transactions": transactions,
    })
}
