//! `POST /orders` (validate prices, transaction charges the balance and makes or tops up
//! eSIMs), `GET /orders[/{reference}]` and `GET /esims/assignments` (contract §3–§4).

use super::state::{rfc3339, uuid, Order, OrderItem, SMDP_HOST};
use super::{message, parse_body, EsimGoSim};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

/// One requested line: bundle name, quantity, ICCIDs to top up, reassign flag.
struct Line {
    item: String,
    quantity: u32,
    iccids: Vec<String>,
    allow_reassign: bool,
}

fn parse_lines(body: &Value, assign: bool) -> Result<Vec<Line>, String> {
    let lines = body
        .get("order")
        .and_then(Value::as_array)
        .filter(|l| !l.is_empty())
        .ok_or("order must be a non-empty array")?;
    lines
        .iter()
        .map(|l| {
            if l.get("type").and_then(Value::as_str) != Some("bundle") {
                return Err("order item type must be bundle".to_string());
            }
            let item = l
                .get("item")
                .and_then(Value::as_str)
                .ok_or("order item has no item")?
                .to_string();
            let quantity = l
                .get("quantity")
                .and_then(Value::as_u64)
                .and_then(|q| u32::try_from(q).ok())
                .filter(|q| *q >= 1)
                .ok_or("quantity must be a positive integer")?;
            let iccids: Vec<String> = match l.get("iccids") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(a)) => a
                    .iter()
                    .map(|i| {
                        i.as_str()
                            .map(str::to_string)
                            .ok_or("iccids must be strings")
                    })
                    .collect::<Result<_, _>>()?,
                Some(_) => return Err("iccids must be an array".into()),
            };
            if !iccids.is_empty() && !assign {
                return Err("iccids can only be given with assign: true".into());
            }
            if !iccids.is_empty() && iccids.len() != quantity as usize {
                return Err("quantity must equal the number of iccids".into());
            }
            Ok(Line {
                item,
                quantity,
                iccids,
                allow_reassign: l
                    .get("allowReassign")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            })
        })
        .collect()
}

