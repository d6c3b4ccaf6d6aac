//! The records the portal reads and writes, as typed values: the customer's account (found
//! by customer number or by WHMCS client), its primary contact, and support cases with their
//! comments. Every SOQL value is an escaped literal; field names come from code or from
//! [`AccountFields`], which are checked to be plain identifiers.

use super::client::{SalesforceClient, SalesforceError};
use super::soql::{is_field_name, literal};
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// The org's names for the Account fields seed 004 needs (their API names differ per org:
/// `SF_CUSTOMER_NUMBER_FIELD`, `SF_WHMCS_CLIENT_FIELD`, `SF_PORTAL_STATUS_FIELD`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountFields {
    /// The customer number a newcomer signs up with (standard: `AccountNumber`).
    pub customer_number: String,
    /// Where the WHMCS client id is written back (a Number or Text field).
    pub whmcs_client_id: String,
    /// Where the portal status is written back ("Active" once linked).
    pub portal_status: String,
}

impl Default for AccountFields {
    fn default() -> Self {
        AccountFields {
            customer_number: "AccountNumber".into(),
            whmcs_client_id: "WHMCS_Client_ID__c".into(),
            portal_status: "Portal_Status__c".into(),
        }
    }
}

impl AccountFields {
    pub fn check(&self) -> Result<(), String> {
        for f in [
            &self.customer_number,
            &self.whmcs_client_id,
            &self.portal_status,
        ] {
            if !is_field_name(f) {
                return Err(format!("{f:?} is not a Salesforce field name"));
            }
        }
        Ok(())
    }
}

/// The portal status written when an account gets its portal login.
pub const PORTAL_ACTIVE: &str = "Active";

#[derive(Clone, Debug, PartialEq, serde::Serialize, Deserialize)]
pub struct SfAccount {
    pub id: String,
    pub name: String,
    pub customer_number: String,
    /// The WHMCS client already linked to it, if any.
    pub whmcs_client_id: Option<u64>,
    pub portal_status: Option<String>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, Deserialize)]
pub struct SfContact {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "Email", default)]
    pub email: Option<String>,
    #[serde(rename = "FirstName", default)]
    pub first_name: Option<String>,
    #[serde(rename = "LastName", default)]
    pub last_name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SfCase {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "CaseNumber", default)]
    pub case_number: Option<String>,
    #[serde(rename = "Subject", default)]
    pub subject: Option<String>,
    #[serde(rename = "Description", default)]
    pub description: Option<String>,
    #[serde(rename = "Status", default)]
    pub status: Option<String>,
    /// The category the customer chose (Salesforce's standard `Type` picklist).
    #[serde(rename = "Type", default)]
    pub category: Option<String>,
    #[serde(rename = "Origin", default)]
    pub origin: Option<String>,
    #[serde(rename = "AccountId", default)]
    pub account_id: Option<String>,
    #[serde(rename = "IsClosed", default)]
    pub is_closed: Option<bool>,
    #[serde(rename = "CreatedDate", default)]
    pub created_date: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SfComment {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "CommentBody", default)]
    pub body: Option<String>,
    #[serde(rename = "IsPublished", default)]
    pub is_published: Option<bool>,
    #[serde(rename = "CreatedDate", default)]
    pub created_date: Option<String>,
}

/// The `Origin` of cases the portal opens for staff (a sign-up to check): never shown to
/// customers.
pub const INTERNAL_ORIGIN: &str = "Portal Sign-up";

impl SfCase {
    /// Whether a customer may see it.
    pub fn customer_visible(&self) -> bool {
        self.origin.as_deref() != Some(INTERNAL_ORIGIN)
    }
}

/// A new support case from the portal.
pub struct NewCase<'a> {
    pub account_id: &'a str,
    pub contact_id: Option<&'a str>,
    pub subject: &'a str,
    pub category: &'a str,
    pub description: &'a str,
    /// "Portal Website" for customers' cases; staff cases (sign-up follow-ups) say so.
    pub origin: &'a str,
    pub priority: &'a str,
}

const CASE_FIELDS: &str =
    "Id, CaseNumber, Subject, Description, Status, Type, Origin, AccountId, IsClosed, CreatedDate";

/// A field of a record by name, whatever its case (configured names may differ in case).
fn field<'a>(rec: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    rec.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
        .filter(|v| !v.is_null())
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A WHMCS client id from a Number (`1001.0`) or Text (`"1001"`) field.
fn client_id(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f > 0.0)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

impl SalesforceClient {
    fn account_query(&self, condition: &str) -> String {
        let f = self.fields();
        format!(
            "SELECT Id, Name, {}, {}, {} FROM Account WHERE {condition} LIMIT 2",
            f.customer_number, f.whmcs_client_id, f.portal_status
        )
    }

    fn to_account(&self, rec: &Map<String, Value>) -> SfAccount {
        let f = self.fields();
        SfAccount {
            id: text(field(rec, "Id")).unwrap_or_default(),
            name: text(field(rec, "Name")).unwrap_or_default(),
            customer_number: text(field(rec, &f.customer_number)).unwrap_or_default(),
            whmcs_client_id: client_id(field(rec, &f.whmcs_client_id)),
            portal_status: text(field(rec, &f.portal_status)),
        }
    }

