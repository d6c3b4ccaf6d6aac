//! The simulated org's records: one list per object, each record a JSON object with `Id`
//! (18 characters, the contract's key prefix per object) and `attributes`, as the REST API
//! returns them. Queries run the SOQL subset over them; a parent path (`Account.Name`) follows
//! the record's lookup field (`AccountId`).

use super::soql::{self, Field, Query, Select, SoqlError};
use serde_json::{Map, Value};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Key prefixes of the objects the simulator keeps (contract A2).
pub fn key_prefix(object: &str) -> Option<&'static str> {
    Some(match object {
        "Account" => "001",
        "Contact" => "003",
        "Product2" => "01t",
        "Pricebook2" => "01s",
        "PricebookEntry" => "01u",
        "Order" => "801",
        "OrderItem" => "802",
        "Case" => "500",
        "CaseComment" => "00a",
        _ => return None,
    })
}

/// The fields each object has (contract A7; the customer-number, WHMCS-id and portal-status
/// fields of Account are the names the simulator's org uses). A field outside the list is
/// `INVALID_FIELD`; a listed field a record has no value for reads `null`.
pub fn fields_of(object: &str) -> &'static [&'static str] {
    match object {
        "Account" => &[
            "Id",
            "Name",
            "AccountNumber",
            "Phone",
            "BillingStreet",
            "BillingCity",
            "BillingState",
            "BillingPostalCode",
            "BillingCountry",
            "Customer_Number__c",
            "WHMCS_Client_ID__c",
            "Portal_Status__c",
            // Semicolon-separated eligibility keys (e.g. `fibre-tokyo`): which products
            // that are not public this account may order.
            "Portal_Eligibility__c",
            "CreatedDate",
        ],
        "Contact" => &[
            "Id",
            "AccountId",
            "FirstName",
            "LastName",
            "Email",
            "Phone",
            "CreatedDate",
        ],
        "Case" => &[
            "Id",
            "CaseNumber",
            "Subject",
            "Description",
            "Status",
            // Standard picklist (the case's category); not in contract A7's list, but a
            // standard Case field in every org.
            "Type",
            "Origin",
            "Priority",
            "AccountId",
            "ContactId",
            "IsClosed",
            "CreatedDate",
        ],
        "CaseComment" => &[
            "Id",
            "ParentId",
            "CommentBody",
            "IsPublished",
            "CreatedDate",
        ],
        "Product2" => &[
            "Id",
            "Name",
            "ProductCode",
            "Description",
            "IsActive",
            "Family",
            "StockKeepingUnit",
            "Product2Categories1__c",
            "Portal_Catalog__c",
            "Portal_Accessible__c",
            "Item_Class__c",
            "Portal_ConfigOptions_JSON__c",
            // Service-specific fields (seed 004 phase 1 leaves their names to the org):
            // the WHMCS product an order line becomes, the carrier plan of a SIM product,
            // the billing cycle of its price, validity dates and the eligibility key a
            // non-public product needs on the account.
            "WHMCS_Product_ID__c",
            "SIM_Plan_Code__c",
            "Billing_Cycle__c",
            "Valid_From__c",
            "Valid_Until__c",
            "Eligibility_Key__c",
        ],
        "Pricebook2" => &["Id", "Name", "IsActive", "IsStandard"],
        "PricebookEntry" => &[
            "Id",
            "Pricebook2Id",
            "Product2Id",
            "UnitPrice",
            "IsActive",
            "UseStandardPrice",
            "Name",
        ],
        "Order" => &[
            "Id",
            "AccountId",
            "EffectiveDate",
            "Status",
            "Pricebook2Id",
            "OrderNumber",
            "TotalAmount",
            "ActivatedDate",
            "Provisioning_Status__c",
            "Provisioning_Error_Code__c",
            "Provisioning_Error_Message__c",
            "WHMCS_Order_ID__c",
            "ESIM_ICCID__c",
            "Attempt_Count__c",
            "Last_Provisioning_At__c",
            // The portal's idempotency key of the checkout that created the order.
            "Portal_Cart_Key__c",
            "Description",
            "CreatedDate",
        ],
        "OrderItem" => &[
            "Id",
            "OrderId",
            "PricebookEntryId",
            "Quantity",
            "UnitPrice",
            "Product2Id",
            "ListPrice",
            "TotalPrice",
            "Billing_Cycle__c",
            "ConfigOptions_JSON__c",
            "WHMCS_Service_ID__c",
            "CreatedDate",
        ],
        // A platform event (published, never stored as a record).
        "OrderProvisionRequested__e" => &["OrderId__c", "IdemKey__c"],
        _ => &[],
    }
}