pub(super) async fn create(State(sim): State<EsimGoSim>, body: Bytes) -> Response {
    // Faults can tell a validation (`orders/validate`) from a transaction (`orders`).
    let validate = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|b| {
            b.get("type")
                .and_then(Value::as_str)
                .map(|t| t == "validate")
        })
        .unwrap_or(false);
    let op = if validate {
        "orders/validate"
    } else {
        "orders"
    };
    sim.op(op, || async {
        let body = match parse_body(&body) {
            Ok(b) => b,
            Err(r) => return r,
        };
        let kind = body.get("type").and_then(Value::as_str).unwrap_or("");
        if kind != "validate" && kind != "transaction" {
            return message(StatusCode::BAD_REQUEST, "type must be validate or transaction");
        }
        let assign = body.get("assign").and_then(Value::as_bool).unwrap_or(false);
        let lines = match parse_lines(&body, assign) {
            Ok(l) => l,
            Err(e) => return message(StatusCode::BAD_REQUEST, &e),
        };
        let outcome = (|| {
            let mut st = sim.lock();
            let mut priced = Vec::new();
            for l in &lines {
                let Some(b) = st.bundle(&l.item) else {
                    return Err(message(StatusCode::BAD_REQUEST, &format!("Bundle not found: {}", l.item)));
                };
                if let Some(foreign) = l.iccids.iter().find(|i| st.esim(i).is_none()) {
                    tracing::debug!(foreign, "eSIM Go simulator: unknown ICCID in order");
                    return Err(message(StatusCode::FORBIDDEN, "Access denied: ICCID not accessible"));
                }
                priced.push((b.clone(), l));
            }
            let total = round2(priced.iter().map(|(b, l)| b.price * f64::from(l.quantity)).sum());
            let now = st.now();
            if kind == "validate" {
                let order: Vec<Value> = priced
                    .iter()
                    .map(|(b, l)| json!({"type": "bundle", "item": b.name, "quantity": l.quantity,
                        "subTotal": round2(b.price * f64::from(l.quantity)), "pricePerUnit": b.price,
                        "AllowReassign": l.allow_reassign}))
                    .collect();
                let v = json!({"order": order, "total": total, "valid": true, "currency": "USD",
                    "createdDate": rfc3339(now), "assigned": assign});
                return Err(Json(v).into_response());
            }
            if total > st.balance {
                return Ok(Err((st.balance, total)));
            }
            st.balance = round2(st.balance - total);
            let reference = uuid();
            let mut items = Vec::new();
            for (b, l) in priced {
                let iccids: Vec<String> = if !assign {
                    Vec::new()
                } else if l.iccids.is_empty() {
                    (0..l.quantity).map(|_| st.new_esim(&reference)).collect()
                } else {
                    l.iccids.clone()
                };
                for iccid in &iccids {
                    st.assign(iccid, &b, &reference);
                }
                items.push(OrderItem {
                    bundle: b.name.clone(),
                    quantity: l.quantity,
                    price: b.price,
                    iccids,
                    allow_reassign: l.allow_reassign,
                });
            }
            let order = Order {
                reference,
                created: now,
                items,
                total,
            };
            let v = with_matching_ids(&st, order_json(&order, true));
            st.orders.push(order);
            Ok(Ok(v))
        })();
        let answer = match outcome {
            Err(early) => return early,
            Ok(Ok(v)) => v,
            Ok(Err((balance, total))) => {
                let event = json!({"alertType": "InsufficientBalance",
                    "balanceInfo": {"balance": balance, "threshold": total, "thresholdPercentRemaining": 0}});
                sim.callbacks.send_all(vec![event]).await;
                return message(StatusCode::BAD_REQUEST, "Insufficient balance");
            }
        };
        Json(answer).into_response()
    })
    .await
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The transaction shape (`GET /orders/{ref}` answers the same).
fn order_json(o: &Order, with_esims: bool) -> Value {
    let items: Vec<Value> = o
        .items
        .iter()
        .map(|i| {
            let mut v = json!({"type": "bundle", "item": i.bundle, "quantity": i.quantity,
                "subTotal": round2(i.price * f64::from(i.quantity)), "pricePerUnit": i.price,
                "AllowReassign": i.allow_reassign, "iccids": i.iccids});
            if with_esims {
                // The order answer has the scheme on the SM-DP+ address (contract §3).
                v["esims"] = i
                    .iccids
                    .iter()
                    .map(|iccid| json!({"iccid": iccid, "smdpAddress": format!("http://{SMDP_HOST}")}))
                    .collect();
            }
            v
        })
        .collect();
    let n: usize = o.items.iter().map(|i| i.iccids.len()).sum();
    json!({
        "order": items,
        "total": o.total,
        "currency": "USD",
        "status": "completed",
        "statusMessage": format!("Order completed: {n} eSIMs assigned"),
        "orderReference": o.reference,
        "createdDate": rfc3339(o.created),
        "assigned": n > 0,
        "sourceIP": "127.0.0.1",
    })
}

/// Adds each eSIM's matching id to an order answer (done under the lock by the callers).
fn with_matching_ids(st: &super::state::EsimGoState, mut v: Value) -> Value {
    if let Some(items) = v.get_mut("order").and_then(Value::as_array_mut) {
        for item in items {
            if let Some(esims) = item.get_mut("esims").and_then(Value::as_array_mut) {
                for e in esims {
                    let iccid = e["iccid"].as_str().unwrap_or_default().to_string();
                    if let Some(found) = st.esim(&iccid) {
                        e["matchingId"] = json!(found.matching_id);
                    }
                }
            }
        }
    }
    v
}

pub(super) async fn get_one(
    State(sim): State<EsimGoSim>,
    Path(reference): Path<String>,
) -> Response {
    sim.op("orders/get", || async {
        let st = sim.lock();
        match st.orders.iter().find(|o| o.reference == reference) {
            Some(o) => Json(with_matching_ids(&st, order_json(o, true))).into_response(),
            None => message(StatusCode::BAD_REQUEST, "Order not found"),
        }
    })
    .await
}

