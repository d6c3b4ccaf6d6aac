//! The catalog and orders in Salesforce (contract A5, A7; seed 004 phases 3–4): price book
//! entries of the "Portal" price book with their products, the account's eligibility keys,
//! an Order with its OrderItems created in one all-or-none composite call, the order's status
//! and the provisioning fields fulfilment writes back.

use super::client::{SalesforceClient, SalesforceError};
use super::soql::literal;
use reqwest::Method;
use serde::Deserialize;
use serde_json::{json, Value};

/// A price book entry with its product, as the catalog query returns it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SfCatalogEntry {
    pub id: String,
    pub pricebook2_id: String,
    pub unit_price: f64,
    pub product2: SfProduct,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SfProduct {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "StockKeepingUnit", default)]
    pub sku: Option<String>,
    #[serde(rename = "Description", default)]
    pub description: Option<String>,
    #[serde(rename = "Product2Categories1__c", default)]
    pub category: Option<String>,
    #[serde(rename = "Item_Class__c", default)]
    pub item_class: Option<String>,
    #[serde(rename = "Portal_Accessible__c", default)]
    pub accessible: Option<bool>,
    #[serde(rename = "Portal_ConfigOptions_JSON__c", default)]
    pub options_json: Option<String>,
    #[serde(rename = "WHMCS_Product_ID__c", default)]
    pub whmcs_product_id: Option<f64>,
    #[serde(rename = "SIM_Plan_Code__c", default)]
    pub sim_plan_code: Option<String>,
    #[serde(rename = "Billing_Cycle__c", default)]
    pub billing_cycle: Option<String>,
    #[serde(rename = "Valid_From__c", default)]
    pub valid_from: Option<String>,
    #[serde(rename = "Valid_Until__c", default)]
    pub valid_until: Option<String>,
    #[serde(rename = "Eligibility_Key__c", default)]
    pub eligibility_key: Option<String>,
}

/// An order as fulfilment and the status page read it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct SfOrder {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "AccountId", default)]
    pub account_id: Option<String>,
    #[serde(rename = "Status", default)]
    pub status: Option<String>,
    #[serde(rename = "OrderNumber", default)]
    pub order_number: Option<String>,
    #[serde(rename = "Provisioning_Status__c", default)]
    pub provisioning_status: Option<String>,
    #[serde(rename = "Portal_Cart_Key__c", default)]
    pub cart_key: Option<String>,
}

/// One line of a new order: the entry, the quantity and the snapshots seed 004 asks for.
#[derive(Debug, Clone)]
pub struct NewOrderItem {
    pub pricebook_entry_id: String,
    pub quantity: u32,
    pub unit_price: f64,
    pub billing_cycle: String,
    pub options_json: String,
}

#[derive(Debug, Clone)]
pub struct NewOrder {
    pub account_id: String,
    pub pricebook_id: String,
    /// JST date, `YYYY-MM-DD`.
    pub effective_date: String,
    pub status: String,
    pub cart_key: String,
    /// The address snapshot, as text.
    pub description: String,
    pub items: Vec<NewOrderItem>,
}

/// Provisioning fields written back (seed 004 phase 1); `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct Provisioning {
    pub status: Option<String>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub whmcs_order_id: Option<u64>,
    pub esim_iccid: Option<String>,
    pub attempt_count: Option<u32>,
}

const ORDER_FIELDS: &str =
    "Id, AccountId, Status, OrderNumber, Provisioning_Status__c, Portal_Cart_Key__c";

