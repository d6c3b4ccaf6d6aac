//! WHMCS response shapes, parsed leniently: every number may be a string, collections may be
//! `""` or wrapped (`products.product[]`), dates may be `0000-00-00`, text may carry HTML
//! entities (decoded by the client before display). Unknown fields are kept in `extra`.

use crate::lenient;
use app::domain::ServiceStatus;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Debug, Clone, Deserialize)]
pub struct ProductsPage {
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub totalresults: u64,
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub startnumber: u64,
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub numreturned: u64,
    #[serde(default, deserialize_with = "lenient::wrapped_vec")]
    pub products: Vec<Product>,
}

/// Serializable so the cache can keep it; the lenient readers accept what it writes.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Product {
    /// The service id.
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub id: u64,
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub clientid: u64,
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub pid: u64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub translated_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub groupname: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub status: String,
    #[serde(default, deserialize_with = "lenient::opt_date")]
    pub regdate: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_date")]
    pub nextduedate: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub billingcycle: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub recurringamount: Option<String>,
    #[serde(default, deserialize_with = "lenient::wrapped_vec")]
    pub customfields: Vec<CustomField>,
    #[serde(default, deserialize_with = "lenient::wrapped_vec")]
    pub configoptions: Vec<Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CustomField {
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub id: u64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub value: String,
}

impl Product {
    /// The value of custom field `field_id`, entity-decoded and trimmed; `None` when unset.
    pub fn custom_field(&self, field_id: u64) -> Option<String> {
        self.customfields
            .iter()
            .find(|f| f.id == field_id)
            .map(|f| lenient::decode_html(&f.value))
            .filter(|v| !v.is_empty())
    }

    /// The name to show: the translated one when present, entities decoded.
    pub fn display_name(&self) -> String {
        let raw = self
            .translated_name
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(&self.name);
        lenient::decode_html(raw)
    }

