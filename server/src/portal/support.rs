//! Support cases (Salesforce) of the customer's account, read live (seed 001: no cache). The
//! account comes from the portal's mapping; a customer whose login predates it (linked
//! billing accounts, the demo) is mapped on first use through the account's WHMCS client id.
//! A case of any other account is `NotFound`, exactly like one that does not exist.

use super::signup::salesforce_error;
use super::store_error;
use crate::salesforce::records::NewCase as SfNewCase;
use crate::salesforce::{SalesforceClient, SfCase};
use crate::store::{audit, customers, Db};
use app::domain::support::{
    is_case_id, validated_comment, CaseComment, CaseDetail, CaseSummary, NewCase,
};
use app::domain::{Customer, PortalError};
use app::ports::Support;
use async_trait::async_trait;

/// The `Origin` of every case a customer opens here.
pub const ORIGIN: &str = "Portal Website";

pub struct PortalSupport {
    salesforce: SalesforceClient,
    db: Db,
}

/// The customer's Salesforce account id: from the portal's mapping, or (a login that
/// predates it) found through the account's WHMCS client id and remembered.
pub(crate) async fn account_of(
    salesforce: &SalesforceClient,
    db: &Db,
    customer: &Customer,
) -> Result<String, PortalError> {
    if let Some(a) = customers::salesforce_account(db, customer.id)
        .await
        .map_err(store_error)?
    {
        return Ok(a);
    }
    let Some(account) = salesforce
        .account_by_whmcs_client(customer.whmcs_client_id)
        .await
        .map_err(salesforce_error)?
    else {
        tracing::warn!(
            customer = customer.id,
            "no Salesforce account for this customer"
        );
        return Err(PortalError::Conflict(app::t!(
            "portal-support-not-connected"
        )));
    };
    customers::set_salesforce_account(db, customer.id, &account.id)
        .await
        .map_err(store_error)?;
    Ok(account.id)
}

impl PortalSupport {
    pub fn new(salesforce: SalesforceClient, db: Db) -> Self {
        PortalSupport { salesforce, db }
    }

    /// The customer's Salesforce account id.
    async fn account(&self, customer: &Customer) -> Result<String, PortalError> {
        account_of(&self.salesforce, &self.db, customer).await
    }

    /// The case, if it belongs to `account`.
    async fn own_case(&self, account: &str, id: &str) -> Result<SfCase, PortalError> {
        if !is_case_id(id) {
            return Err(PortalError::NotFound);
        }
        match self.salesforce.case(id).await.map_err(salesforce_error)? {
            Some(c) if c.account_id.as_deref() == Some(account) && c.customer_visible() => Ok(c),
            Some(_) => {
                tracing::warn!(case = id, "a customer asked for another account's case");
                Err(PortalError::NotFound)
            }
            None => Err(PortalError::NotFound),
        }
    }
}

fn summary(c: SfCase) -> CaseSummary {
    CaseSummary {
        number: c.case_number.unwrap_or_default(),
        subject: c.subject.unwrap_or_default(),
        category: c.category.unwrap_or_default(),
        status: c.status.unwrap_or_else(|| "New".into()),
        closed: c.is_closed.unwrap_or(false),
        created_at: c.created_date.unwrap_or_default(),
        id: c.id,
    }
}

#[async_trait]
impl Support for PortalSupport {
    async fn cases(&self, customer: &Customer) -> Result<Vec<CaseSummary>, PortalError> {
        let account = self.account(customer).await?;
        let cases = self
            .salesforce
            .customer_cases(&account)
            .await
            .map_err(salesforce_error)?;
        Ok(cases.into_iter().map(summary).collect())
    }

    async fn case(&self, customer: &Customer, id: &str) -> Result<CaseDetail, PortalError> {
        let account = self.account(customer).await?;
        let case = self.own_case(&account, id).await?;
        let comments = self
            .salesforce
            .comments(&case.id)
            .await
            .map_err(salesforce_error)?;
        let description = case.description.clone().unwrap_or_default();
        Ok(CaseDetail {
            case: summary(case),
            description,
            comments: comments
                .into_iter()
                .map(|c| CaseComment {
                    id: c.id,
                    body: c.body.unwrap_or_default(),
                    created_at: c.created_date.unwrap_or_default(),
                })
                .collect(),
        })
    }

    async fn open_case(
        &self,
        customer: &Customer,
        case: NewCase,
    ) -> Result<CaseSummary, PortalError> {
        let case = case.validated()?;
        let account = self.account(customer).await?;
        let contact = self
            .salesforce
            .primary_contact(&account)
            .await
            .map_err(salesforce_error)?;
        let id = self
            .salesforce
            .create_case(&SfNewCase {
                account_id: &account,
                contact_id: contact.as_ref().map(|c| c.id.as_str()),
                subject: &case.subject,
                category: &case.category,
                description: &case.description,
                origin: ORIGIN,
                priority: "Medium",
            })
            .await
            .map_err(salesforce_error)?;
        audit::record(
            &self.db,
            Some(customer.id),
            None,
            "case_opened",
            &format!("opened support case {id}"),
        )
        .await
        .map_err(store_error)?;
        let created = self
            .salesforce
            .case(&id)
            .await
            .map_err(salesforce_error)?
            .ok_or(PortalError::Internal)?;
        Ok(summary(created))
    }

    async fn comment(
        &self,
        customer: &Customer,
        id: &str,
        body: &str,
    ) -> Result<CaseComment, PortalError> {
        let body = validated_comment(body)?;
        let account = self.account(customer).await?;
        let case = self.own_case(&account, id).await?;
        let comment = self
            .salesforce
            .add_comment(&case.id, &body)
            .await
            .map_err(salesforce_error)?;
        Ok(CaseComment {
            id: comment,
            body,
            created_at: chrono::Utc::now()
                .format("%Y-%m-%dT%H:%M:%S%.3f+0000")
                .to_string(),
        })
    }
}
