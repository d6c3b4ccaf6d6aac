//! eSIM Go's wire format (contract `esimgo.md`), read leniently: every field defaults, unknown
//! fields are ignored, money is a float, ICCIDs may arrive as numbers, enum-like strings are
//! compared without case. Only `client.rs` turns these into the portal's types.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// A string that may arrive as a JSON number (ICCIDs in some callbacks, ids).
pub fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    })
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct Country {
    pub name: String,
    pub region: String,
    pub iso: String,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct CatalogueBundle {
    pub name: String,
    pub description: String,
    pub countries: Vec<Country>,
    /// MB; -1 (or any negative) with `unlimited`.
    pub data_amount: f64,
    /// Days.
    pub duration: u32,
    pub speed: Vec<String>,
    pub autostart: bool,
    pub unlimited: bool,
    pub image_url: String,
    pub price: f64,
    /// `/catalogue` says `groups`, `/catalogue/bundle/{name}` says `group`.
    #[serde(alias = "group")]
    pub groups: Vec<String>,
    pub billing_type: String,
}

/// The live API answers `{bundles, pageCount, rows, pageSize}`; the spec says a bare array.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum CatalogueAnswer {
    Page {
        bundles: Vec<CatalogueBundle>,
        #[serde(default, rename = "pageCount")]
        page_count: u32,
        #[serde(default)]
        rows: u32,
    },
    Bare(Vec<CatalogueBundle>),
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderRequest<'a> {
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub assign: bool,
    pub order: Vec<OrderLineRequest<'a>>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderLineRequest<'a> {
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub quantity: u32,
    pub item: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub iccids: Vec<&'a str>,
    pub allow_reassign: bool,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct OrderAnswer {
    pub order: Vec<OrderLine>,
    pub total: f64,
    pub valid: Option<bool>,
    pub currency: String,
    pub status: String,
    pub status_message: String,
    pub order_reference: String,
    /// `createdDate` on an order, `createDate` in the list.
    #[serde(alias = "createDate")]
    pub created_date: String,
    pub assigned: bool,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct OrderLine {
    pub item: String,
    pub quantity: u32,
    pub sub_total: f64,
    pub price_per_unit: f64,
    #[serde(deserialize_with = "lenient_strings")]
    pub iccids: Vec<String>,
    pub esims: Vec<OrderEsim>,
}

fn lenient_strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(a) => a
            .into_iter()
            .map(|v| match v {
                Value::String(s) => s,
                other => other.to_string(),
            })
            .collect(),
        _ => Vec::new(),
    })
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct OrderEsim {
    #[serde(deserialize_with = "lenient_string")]
    pub iccid: String,
    pub matching_id: String,
    pub smdp_address: String,
}

/// `GET /orders`: an array, `{"orders":[…]}` or one object (contract §3).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OrderList {
    Wrapped { orders: Vec<OrderAnswer> },
    Bare(Vec<OrderAnswer>),
    One(Box<OrderAnswer>),
}

/// One row of `GET /esims/assignments` (JSON).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct InstallRow {
    #[serde(deserialize_with = "lenient_string")]
    pub iccid: String,
    pub matching_id: String,
    pub smdp_address: String,
    pub profile_status: String,
}

/// One object or an array of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    Many(Vec<T>),
    One(T),
}

impl<T> OneOrMany<T> {
    pub fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::Many(v) => v,
            OneOrMany::One(t) => vec![t],
        }
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct EsimDetails {
    #[serde(deserialize_with = "lenient_string")]
    pub iccid: String,
    pub matching_id: String,
    pub smdp_address: String,
    pub profile_status: String,
    /// Epoch ms here, an ISO string elsewhere.
    pub first_installed_date_time: Value,
    pub customer_ref: String,
    pub apple_install_url: String,
    pub state: String,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct BundlesAnswer {
    pub bundles: Vec<EsimBundle>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct EsimBundle {
    pub name: String,
    pub description: String,
    pub assignments: Vec<BundleAssignment>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct BundleAssignment {
    #[serde(deserialize_with = "lenient_string")]
    pub id: String,
    /// Bytes.
    pub initial_quantity: f64,
    /// Bytes.
    pub remaining_quantity: f64,
    pub assignment_date_time: String,
    pub assignment_reference: String,
    pub bundle_state: String,
    pub unlimited: bool,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct HistoryEntry {
    pub name: String,
    pub bundle_name: String,
    pub date: String,
    pub alert_type: String,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct Organisation {
    pub name: String,
    pub currency: String,
    pub balance: f64,
    pub callback_url: Option<String>,
}

/// Every error body: `{"message": …}` (some answers are plain text instead).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ErrorBody {
    pub message: String,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_live_catalogue_shape_and_the_spec_shape_both_parse() {
        // The live answer saved in the contract (CAT).
        let live = r#"{"bundles":[{"name":"esim_1GB_7D_AD_V2","description":"eSIM, 1GB, 7 Days, Andorra, V2",
         "countries":[{"name":"Andorra","region":"Europe","iso":"AD"}],"dataAmount":1000,"duration":7,
         "speed":["2G","3G","4G","5G"],"autostart":true,"unlimited":false,"imageUrl":"https://x/Andorra.jpg",
         "price":6.9,"groups":["Standard Fixed"],"billingType":"FixedCost",
         "allowances":[{"type":"DATA","service":"ROAMING","description":"x","amount":1000,"unit":"MB","unlimited":false}]}],
         "pageCount":5148,"rows":5148,"pageSize":1}"#;
        match serde_json::from_str::<CatalogueAnswer>(live).unwrap() {
            CatalogueAnswer::Page { bundles, rows, .. } => {
                assert_eq!(rows, 5148);
                assert_eq!(bundles[0].price, 6.9);
                assert_eq!(bundles[0].countries[0].iso, "AD");
            }
            CatalogueAnswer::Bare(_) => panic!("object read as array"),
        }
        let bare = r#"[{"name":"b","group":["Standard Fixed"],"dataAmount":1000}]"#;
        match serde_json::from_str::<CatalogueAnswer>(bare).unwrap() {
            CatalogueAnswer::Bare(b) => assert_eq!(b[0].groups, ["Standard Fixed"]),
            CatalogueAnswer::Page { .. } => panic!("array read as object"),
        }
    }

    #[test]
    fn numeric_iccids_and_the_list_date_spelling_are_read() {
        let o: OrderAnswer = serde_json::from_str(
            r#"{"order":[{"item":"b","quantity":1,"iccids":[8944123456789012345],"AllowReassign":false}],
                "createDate":"2024-01-01T00:00:00Z","orderReference":"r"}"#,
        )
        .unwrap();
        assert_eq!(o.order[0].iccids, ["8944123456789012345"]);
        assert_eq!(o.created_date, "2024-01-01T00:00:00Z");
        let list: OrderList = serde_json::from_str(r#"[{"orderReference":"a"}]"#).unwrap();
        assert!(matches!(list, OrderList::Bare(ref v) if v[0].order_reference == "a"));
    }
}