    /// The service's billing status in the portal's words (WHMCS: Active, Pending,
    /// Suspended, Terminated, Cancelled, Fraud, …; compared without case).
    pub fn service_status(&self) -> ServiceStatus {
        let s = self.status.trim();
        match s.to_ascii_lowercase().as_str() {
            "active" => ServiceStatus::Active,
            "pending" => ServiceStatus::Pending,
            "suspended" => ServiceStatus::Suspended,
            "terminated" => ServiceStatus::Terminated,
            "cancelled" => ServiceStatus::Cancelled,
            _ => ServiceStatus::Other(s.to_string()),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ClientDetails {
    pub client: Client,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Client {
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub id: u64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub firstname: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub lastname: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub status: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub credit: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub currency_code: Option<String>,
    #[serde(
        default,
        rename = "allowSingleSignOn",
        deserialize_with = "lenient::opt_string"
    )]
    pub allow_single_sign_on: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub companyname: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub address1: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub address2: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub city: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub state: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub postcode: String,
    /// ISO-2 (`countrycode` carries the same on most installs).
    #[serde(default, deserialize_with = "lenient::string")]
    pub country: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub phonenumber: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// AddClient / UpdateClient answer the client id (a string on most installs).
#[derive(Debug, Clone, Deserialize)]
pub struct ClientId {
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub clientid: u64,
}

/// One row of GetClients.
#[derive(Debug, Clone, Deserialize)]
pub struct ClientSummary {
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub id: u64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ClientsPage {
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub totalresults: u64,
    #[serde(default, deserialize_with = "lenient::wrapped_vec")]
    pub clients: Vec<ClientSummary>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ValidateLogin {
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub userid: u64,
    #[serde(
        default,
        rename = "twoFactorEnabled",
        deserialize_with = "lenient::opt_string"
    )]
    pub two_factor_enabled: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CreatedInvoice {
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub invoiceid: u64,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub status: Option<String>,
}

/// What an invoice's status means for a payment that was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Paid,
    /// Cancelled or Refunded: it will not be paid.
    Closed,
    /// Unpaid, Payment Pending, Draft, Collections, …: it may still be paid.
    Open,
}

impl Standing {
    pub fn of(status: &str) -> Standing {
        let is = |s: &str| status.trim().eq_ignore_ascii_case(s);
        if is("Paid") {
            Standing::Paid
        } else if is("Cancelled") || is("Refunded") {
            Standing::Closed
        } else {
            Standing::Open
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Invoice {
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub invoiceid: u64,
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub userid: u64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub status: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub total: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub balance: String,
    #[serde(default, deserialize_with = "lenient::opt_date")]
    pub date: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_date")]
    pub duedate: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_date")]
    pub datepaid: Option<String>,
    #[serde(default, deserialize_with = "lenient::wrapped_vec")]
    pub items: Vec<InvoiceItem>,
    #[serde(default, deserialize_with = "lenient::wrapped_vec")]
    pub transactions: Vec<Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Invoice {
    pub fn standing(&self) -> Standing {
        Standing::of(&self.status)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct InvoiceItem {
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub id: u64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub amount: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InvoicesPage {
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub totalresults: u64,
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub numreturned: u64,
    #[serde(default, deserialize_with = "lenient::wrapped_vec")]
    pub invoices: Vec<InvoiceSummary>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InvoiceSummary {
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub id: u64,
    /// Free text; the portal writes its reference here.
    #[serde(default, deserialize_with = "lenient::string")]
    pub notes: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub status: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub total: String,
    #[serde(default, deserialize_with = "lenient::opt_date")]
    pub date: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_date")]
    pub duedate: Option<String>,
}

/// GetUsers: `users[]` (a plain array), each with the clients it belongs to.
#[derive(Debug, Clone, Deserialize)]
pub struct UsersPage {
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub totalresults: u64,
    #[serde(default, deserialize_with = "lenient::wrapped_vec")]
    pub users: Vec<User>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct User {
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub id: u64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
    #[serde(default, deserialize_with = "lenient::wrapped_vec")]
    pub clients: Vec<UserClient>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UserClient {
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub id: u64,
    /// `true`, `1`, `"1"` or `"true"` for the owner.
    #[serde(rename = "isOwner", default, deserialize_with = "lenient::string")]
    pub is_owner: String,
}

impl UserClient {
    pub fn owner(&self) -> bool {
        matches!(self.is_owner.trim(), "true" | "1" | "on" | "yes")
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct NewBalance {
    #[serde(deserialize_with = "lenient::string")]
    pub newbalance: String,
}

/// GetCredits: the credit log, `credits.credit[]` (or `""` when empty).
#[derive(Debug, Clone, Deserialize)]
pub struct Credits {
    #[serde(default, deserialize_with = "lenient::wrapped_vec")]
    pub credits: Vec<Credit>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Credit {
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub id: u64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub amount: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SsoToken {
    #[serde(deserialize_with = "lenient::string")]
    pub access_token: String,
    #[serde(deserialize_with = "lenient::string")]
    pub redirect_url: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PayMethods {
    #[serde(default, deserialize_with = "lenient::wrapped_vec")]
    pub paymethods: Vec<PayMethod>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PayMethod {
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub id: u64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub r#type: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub card_last_four: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The documented GetClientsProducts example, quirks included.
    const PRODUCTS: &str = r#"{"result":"success","clientid":"42","serviceid":null,"pid":null,"domain":null,"totalresults":"1","startnumber":0,"numreturned":1,
 "products":{"product":[{"id":"1001","qty":"1","clientid":"42","orderid":"77","pid":"5","regdate":"2025-01-10",
  "name":"SIM 10GB &amp; Calls","translated_name":"SIM 10GB &amp; Calls","groupname":"Mobile","translated_groupname":"Mobile",
  "recurringamount":"15.00","paymentmethod":"stripe","billingcycle":"Monthly","nextduedate":"0000-00-00","status":"Active",
  "customfields":{"customfield":[{"id":"7","name":"MSISDN","translated_name":"MSISDN","value":" 447700900123 "}]},
  "configoptions":{"configoption":[{"id":"3","option":"Data Bundle","type":"dropdown","value":"10GB"}]}}]}}"#;

    #[test]
    fn products_example_parses() {
        let page: ProductsPage = serde_json::from_str(PRODUCTS).unwrap();
        assert_eq!((page.totalresults, page.numreturned), (1, 1));
        let p = &page.products[0];
        assert_eq!((p.id, p.clientid), (1001, 42));
        assert_eq!(p.display_name(), "SIM 10GB & Calls");
        assert_eq!(p.custom_field(7).as_deref(), Some("447700900123"));
        assert_eq!(p.custom_field(8), None);
        assert_eq!(p.nextduedate, None);
        assert_eq!(p.extra["qty"], "1");
    }

    #[test]
    fn empty_products_is_an_empty_string() {
        let page: ProductsPage = serde_json::from_str(
            r#"{"result":"success","totalresults":0,"startnumber":0,"numreturned":0,"products":""}"#,
        )
        .unwrap();
        assert!(page.products.is_empty());
    }

    #[test]
    fn invoice_with_empty_transactions() {
        let inv: Invoice = serde_json::from_str(r#"{"result":"success","invoiceid":9001,"invoicenum":"","userid":42,"date":"2026-01-20","duedate":"2026-01-20","datepaid":"0000-00-00 00:00:00",
 "subtotal":"5.00","total":"6.00","balance":"6.00","status":"Unpaid","ccgateway":true,
 "items":{"item":[{"id":1,"type":"","relid":0,"description":"Data top-up 5GB","amount":"5.00","taxed":1}]},"transactions":""}"#).unwrap();
        assert_eq!(inv.datepaid, None);
        assert!(inv.transactions.is_empty());
        assert_eq!(inv.items[0].description, "Data top-up 5GB");
    }

    #[test]
    fn paymethods_are_flat() {
        let pm: PayMethods = serde_json::from_str(r#"{"result":"success","clientid":"1","paymethods":[{"id":3,"type":"RemoteCreditCard","description":"Visa","gateway_name":"stripe","card_last_four":"4242"}]}"#).unwrap();
        assert_eq!(pm.paymethods[0].card_last_four.as_deref(), Some("4242"));
    }

    #[test]
    fn service_statuses_are_case_insensitive() {
        let p = |status: &str| -> Product {
            serde_json::from_value(
                serde_json::json!({"id": "1", "clientid": "2", "status": status}),
            )
            .unwrap()
        };
        assert_eq!(p("Active").service_status(), ServiceStatus::Active);
        assert_eq!(p("SUSPENDED").service_status(), ServiceStatus::Suspended);
        assert_eq!(
            p("Fraud").service_status(),
            ServiceStatus::Other("Fraud".into())
        );
    }

    /// Only Paid is paid, only Cancelled and Refunded are over; every other status (Unpaid,
    /// Payment Pending, Draft, Collections, one WHMCS adds later) may still be paid.
    #[test]
    fn an_invoice_stands_paid_closed_or_open() {
        assert_eq!(Standing::of("Paid"), Standing::Paid);
        assert_eq!(Standing::of(" paid "), Standing::Paid);
        assert_eq!(Standing::of("Cancelled"), Standing::Closed);
        assert_eq!(Standing::of("Refunded"), Standing::Closed);
        for open in [
            "Unpaid",
            "Payment Pending",
            "Draft",
            "Collections",
            "Overdue",
            "",
        ] {
            assert_eq!(Standing::of(open), Standing::Open, "{open}");
        }
    }
}
