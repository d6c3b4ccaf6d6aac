//! AddOrder (contract B4): items as PHP arrays matched by index (`pid[0]`, `qty[0]`,
//! `billingcycle[0]`, `customfields[0]` base64-serialised, `priceoverride[0]`), a known
//! gateway as `paymentmethod`. Creates a `Pending` order, its services (`Pending`, one per
//! unit of quantity, custom fields stored — the MSISDN and the Salesforce order id among them)
//! and an Unpaid invoice unless `noinvoice`. Ids answered as strings; `serviceids` comma-joined.

use super::super::php;
use super::super::state::{Invoice, Order, Service, WhmcsState};
use super::super::{error, id_param, money, now_stamp, param, parse_money, success, today, Params};
use crate::demo::{MSISDN_FIELD_ID, WHMCS_PRODUCTS};
use axum::response::Response;
use serde_json::json;

const GATEWAYS: [&str; 2] = ["stripe", "banktransfer"];

struct Item {
    pid: u64,
    qty: u64,
    cycle: String,
    fields: std::collections::BTreeMap<u64, String>,
    price: Option<i64>,
}

fn items(p: &Params) -> Result<Vec<Item>, &'static str> {
    if param(p, "pid").is_some() {
        return Err("Expecting parameter 'pid' to be an array");
    }
    let mut out = Vec::new();
    for n in 0.. {
        let Some(pid) = id_param(p, &format!("pid[{n}]")) else {
            break;
        };
        let at = |k: &str| param(p, &format!("{k}[{n}]"));
        let fields = match at("customfields") {
            None => Default::default(),
            Some(enc) => php::custom_fields(enc).ok_or("Invalid custom fields format")?,
        };
        let price = match at("priceoverride") {
            None => None,
            Some(v) => Some(parse_money(v).ok_or("Invalid price override")?),
        };
        out.push(Item {
            pid,
            qty: at("qty")
                .and_then(|q| q.trim().parse().ok())
                .unwrap_or(1)
                .max(1),
            cycle: at("billingcycle").unwrap_or("monthly").to_string(),
            fields,
            price,
        });
    }
    Ok(out)
}

fn cycle_name(c: &str) -> Option<&'static str> {
    Some(match c.to_ascii_lowercase().as_str() {
        "onetime" | "one time" => "One Time",
        "monthly" => "Monthly",
        "quarterly" => "Quarterly",
        "semiannually" => "Semi-Annually",
        "annually" => "Annually",
        "free" => "Free Account",
        _ => return None,
    })
}

pub(in super::super) fn run(s: &mut WhmcsState, p: &Params) -> Response {
    let Some(clientid) = id_param(p, "clientid").filter(|id| s.client(*id).is_some()) else {
        return error("Client ID Not Found");
    };
    let gateway = param(p, "paymentmethod").unwrap_or_default();
    if !GATEWAYS.contains(&gateway) {
        return error("Invalid Payment Method. Valid options include stripe,banktransfer");
    }
    let items = match items(p) {
        Ok(i) => i,
        Err(e) => return error(e),
    };
    if items.is_empty() {
        return error("No items added to cart so order cannot proceed");
    }
    for item in &items {
        if !WHMCS_PRODUCTS.iter().any(|(pid, _)| *pid == item.pid) {
            return error("No items added to cart so order cannot proceed");
        }
        if cycle_name(&item.cycle).is_none() {
            return error("Invalid Billing Cycle");
        }
    }
    let orderid = s
        .orders
        .iter()
        .map(|o| o.id)
        .max()
        .unwrap_or(0)
        .max(s.id_base)
        + 1;
    let mut service_ids = Vec::new();
    let mut lines = Vec::new();
    for item in items {
        let name = WHMCS_PRODUCTS
            .iter()
            .find(|(pid, _)| *pid == item.pid)
            .map(|(_, n)| n.to_string())
            .unwrap_or_default();
        let cycle = cycle_name(&item.cycle).unwrap_or("Monthly");
        let price = item.price.unwrap_or(0);
        for _ in 0..item.qty {
            let id = s.next_service_id();
            let mut fields = item.fields.clone();
            let msisdn = fields.remove(&MSISDN_FIELD_ID).unwrap_or_default();
            s.services.push(Service {
                id,
                clientid,
                pid: item.pid,
                name: name.clone(),
                status: "Pending".into(),
                msisdn,
                orderid: Some(orderid),
                fields,
                billingcycle: cycle.into(),
                recurring: if cycle == "One Time" { 0 } else { price },
            });
            service_ids.push(id.to_string());
            lines.push((format!("{name} ({cycle})"), price));
        }
    }
    let noinvoice = param(p, "noinvoice").is_some_and(|v| v == "1" || v == "true");
    let invoiceid = if noinvoice {
        0
    } else {
        let id = s.next_invoice;
        s.next_invoice += 1;
        s.invoices.push(Invoice {
            id,
            userid: clientid,
            status: "Unpaid".into(),
            date: today(),
            due: today(),
            items: lines.clone(),
            datepaid: None,
            last_capture: None,
            paymentmethod: gateway.into(),
            transactions: Vec::new(),
            notes: String::new(),
            capture_attempts: 0,
            seeded: false,
        });
        id
    };
    let amount = lines.iter().map(|(_, a)| a).sum();
    s.orders.push(Order {
        id: orderid,
        ordernum: 1_000_000_000 + orderid,
        userid: clientid,
        status: "Pending".into(),
        date: now_stamp(),
        invoiceid,
        paymentmethod: gateway.into(),
        amount,
    });
    tracing::debug!(orderid, total = %money(amount), "whmcs simulator order added");
    success(json!({
        "orderid": orderid.to_string(),
        "serviceids": service_ids.join(","),
        "addonids": "",
        "domainids": "",
        "invoiceid": invoiceid.to_string(),
    }))
}