pub fn has_field(object: &str, name: &str) -> bool {
    fields_of(object)
        .iter()
        .any(|f| f.eq_ignore_ascii_case(name))
}

/// Records by object name.
#[derive(Default, Clone)]
pub struct Records {
    objects: BTreeMap<String, Vec<Value>>,
    next: u64,
}

fn invalid_field(object: &str, name: &str) -> SoqlError {
    SoqlError {
        code: "INVALID_FIELD",
        message: format!(
            "No such column '{name}' on entity '{object}'. If you are attempting to use a custom \
             field, be sure to append the '__c' after the custom field name."
        ),
    }
}

impl Records {
    /// Stores a new record of `object` and returns its id.
    pub fn insert(&mut self, object: &str, fields: Map<String, Value>) -> Option<String> {
        let prefix = key_prefix(object)?;
        self.next += 1;
        let id = format!("{prefix}{:012}AAA", self.next); // 3 + 12 + 3 = 18 characters
        let mut record = fields;
        record.insert("Id".into(), Value::String(id.clone()));
        record.insert(
            "attributes".into(),
            serde_json::json!({"type": object, "url": format!("/services/data/v62.0/sobjects/{object}/{id}")}),
        );
        self.objects
            .entry(object.to_string())
            .or_default()
            .push(Value::Object(record));
        Some(id)
    }

    /// Sets `fields` on a record; false when there is no such record.
    pub fn update(&mut self, object: &str, id: &str, fields: Map<String, Value>) -> bool {
        let Some(rec) = self
            .objects
            .get_mut(object)
            .and_then(|rs| rs.iter_mut().find(|r| r["Id"].as_str() == Some(id)))
            .and_then(Value::as_object_mut)
        else {
            return false;
        };
        for (k, v) in fields {
            rec.insert(canonical_name(object, &k), v);
        }
        true
    }

    /// Every record of `object`, as stored.
    pub fn all(&self, object: &str) -> Vec<Value> {
        self.objects.get(object).cloned().unwrap_or_default()
    }

    /// How many records of `object` exist (for autonumbers).
    pub fn count(&self, object: &str) -> usize {
        self.objects.get(object).map_or(0, Vec::len)
    }

    pub fn get(&self, object: &str, id: &str) -> Option<&Value> {
        self.objects
            .get(object)?
            .iter()
            .find(|r| r["Id"].as_str() == Some(id))
    }

