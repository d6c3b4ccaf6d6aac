//! CapturePayment: charges an Unpaid invoice's stored card. The simulated card always pays
//! (declines are a fault rule: `whmcs_error` "Payment Attempt Failed"); the invoice becomes
//! Paid with a transaction.

use super::super::state::WhmcsState;
use super::super::{error, id_param, money, now_stamp, success, Params};
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(s: &mut WhmcsState, p: &Params) -> Response {
    let txn = s.next_txn;
    let Some(inv) = id_param(p, "invoiceid")
        .and_then(|id| s.invoices.iter_mut().find(|i| i.id == id))
        .filter(|i| i.status == "Unpaid")
    else {
        return error("Invoice Not Found or Not Unpaid");
    };
    let stamp = now_stamp();
    inv.last_capture = Some(stamp.clone());
    inv.status = "Paid".into();
    inv.datepaid = Some(stamp.clone());
    inv.transactions.push(json!({
        "id": txn, "userid": inv.userid, "currency": 0, "gateway": inv.paymentmethod,
        "date": stamp, "description": "Invoice Payment", "amountin": money(inv.total()),
        "fees": "0.00", "amountout": "0.00", "rate": "1.00000", "transid": format!("ch_sim_{txn:08}"),
        "invoiceid": inv.id, "refundid": 0,
    }));
    s.next_txn += 1;
    success(json!({}))
}