    /// The account with this customer number (none for an unknown one). Two accounts
    /// sharing a number is an org data error: refused rather than picking one.
    pub async fn account_by_customer_number(
        &self,
        number: &str,
    ) -> Result<Option<SfAccount>, SalesforceError> {
        let q = self.account_query(&format!(
            "{} = {}",
            self.fields().customer_number,
            literal(number)
        ));
        let rows: Vec<Map<String, Value>> = self.query(&q).await?;
        match rows.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(self.to_account(one))),
            _ => Err(SalesforceError::Decode(format!(
                "several accounts have customer number {number:?}"
            ))),
        }
    }

    /// The account linked to a WHMCS client, for customers who got their login before
    /// sign-up existed (linking) or whose mapping lacks the account.
    pub async fn account_by_whmcs_client(
        &self,
        client: u64,
    ) -> Result<Option<SfAccount>, SalesforceError> {
        let q = self.account_query(&format!("{} = {client}", self.fields().whmcs_client_id));
        let rows: Vec<Map<String, Value>> = self.query(&q).await?;
        Ok(rows.first().map(|r| self.to_account(r)))
    }

    /// The account's first contact (the primary one, created with the account).
    pub async fn primary_contact(
        &self,
        account_id: &str,
    ) -> Result<Option<SfContact>, SalesforceError> {
        let q = format!(
            "SELECT Id, Email, FirstName, LastName FROM Contact WHERE AccountId = {} \
             ORDER BY CreatedDate LIMIT 1",
            literal(account_id)
        );
        Ok(self.query::<SfContact>(&q).await?.into_iter().next())
    }

    /// Writes the portal status and the WHMCS client id back to the account (seed 004).
    pub async fn mark_linked(
        &self,
        account_id: &str,
        whmcs_client_id: u64,
    ) -> Result<(), SalesforceError> {
        let f = self.fields();
        let mut body = Map::new();
        body.insert(f.portal_status.clone(), json!(PORTAL_ACTIVE));
        body.insert(f.whmcs_client_id.clone(), json!(whmcs_client_id));
        self.update("Account", account_id, &Value::Object(body))
            .await
    }

    /// The account's cases, newest first (internal ones included: see [`INTERNAL_ORIGIN`]).
    pub async fn cases(&self, account_id: &str) -> Result<Vec<SfCase>, SalesforceError> {
        self.query(&format!(
            "SELECT {CASE_FIELDS} FROM Case WHERE AccountId = {} ORDER BY CreatedDate DESC \
             LIMIT 200",
            literal(account_id)
        ))
        .await
    }

    /// The account's cases a customer may see, newest first: all but staff-internal ones.
    pub async fn customer_cases(&self, account_id: &str) -> Result<Vec<SfCase>, SalesforceError> {
        self.query(&format!(
            "SELECT {CASE_FIELDS} FROM Case WHERE AccountId = {} AND Origin != {} \
             ORDER BY CreatedDate DESC LIMIT 200",
            literal(account_id),
            literal(INTERNAL_ORIGIN)
        ))
        .await
    }

    pub async fn case(&self, id: &str) -> Result<Option<SfCase>, SalesforceError> {
        let rows: Vec<SfCase> = self
            .query(&format!(
                "SELECT {CASE_FIELDS} FROM Case WHERE Id = {} LIMIT 1",
                literal(id)
            ))
            .await?;
        Ok(rows.into_iter().next())
    }

    /// The case's published comments, oldest first.
    pub async fn comments(&self, case_id: &str) -> Result<Vec<SfComment>, SalesforceError> {
        self.query(&format!(
            "SELECT Id, CommentBody, IsPublished, CreatedDate FROM CaseComment \
             WHERE ParentId = {} AND IsPublished = true ORDER BY CreatedDate",
            literal(case_id)
        ))
        .await
    }

    pub async fn create_case(&self, case: &NewCase<'_>) -> Result<String, SalesforceError> {
        let mut body = json!({
            "AccountId": case.account_id,
            "Subject": case.subject,
            "Type": case.category,
            "Description": case.description,
            "Origin": case.origin,
            "Priority": case.priority,
            "Status": "New",
        });
        if let Some(c) = case.contact_id {
            body["ContactId"] = json!(c);
        }
        self.create("Case", &body).await
    }

    /// A published comment (the customer sees their own comments in the thread).
    pub async fn add_comment(&self, case_id: &str, text: &str) -> Result<String, SalesforceError> {
        self.create(
            "CaseComment",
            &json!({"ParentId": case_id, "CommentBody": text, "IsPublished": true}),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_ids_read_from_number_or_text_fields() {
        assert_eq!(client_id(Some(&json!(1001.0))), Some(1001));
        assert_eq!(client_id(Some(&json!(1001))), Some(1001));
        assert_eq!(client_id(Some(&json!("1001"))), Some(1001));
        assert_eq!(client_id(Some(&json!(10.5))), None);
        assert_eq!(client_id(Some(&json!(null))), None);
    }

    #[test]
    fn default_field_names_pass_the_check() {
        assert_eq!(AccountFields::default().check(), Ok(()));
        let bad = AccountFields {
            customer_number: "AccountNumber, Name".into(),
            ..AccountFields::default()
        };
        assert!(bad.check().is_err());
    }
}
