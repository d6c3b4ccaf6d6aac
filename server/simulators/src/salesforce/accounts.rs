//! The org's customers: accounts with a customer number (`AccountNumber`) and a primary
//! contact, seeded from [`crate::demo::SF_ACCOUNTS`] and added by tests through
//! [`SalesforceSim::add_account`] (or `POST /_sim/control/salesforce/accounts`).

use super::SalesforceSim;
use crate::faults::Faults;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// A new account to add; every field may be left out (`{}` makes a fresh newcomer).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewAccount {
    pub customer_number: Option<String>,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub email: Option<String>,
    pub whmcs_client_id: Option<u64>,
}

/// What was added (camelCase JSON on the control endpoint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddedAccount {
    pub account_id: String,
    pub contact_id: String,
    pub customer_number: String,
    pub email: String,
    pub name: String,
}

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

impl SalesforceSim {
    /// The org with the demo accounts.
    pub fn new(public_base: &str, faults: Faults) -> Self {
        let sim = SalesforceSim::empty(public_base, faults);
        for a in crate::demo::SF_ACCOUNTS {
            sim.add_account(NewAccount {
                customer_number: Some(a.customer_number.into()),
                firstname: Some(a.firstname.into()),
                lastname: Some(a.lastname.into()),
                email: Some(a.email.into()),
                whmcs_client_id: a.whmcs_client_id,
            });
        }
        sim.seed_catalog();
        // The first demo customer lives where the fibre plan is offered.
        sim.with_records(|r| {
            let first = r
                .all("Account")
                .into_iter()
                .find(|a| a["AccountNumber"] == crate::demo::SF_ACCOUNTS[0].customer_number);
            if let Some(id) = first.as_ref().and_then(|a| a["Id"].as_str()) {
                r.update(
                    "Account",
                    id,
                    object(json!({"Portal_Eligibility__c": "fibre-tokyo"})),
                );
            }
        });
        sim
    }

    /// Adds an account and its primary contact; unset fields get fresh values (a random
    /// customer number `SNX-9xxxxxx`, an email `newcomer+<n>@example.com`).
    pub fn add_account(&self, new: NewAccount) -> AddedAccount {
        self.with_records(|r| {
            let n = r.count("Account") + 1;
            let customer_number = new
                .customer_number
                .unwrap_or_else(|| format!("SNX-9{:06}", rand::random::<u32>() % 1_000_000));
            let firstname = new.firstname.unwrap_or_else(|| "Yui".into());
            let lastname = new.lastname.unwrap_or_else(|| format!("Newcomer{n}"));
            let email = new
                .email
                .unwrap_or_else(|| format!("newcomer+{n}.{}@example.com", rand::random::<u16>()));
            let name = format!("{firstname} {lastname}");
            let linked = new.whmcs_client_id.is_some();
            let account_id = r
                .insert(
                    "Account",
                    object(json!({
                        "Name": name,
                        "AccountNumber": customer_number,
                        "Phone": "+81-3-5555-0100",
                        "BillingCountry": "Japan",
                        // A Number(18,0) field: JSON numbers with a fraction, as the REST API answers.
                        "WHMCS_Client_ID__c": new.whmcs_client_id.map(|id| id as f64),
                        "Portal_Status__c": if linked { "Active" } else { "Not Yet Registered" },
                    })),
                )
                .unwrap_or_default();
            let contact_id = r
                .insert(
                    "Contact",
                    object(json!({
                        "AccountId": account_id,
                        "FirstName": firstname,
                        "LastName": lastname,
                        "Email": email,
                    })),
                )
                .unwrap_or_default();
            AddedAccount {
                account_id,
                contact_id,
                customer_number,
                email,
                name,
            }
        })
    }

    /// Every record of `object` as stored (for tests' assertions).
    pub fn records(&self, object: &str) -> Vec<Value> {
        self.with_records(|r| r.all(object))
    }
}
