//! What the org checks and derives when a record is written (contract A4, A7, A9), shared by
//! the sObject endpoints and the composite request: unknown and required fields, lookups that
//! must exist, the Order → OrderItem price-book integrity, autonumbers (`CaseNumber`,
//! `OrderNumber`), the totals an order item derives (`ListPrice`, `TotalPrice`, the order's
//! `TotalAmount`), and the org's Flow that publishes `OrderProvisionRequested__e` when an
//! order is approved.

use super::super::store::{fields_of, has_field};
use super::OrgState;
use axum::http::StatusCode;
use serde_json::{json, Map, Value};

/// One entry of Salesforce's error array, with the status it is answered with.
#[derive(Debug, Clone)]
pub(super) struct SfError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<String>,
}

impl SfError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        SfError {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    fn on(mut self, field: &str) -> Self {
        self.fields.push(field.to_string());
        self
    }

    pub fn not_found() -> Self {
        SfError::new(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "The requested resource does not exist",
        )
    }

    /// The error array body.
    pub fn body(&self) -> Value {
        let mut e = json!({"message": self.message, "errorCode": self.code});
        if !self.fields.is_empty() {
            e["fields"] = json!(self.fields);
        }
        json!([e])
    }
}

/// The platform event the org's Flow publishes when an order is approved (contract A8).
pub(super) const PROVISION_EVENT: &str = "OrderProvisionRequested__e";

/// Fields a new record of `object` must have.
fn required(object: &str) -> &'static [&'static str] {
    match object {
        "Account" => &["Name"],
        "Contact" => &["LastName"],
        "CaseComment" => &["ParentId"],
        "Order" => &["AccountId", "EffectiveDate", "Status"],
        "OrderItem" => &["OrderId", "PricebookEntryId", "Quantity", "UnitPrice"],
        "PricebookEntry" => &["Pricebook2Id", "Product2Id", "UnitPrice"],
        "Product2" | "Pricebook2" => &["Name"],
        _ => &[],
    }
}

/// Lookup fields whose target must exist (`INVALID_CROSS_REFERENCE_KEY` otherwise).
fn lookups(object: &str) -> &'static [(&'static str, &'static str)] {
    match object {
        "Contact" => &[("AccountId", "Account")],
        "Case" => &[("AccountId", "Account"), ("ContactId", "Contact")],
        "CaseComment" => &[("ParentId", "Case")],
        "Order" => &[("AccountId", "Account"), ("Pricebook2Id", "Pricebook2")],
        "OrderItem" => &[("OrderId", "Order"), ("PricebookEntryId", "PricebookEntry")],
        "PricebookEntry" => &[("Pricebook2Id", "Pricebook2"), ("Product2Id", "Product2")],
        _ => &[],
    }
}

fn unknown_field(object: &str, body: &Map<String, Value>) -> Option<SfError> {
    body.keys().find(|k| !has_field(object, k)).map(|k| {
        SfError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_FIELD",
            format!("No such column '{k}' on sobject of type {object}"),
        )
    })
}

fn number(v: Option<&Value>) -> f64 {
    v.and_then(Value::as_f64).unwrap_or(0.0)
}

fn now_stamp() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3f+0000")
        .to_string()
}

/// Creates a record of `object` from `body` after the org's checks; its id.
pub(super) fn insert(
    s: &mut OrgState,
    object: &str,
    body: Map<String, Value>,
) -> Result<String, SfError> {
    if fields_of(object).is_empty() {
        return Err(SfError::not_found());
    }
    if body.keys().any(|k| k.eq_ignore_ascii_case("Id")) {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_FIELD",
            "The Id field should not be specified in the sobject data.",
        ));
    }
    if let Some(e) = unknown_field(object, &body) {
        return Err(e);
    }
    let missing: Vec<&str> = required(object)
        .iter()
        .copied()
        .filter(|f| body.get(*f).is_none_or(Value::is_null))
        .collect();
    if !missing.is_empty() {
        let mut e = SfError::new(
            StatusCode::BAD_REQUEST,
            "REQUIRED_FIELD_MISSING",
            format!("Required fields are missing: [{}]", missing.join(", ")),
        );
        e.fields = missing.iter().map(|f| f.to_string()).collect();
        return Err(e);
    }
    if object == PROVISION_EVENT {
        // A published event is delivered, not stored: it is never a queryable record.
        return Ok(s.publish(PROVISION_EVENT, body));
    }
    check_lookups(s, object, &body)?;
    let mut fields = body;
    fields.insert("CreatedDate".into(), json!(now_stamp()));
    match object {
        "Case" => {
            fields.insert(
                "CaseNumber".into(),
                json!(format!("{:08}", s.records.count("Case") + 1001)),
            );
            fields.entry("IsClosed").or_insert(json!(false));
        }
        "Order" => {
            fields.insert(
                "OrderNumber".into(),
                json!(format!("{:08}", s.records.count("Order") + 100)),
            );
            fields.insert("TotalAmount".into(), json!(0.0));
        }
        "OrderItem" => order_item(s, &mut fields)?,
        "PricebookEntry" => {
            fields.entry("IsActive").or_insert(json!(false));
        }
        _ => {}
    }
    let order_id = fields
        .get("OrderId")
        .and_then(Value::as_str)
        .map(str::to_string);
    let id = s
        .records
        .insert(object, fields)
        .ok_or_else(SfError::not_found)?;
    if let Some(order_id) = order_id.filter(|_| object == "OrderItem") {
        recompute_total(s, &order_id);
    }
    Ok(id)
}

