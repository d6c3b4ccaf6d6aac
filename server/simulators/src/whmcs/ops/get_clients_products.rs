//! GetClientsProducts: a client's services, paged (`limitstart`, `limitnum` default 25),
//! filters echoed back (`null` when not given), `totalresults` a string but `startnumber`/
//! `numreturned` ints, every product field a string, `products` `""` when empty, and the
//! MSISDN as the custom field [`demo::MSISDN_FIELD_ID`].

use super::super::state::{Service, WhmcsState};
use super::super::{esc, id_param, money, success, Params};
use crate::demo;
use axum::response::Response;
use serde_json::{json, Value};

pub(in super::super) fn run(s: &WhmcsState, p: &Params) -> Response {
    let clientid = id_param(p, "clientid");
    let serviceid = id_param(p, "serviceid");
    let matching: Vec<&Service> = s
        .services
        .iter()
        .filter(|sv| clientid.is_none_or(|c| sv.clientid == c))
        .filter(|sv| serviceid.is_none_or(|id| sv.id == id))
        .collect();
    let start = id_param(p, "limitstart").unwrap_or(0) as usize;
    let num = id_param(p, "limitnum").unwrap_or(25) as usize;
    let page: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(num)
        .map(|sv| product_json(sv))
        .collect();
    let products = if page.is_empty() {
        json!("")
    } else {
        json!({ "product": page })
    };
    success(json!({
        "clientid": clientid.map(|c| c.to_string()), "serviceid": serviceid.map(|c| c.to_string()),
        "pid": null, "domain": null,
        "totalresults": matching.len().to_string(), "startnumber": start, "numreturned": page.len(),
        "products": products,
    }))
}

fn product_json(sv: &Service) -> Value {
    let mut fields = vec![json!({
        "id": demo::MSISDN_FIELD_ID.to_string(),
        "name": "Phone Number (MSISDN)",
        "translated_name": "Phone Number (MSISDN)",
        "value": sv.msisdn,
    })];
    for (id, value) in &sv.fields {
        let name = if *id == demo::SF_ORDER_FIELD_ID {
            "Salesforce Order"
        } else {
            "Custom field"
        };
        fields.push(json!({"id": id.to_string(), "name": name, "translated_name": name, "value": esc(value)}));
    }
    json!({
        "id": sv.id.to_string(), "qty": "1", "clientid": sv.clientid.to_string(),
        "orderid": sv.orderid.unwrap_or(sv.id + 300).to_string(), "pid": sv.pid.to_string(),
        "regdate": "2025-04-01",
        "name": esc(&sv.name), "translated_name": esc(&sv.name),
        "groupname": "Mobile &amp; SIM", "translated_groupname": "Mobile &amp; SIM",
        "domain": "", "dedicatedip": "", "serverid": "0",
        "firstpaymentamount": money(sv.recurring), "recurringamount": money(sv.recurring),
        "paymentmethod": "stripe",
        "paymentmethodname": "Credit Card", "billingcycle": sv.billingcycle, "nextduedate": "0000-00-00",
        "status": sv.status, "username": "", "password": "", "subscriptionid": "", "notes": "",
        "customfields": {"customfield": fields},
        "configoptions": {"configoption": []},
    })
}
