//! GetOrders (contract B6): filtered by `id`, `userid`, `status`, paged (`limitstart`,
//! `limitnum` 25); `totalresults`/`startnumber`/`numreturned` and the order ids as ints, money
//! and dates as strings, the services as `lineitems.lineitem[]` (`relid` = service id).

use super::super::state::WhmcsState;
use super::super::{esc, id_param, money, param, success, Params};
use axum::response::Response;
use serde_json::{json, Value};

pub(in super::super) fn run(s: &WhmcsState, p: &Params) -> Response {
    let id = id_param(p, "id");
    let userid = id_param(p, "userid");
    let status = param(p, "status");
    let mut matching: Vec<_> = s
        .orders
        .iter()
        .filter(|o| id.is_none_or(|i| o.id == i))
        .filter(|o| userid.is_none_or(|u| o.userid == u))
        .filter(|o| status.is_none_or(|st| o.status.eq_ignore_ascii_case(st)))
        .collect();
    matching.sort_by_key(|o| std::cmp::Reverse(o.id));
    let start = id_param(p, "limitstart").unwrap_or(0) as usize;
    let num = id_param(p, "limitnum").unwrap_or(25) as usize;
    let page: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(num)
        .map(|o| {
            let items: Vec<Value> = s
                .services
                .iter()
                .filter(|sv| sv.orderid == Some(o.id))
                .map(|sv| {
                    json!({"type": "product", "relid": sv.id, "producttype": "Other",
                           "product": esc(&sv.name), "domain": "",
                           "billingcycle": sv.billingcycle, "amount": money(sv.recurring),
                           "status": sv.status})
                })
                .collect();
            json!({
                "id": o.id, "ordernum": o.ordernum, "userid": o.userid,
                "contactid": 0, "requestor_id": 0, "admin_requestor_id": 0,
                "date": o.date, "nameservers": "", "transfersecret": "",
                "renewals": "", "promocode": "", "promotype": "", "promovalue": "",
                "orderdata": "[]", "amount": money(o.amount), "paymentmethod": o.paymentmethod,
                "invoiceid": o.invoiceid, "status": o.status, "ipaddress": "",
                "fraudmodule": "", "fraudoutput": "", "notes": "",
                "paymentmethodname": if o.paymentmethod == "stripe" { "Credit Card" } else { "Bank Transfer" },
                "paymentstatus": s.invoices.iter().find(|i| i.id == o.invoiceid).map_or("", |i| i.status.as_str()),
                "name": "", "currencyprefix": "¥", "currencysuffix": " JPY",
                "frauddata": "", "validationdata": "",
                "lineitems": {"lineitem": items},
            })
        })
        .collect();
    success(json!({
        "totalresults": matching.len(), "startnumber": start, "numreturned": page.len(),
        "orders": {"order": page},
    }))
}