fn check_lookups(s: &OrgState, object: &str, body: &Map<String, Value>) -> Result<(), SfError> {
    for (field, target) in lookups(object) {
        let Some(id) = body.get(*field).and_then(Value::as_str) else {
            continue;
        };
        if s.records.get(target, id).is_none() {
            return Err(SfError::new(
                StatusCode::BAD_REQUEST,
                "INVALID_CROSS_REFERENCE_KEY",
                format!("invalid cross reference id: {id}"),
            )
            .on(field));
        }
    }
    Ok(())
}

/// An order item needs an active entry of its order's price book; it copies the entry's
/// product and list price and derives its total.
fn order_item(s: &OrgState, fields: &mut Map<String, Value>) -> Result<(), SfError> {
    let text = |f: &Map<String, Value>, k: &str| {
        f.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let order = s
        .records
        .get("Order", &text(fields, "OrderId"))
        .cloned()
        .unwrap_or(Value::Null);
    let entry = s
        .records
        .get("PricebookEntry", &text(fields, "PricebookEntryId"))
        .cloned()
        .unwrap_or(Value::Null);
    let same_book = order["Pricebook2Id"].as_str().is_some()
        && order["Pricebook2Id"] == entry["Pricebook2Id"]
        && entry["IsActive"] == json!(true);
    if !same_book {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "FIELD_INTEGRITY_EXCEPTION",
            "Order Products must have a Price Book Entry that belongs to the Price Book \
             related to the parent Order.: Price Book Entry ID",
        )
        .on("PricebookEntryId"));
    }
    let quantity = number(fields.get("Quantity"));
    if quantity <= 0.0 {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "FIELD_INTEGRITY_EXCEPTION",
            "Quantity: value must be greater than zero",
        )
        .on("Quantity"));
    }
    fields.insert("Product2Id".into(), entry["Product2Id"].clone());
    fields.insert("ListPrice".into(), entry["UnitPrice"].clone());
    let total = quantity * number(fields.get("UnitPrice"));
    fields.insert("TotalPrice".into(), json!(total));
    Ok(())
}

fn recompute_total(s: &mut OrgState, order_id: &str) {
    let total: f64 = s
        .records
        .all("OrderItem")
        .iter()
        .filter(|i| i["OrderId"].as_str() == Some(order_id))
        .map(|i| number(i.get("TotalPrice")))
        .sum();
    let mut f = Map::new();
    f.insert("TotalAmount".into(), json!(total));
    s.records.update("Order", order_id, f);
}

/// Sets `body` on a record after the org's checks; an order moving to `Approved` fires the
/// Flow (when switched on).
pub(super) fn update(
    s: &mut OrgState,
    object: &str,
    id: &str,
    body: Map<String, Value>,
) -> Result<(), SfError> {
    if let Some(e) = unknown_field(object, &body) {
        return Err(e);
    }
    let before = s
        .records
        .get(object, id)
        .cloned()
        .ok_or_else(SfError::not_found)?;
    for field in [
        "Id",
        "OrderNumber",
        "CaseNumber",
        "TotalAmount",
        "CreatedDate",
    ] {
        if body.keys().any(|k| k.eq_ignore_ascii_case(field)) {
            return Err(SfError::new(
                StatusCode::BAD_REQUEST,
                "INVALID_FIELD_FOR_INSERT_UPDATE",
                format!("Unable to create/update fields: {field}. Please check the security settings of this field and verify that it is read/write for your profile or permission set."),
            )
            .on(field));
        }
    }
    check_lookups(s, object, &body)?;
    let approving = object == "Order"
        && body.get("Status").and_then(Value::as_str) == Some("Approved")
        && before["Status"].as_str() != Some("Approved");
    s.records.update(object, id, body);
    if approving && s.approval_flow {
        let mut payload = Map::new();
        payload.insert("OrderId__c".into(), json!(id));
        payload.insert(
            "IdemKey__c".into(),
            json!(format!("approve-{id}-{}", s.events.len() + 1)),
        );
        s.publish(PROVISION_EVENT, payload);
    }
    Ok(())
}