    /// The record with a parent path's lookup resolved: for `Account.Name` the `Account`
    /// object is looked up by the record's `AccountId` and nested as `Account`.
    fn with_parents(&self, record: &Value, parents: &[String]) -> Value {
        let mut out = record.clone();
        for parent in parents {
            let id = soql::field(record, &[format!("{parent}Id")])
                .and_then(Value::as_str)
                .map(str::to_string);
            let found = id.and_then(|id| {
                self.objects
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(parent))
                    .and_then(|(name, _)| self.get(name, &id))
                    .cloned()
            });
            if let Some(obj) = out.as_object_mut() {
                obj.insert(parent.clone(), found.unwrap_or(Value::Null));
            }
        }
        out
    }

    /// Runs `q`: the matching records of its object, ordered, paged by `LIMIT`/`OFFSET` and
    /// projected to the selected fields (with `attributes`), or the count for `COUNT()`.
    pub fn query(&self, q: &Query) -> Result<QueryResult, SoqlError> {
        let known = key_prefix(&q.object).is_some();
        if !known {
            return Err(SoqlError {
                code: "INVALID_TYPE",
                message: format!("sObject type '{}' is not supported.", q.object),
            });
        }
        let empty = Vec::new();
        let all = self.objects.get(&q.object).unwrap_or(&empty);
        let mut parents: Vec<String> = Vec::new();
        let mut note_parent = |path: &[String]| {
            if path.len() == 2 && !parents.contains(&path[0]) {
                parents.push(path[0].clone());
            }
        };
        if let Select::Fields(fields) = &q.select {
            for f in fields {
                if let Field::Path(p) = f {
                    note_parent(p);
                }
            }
        }
        for (p, _) in &q.order {
            note_parent(p);
        }
        if let Some(filter) = &q.filter {
            filter_paths(filter, &mut note_parent);
        }
        let mut rows: Vec<Value> = all
            .iter()
            .map(|r| self.with_parents(r, &parents))
            .filter(|r| q.filter.as_ref().is_none_or(|f| soql::matches(f, r)))
            .collect();
        rows.sort_by(|a, b| {
            for (path, desc) in &q.order {
                let ord = order_values(soql::field(a, path), soql::field(b, path));
                if ord != Ordering::Equal {
                    return if *desc { ord.reverse() } else { ord };
                }
            }
            Ordering::Equal
        });
        let rows: Vec<Value> = rows
            .into_iter()
            .skip(q.offset.unwrap_or(0))
            .take(q.limit.unwrap_or(usize::MAX))
            .collect();
        let fields = match &q.select {
            Select::Count => return Ok(QueryResult::Count(rows.len())),
            Select::Fields(f) => f,
        };
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(self.project(&q.object, row, fields)?);
        }
        Ok(QueryResult::Records(out))
    }

    fn project(&self, object: &str, row: &Value, fields: &[Field]) -> Result<Value, SoqlError> {
        let mut rec = Map::new();
        rec.insert("attributes".into(), row["attributes"].clone());
        for f in fields {
            match f {
                Field::Path(p) if p.len() == 1 => {
                    if !has_field(object, &p[0]) {
                        return Err(invalid_field(object, &p[0]));
                    }
                    let v = soql::field(row, p).cloned().unwrap_or(Value::Null);
                    rec.insert(canonical_name(object, &p[0]), v);
                }
                Field::Path(p) => {
                    let parent = soql::field(row, &p[..1]).cloned().unwrap_or(Value::Null);
                    let entry = rec.entry(p[0].clone()).or_insert_with(|| match &parent {
                        Value::Object(o) => {
                            let mut m = Map::new();
                            m.insert("attributes".into(), o["attributes"].clone());
                            Value::Object(m)
                        }
                        _ => Value::Null,
                    });
                    if let (Value::Object(m), Value::Object(_)) = (entry, &parent) {
                        let parent_object =
                            parent["attributes"]["type"].as_str().unwrap_or_default();
                        if !has_field(parent_object, &p[1]) {
                            return Err(invalid_field(parent_object, &p[1]));
                        }
                        let v = soql::field(&parent, &p[1..])
                            .cloned()
                            .unwrap_or(Value::Null);
                        m.insert(canonical_name(parent_object, &p[1]), v);
                    }
                }
                Field::Children(sub) => {
                    // The child rows whose lookup to this object points at this record.
                    let lookup = if sub.object.eq_ignore_ascii_case("CaseComments") {
                        "ParentId".to_string()
                    } else {
                        format!("{object}Id")
                    };
                    let id = row["Id"].as_str().unwrap_or_default();
                    let child_object = child_object_of(&sub.object);
                    let mut child_q = (**sub).clone();
                    child_q.object = child_object.to_string();
                    let QueryResult::Records(children) = self.query(&child_q)? else {
                        continue;
                    };
                    let mine: Vec<Value> = children
                        .into_iter()
                        .filter(|c| {
                            self.get(
                                child_object,
                                c["attributes"]["url"]
                                    .as_str()
                                    .and_then(|u| u.rsplit('/').next())
                                    .unwrap_or_default(),
                            )
                            .and_then(|full| soql::field(full, std::slice::from_ref(&lookup)))
                            .and_then(Value::as_str)
                                == Some(id)
                        })
                        .collect();
                    let v = if mine.is_empty() {
                        Value::Null
                    } else {
                        serde_json::json!({"totalSize": mine.len(), "done": true, "records": mine})
                    };
                    rec.insert(sub.object.clone(), v);
                }
            }
        }
        Ok(Value::Object(rec))
    }
}

/// Every field path a filter reads.
fn filter_paths(e: &soql::Expr, visit: &mut impl FnMut(&[String])) {
    match e {
        soql::Expr::And(a, b) | soql::Expr::Or(a, b) => {
            filter_paths(a, visit);
            filter_paths(b, visit);
        }
        soql::Expr::Compare(p, _, _) | soql::Expr::In(p, _, _) => visit(p),
    }
}

/// The child object behind a relationship name (`OrderItems` → `OrderItem`,
/// `CaseComments` → `CaseComment`).
fn child_object_of(relationship: &str) -> &str {
    relationship.strip_suffix('s').unwrap_or(relationship)
}

/// The field's name as the schema spells it (queries may use any case).
fn canonical_name(object: &str, name: &str) -> String {
    fields_of(object)
        .iter()
        .find(|f| f.eq_ignore_ascii_case(name))
        .map_or_else(|| name.to_string(), |f| (*f).to_string())
}

/// `ORDER BY` order: nulls first (Salesforce's default for ascending), then by value.
fn order_values(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    let a = a.unwrap_or(&Value::Null);
    let b = b.unwrap_or(&Value::Null);
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

#[derive(Debug, PartialEq)]
pub enum QueryResult {
    Records(Vec<Value>),
    Count(usize),
}

#[cfg(test)]
mod tests;
