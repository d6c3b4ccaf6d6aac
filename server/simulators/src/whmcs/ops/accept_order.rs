//! AcceptOrder and CancelOrder (contract B5): only a `Pending` order ("Order ID not found or
//! Status not Pending" otherwise). Accepting makes its services `Active`; cancelling makes them
//! `Cancelled` and cancels its unpaid invoice.

use super::super::state::WhmcsState;
use super::super::{error, id_param, success, Params};
use axum::response::Response;
use serde_json::json;

fn pending(s: &mut WhmcsState, p: &Params) -> Option<usize> {
    let id = id_param(p, "orderid")?;
    s.orders
        .iter()
        .position(|o| o.id == id && o.status == "Pending")
}

fn settle(s: &mut WhmcsState, p: &Params, order: &str, service: &str) -> Response {
    let Some(idx) = pending(s, p) else {
        return error("Order ID not found or Status not Pending");
    };
    s.orders[idx].status = order.into();
    let id = s.orders[idx].id;
    let invoice = s.orders[idx].invoiceid;
    for sv in s.services.iter_mut().filter(|sv| sv.orderid == Some(id)) {
        sv.status = service.into();
    }
    if service == "Cancelled" {
        for inv in s
            .invoices
            .iter_mut()
            .filter(|i| i.id == invoice && i.status == "Unpaid")
        {
            inv.status = "Cancelled".into();
        }
    }
    success(json!({}))
}

pub(in super::super) fn accept(s: &mut WhmcsState, p: &Params) -> Response {
    settle(s, p, "Active", "Active")
}

pub(in super::super) fn cancel(s: &mut WhmcsState, p: &Params) -> Response {
    settle(s, p, "Cancelled", "Cancelled")
}