/// `GET /orders?page=&limit=&includeIccids=&createdAt=gte:…&createdAt=lte:…`.
pub(super) async fn list(State(sim): State<EsimGoSim>, RawQuery(q): RawQuery) -> Response {
    sim.op("orders/list", || async {
        let pairs: Vec<(String, String)> = url_pairs(q.as_deref().unwrap_or(""));
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let page = get("page").and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).max(1);
        let limit = get("limit").and_then(|v| v.parse::<usize>().ok()).unwrap_or(25).clamp(1, 100);
        let include = get("includeIccids") == Some("true");
        let mut bounds = Vec::new();
        for (_, v) in pairs.iter().filter(|(n, _)| n == "createdAt") {
            let Some((op, at)) = v.split_once(':') else {
                return message(StatusCode::BAD_REQUEST, "Invalid createdAt filter");
            };
            let Ok(at) = chrono::DateTime::parse_from_rfc3339(at) else {
                return message(StatusCode::BAD_REQUEST, "Invalid createdAt date");
            };
            bounds.push((op.to_string(), at.with_timezone(&chrono::Utc)));
        }
        let st = sim.lock();
        let hits: Vec<&Order> = st
            .orders
            .iter()
            .rev()
            .filter(|o| {
                bounds.iter().all(|(op, at)| match op.as_str() {
                    "eq" => o.created == *at,
                    "lt" => o.created < *at,
                    "lte" => o.created <= *at,
                    "gt" => o.created > *at,
                    _ => o.created >= *at,
                })
            })
            .collect();
        let rows = hits.len();
        let orders: Vec<Value> = hits
            .into_iter()
            .skip((page - 1) * limit)
            .take(limit)
            .map(|o| {
                let mut v = order_json(o, false);
                // The list spells it `createDate` (contract §3).
                if let Some(m) = v.as_object_mut() {
                    if let Some(d) = m.remove("createdDate") {
                        m.insert("createDate".into(), d);
                    }
                }
                if !include {
                    for item in v["order"].as_array_mut().into_iter().flatten() {
                        item.as_object_mut().map(|m| m.remove("iccids"));
                    }
                }
                v
            })
            .collect();
        Json(json!({"orders": orders, "pageCount": rows.div_ceil(limit), "rows": rows, "pageSize": limit}))
            .into_response()
    })
    .await
}

/// `GET /esims/assignments?reference=…` in JSON (`Accept: application/json`) or the default
/// CSV; 410 for a deactivated eSIM.
pub(super) async fn assignments(
    State(sim): State<EsimGoSim>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    sim.op("esims/assignments", || async {
        let refs: Vec<String> = url_pairs(q.as_deref().unwrap_or(""))
            .into_iter()
            .filter(|(k, _)| k == "reference")
            .map(|(_, v)| v)
            .collect();
        if refs.is_empty() {
            return message(StatusCode::BAD_REQUEST, "reference is required");
        }
        let st = sim.lock();
        let esims: Vec<&super::state::Esim> = st
            .esims
            .iter()
            .filter(|e| refs.contains(&e.order_reference))
            .collect();
        if esims.is_empty() {
            return message(
                StatusCode::BAD_REQUEST,
                "No assignments found for reference",
            );
        }
        if esims.iter().any(|e| e.profile_status == "Deactivated") {
            return message(StatusCode::GONE, "eSIM has been deactivated");
        }
        let json_wanted = headers
            .get("accept")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("application/json"));
        if json_wanted {
            let rows: Vec<Value> = esims.iter().map(|e| e.assignment_json()).collect();
            return Json(rows).into_response();
        }
        let mut csv = String::from("\"ICCID\",\"Matching ID\",\"RSP URL\",\"Bundle\"\n");
        for e in esims {
            let bundle = e
                .assignments
                .first()
                .map(|a| a.bundle.as_str())
                .unwrap_or("");
            csv.push_str(&format!(
                "\"{}\",\"{}\",\"{SMDP_HOST}\",\"{bundle}\"\n",
                e.iccid, e.matching_id
            ));
        }
        ([("content-type", "text/csv")], csv).into_response()
    })
    .await
}

/// Query pairs in order, repeated names kept (`createdAt`, `reference`).
pub(super) fn url_pairs(q: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(q.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}