/// The first error of a composite answer that is not `PROCESSING_HALTED` (contract A5).
fn composite_error(results: &[Value]) -> Option<SalesforceError> {
    let failed: Vec<&Value> = results
        .iter()
        .filter(|r| {
            r["httpStatusCode"]
                .as_u64()
                .is_none_or(|c| !(200..300).contains(&c))
        })
        .collect();
    let first = failed
        .iter()
        .find(|r| r["body"][0]["errorCode"] != "PROCESSING_HALTED")
        .or(failed.first())?;
    Some(SalesforceError::Api {
        what: "composite order".into(),
        status: first["httpStatusCode"].as_u64().unwrap_or(400) as u16,
        code: first["body"][0]["errorCode"]
            .as_str()
            .unwrap_or_default()
            .into(),
        message: first["body"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .into(),
        fields: first["body"][0]["fields"]
            .as_array()
            .map(|f| {
                f.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
    })
}

impl SalesforceClient {
    /// Every active entry of price book `pricebook` whose product is in the portal catalog.
    pub async fn catalog_entries(
        &self,
        pricebook: &str,
    ) -> Result<Vec<SfCatalogEntry>, SalesforceError> {
        let q = format!(
            "SELECT Id, Pricebook2Id, UnitPrice, Product2.Id, Product2.Name, \
             Product2.StockKeepingUnit, Product2.Description, Product2.Product2Categories1__c, \
             Product2.Item_Class__c, Product2.Portal_Accessible__c, \
             Product2.Portal_ConfigOptions_JSON__c, Product2.WHMCS_Product_ID__c, \
             Product2.SIM_Plan_Code__c, Product2.Billing_Cycle__c, Product2.Valid_From__c, \
             Product2.Valid_Until__c, Product2.Eligibility_Key__c \
             FROM PricebookEntry WHERE Pricebook2.Name = {} AND IsActive = true \
             AND Product2.Portal_Catalog__c = true AND Product2.IsActive = true \
             ORDER BY Product2.Name",
            literal(pricebook)
        );
        self.query(&q).await
    }

    /// The account's eligibility keys (`Portal_Eligibility__c`, semicolon-separated).
    pub async fn account_eligibility(
        &self,
        account_id: &str,
    ) -> Result<Vec<String>, SalesforceError> {
        let rows: Vec<Value> = self
            .query(&format!(
                "SELECT Portal_Eligibility__c FROM Account WHERE Id = {}",
                literal(account_id)
            ))
            .await?;
        Ok(rows
            .first()
            .and_then(|r| r["Portal_Eligibility__c"].as_str())
            .map(|s| {
                s.split(';')
                    .map(|k| k.trim().to_string())
                    .filter(|k| !k.is_empty())
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Creates the order and its items in one all-or-none composite call; the order id.
    /// Sent once: after a lost answer, look for the cart key ([`Self::order_by_cart_key`]).
    pub async fn create_order(&self, order: &NewOrder) -> Result<String, SalesforceError> {
        let base = format!("/services/data/{}/sobjects", self.api_version());
        let mut subs = vec![json!({
            "method": "POST", "url": format!("{base}/Order"), "referenceId": "refOrder",
            "body": {
                "AccountId": order.account_id, "Pricebook2Id": order.pricebook_id,
                "EffectiveDate": order.effective_date, "Status": order.status,
                "Portal_Cart_Key__c": order.cart_key, "Description": order.description,
            },
        })];
        for (n, item) in order.items.iter().enumerate() {
            subs.push(json!({
                "method": "POST", "url": format!("{base}/OrderItem"), "referenceId": format!("item{n}"),
                "body": {
                    "OrderId": "@{refOrder.id}", "PricebookEntryId": item.pricebook_entry_id,
                    "Quantity": item.quantity, "UnitPrice": item.unit_price,
                    "Billing_Cycle__c": item.billing_cycle,
                    "ConfigOptions_JSON__c": item.options_json,
                },
            }));
        }
        let body = json!({"allOrNone": true, "compositeRequest": subs});
        let (_, text) = self
            .send_once("composite order", Method::POST, "composite", &body)
            .await?;
        let reply: Value = serde_json::from_str(&text)
            .map_err(|e| SalesforceError::Decode(format!("composite: {e}")))?;
        let results = reply["compositeResponse"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if let Some(e) = composite_error(&results) {
            return Err(e);
        }
        results
            .first()
            .and_then(|r| r["body"]["id"].as_str())
            .map(str::to_string)
            .ok_or_else(|| SalesforceError::Decode("composite: no order id".into()))
    }

    /// The account's orders made from checkouts with `cart_key` (the same cart ordered again
    /// after an earlier order ended shares the key), newest first.
    pub async fn orders_by_cart_key(
        &self,
        account_id: &str,
        cart_key: &str,
    ) -> Result<Vec<SfOrder>, SalesforceError> {
        self.query(&format!(
            "SELECT {ORDER_FIELDS} FROM Order WHERE AccountId = {} AND Portal_Cart_Key__c = {} \
             ORDER BY CreatedDate DESC LIMIT 20",
            literal(account_id),
            literal(cart_key)
        ))
        .await
    }

    pub async fn order(&self, id: &str) -> Result<Option<SfOrder>, SalesforceError> {
        let rows: Vec<SfOrder> = self
            .query(&format!(
                "SELECT {ORDER_FIELDS} FROM Order WHERE Id = {}",
                literal(id)
            ))
            .await?;
        Ok(rows.into_iter().next())
    }

    /// Which of `ids` are approved (the sweep that finds approvals whose event was missed).
    pub async fn approved_among(&self, ids: &[String]) -> Result<Vec<String>, SalesforceError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list: Vec<String> = ids.iter().map(|i| literal(i)).collect();
        let rows: Vec<SfOrder> = self
            .query(&format!(
                "SELECT {ORDER_FIELDS} FROM Order WHERE Status = 'Approved' AND Id IN ({})",
                list.join(", ")
            ))
            .await?;
        Ok(rows.into_iter().map(|o| o.id).collect())
    }

    /// Writes the provisioning fields (and `Last_Provisioning_At__c`) to the order.
    pub async fn set_provisioning(
        &self,
        order_id: &str,
        p: &Provisioning,
    ) -> Result<(), SalesforceError> {
        let mut f = serde_json::Map::new();
        f.insert(
            "Last_Provisioning_At__c".into(),
            json!(chrono::Utc::now()
                .format("%Y-%m-%dT%H:%M:%S.000Z")
                .to_string()),
        );
        let mut put = |k: &str, v: Option<Value>| {
            if let Some(v) = v {
                f.insert(k.into(), v);
            }
        };
        put("Provisioning_Status__c", p.status.clone().map(Value::from));
        put(
            "Provisioning_Error_Code__c",
            p.error_code.clone().map(Value::from),
        );
        put(
            "Provisioning_Error_Message__c",
            p.error_message.clone().map(Value::from),
        );
        put(
            "WHMCS_Order_ID__c",
            p.whmcs_order_id.map(|i| json!(i.to_string())),
        );
        put("ESIM_ICCID__c", p.esim_iccid.clone().map(Value::from));
        put("Attempt_Count__c", p.attempt_count.map(Value::from));
        self.update("Order", order_id, &Value::Object(f)).await
    }

    /// Publishes `OrderProvisionRequested__e` (what the org's Flow does on approval).
    pub async fn publish_provision_request(
        &self,
        order_id: &str,
        idem_key: &str,
    ) -> Result<(), SalesforceError> {
        self.create(
            "OrderProvisionRequested__e",
            &json!({"OrderId__c": order_id, "IdemKey__c": idem_key}),
        )
        .await
        .map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_composite_error_is_the_one_that_is_not_halted() {
        let results = vec![
            json!({"httpStatusCode": 400, "body": [{"errorCode": "PROCESSING_HALTED", "message": "rolled back"}]}),
            json!({"httpStatusCode": 400, "body": [{"errorCode": "FIELD_INTEGRITY_EXCEPTION", "message": "wrong book", "fields": ["PricebookEntryId"]}]}),
        ];
        let e = composite_error(&results).unwrap();
        assert_eq!(e.code(), Some("FIELD_INTEGRITY_EXCEPTION"));
        assert!(
            composite_error(&[json!({"httpStatusCode": 201, "body": {"id": "801"}})]).is_none()
        );
    }
}
