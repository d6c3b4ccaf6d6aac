//! The billing page's services: the customer's invoices from WHMCS, and sign-in links into
//! the WHMCS client area to view or pay one. The link is minted when the customer clicks,
//! because a WHMCS SSO token is single-use and lives about a minute.

use super::whmcs_error;
use crate::whmcs::WhmcsClient;
use app::domain::billing::parse_yen;
use app::domain::{Customer, Invoice, InvoiceStatus, PortalError};
use app::ports::Billing;
use async_trait::async_trait;
use chrono::NaiveDate;

pub struct PortalBilling {
    whmcs: WhmcsClient,
}

impl PortalBilling {
    pub fn new(whmcs: WhmcsClient) -> Self {
        PortalBilling { whmcs }
    }
}

fn date(s: Option<&str>) -> Option<NaiveDate> {
    s.and_then(app::domain::dates::parse_iso_date)
}

#[async_trait]
impl Billing for PortalBilling {
    async fn invoices(&self, customer: &Customer) -> Result<Vec<Invoice>, PortalError> {
        let today = super::sim::today_jst();
        let list = self
            .whmcs
            .get_invoices(customer.whmcs_client_id, None)
            .await
            .map_err(whmcs_error)?;
        Ok(list
            .into_iter()
            .filter_map(|i| {
                let due = date(i.duedate.as_deref());
                let status = InvoiceStatus::from_whmcs(&i.status, due, today)?;
                let Some(total_jpy) = parse_yen(&i.total) else {
                    tracing::warn!(invoice = i.id, total = %i.total, "invoice total is not an amount");
                    return None;
                };
                Some(Invoice {
                    id: i.id,
                    date: date(i.date.as_deref()),
                    due,
                    total_jpy,
                    status,
                })
            })
            .collect())
    }

    async fn invoice_link(
        &self,
        customer: &Customer,
        invoice_id: u64,
    ) -> Result<String, PortalError> {
        let invoice = self
            .whmcs
            .get_invoice(invoice_id)
            .await
            .map_err(|e| match e {
                // "Invoice ID Not Found" is an answer about the id, not an outage.
                crate::whmcs::WhmcsError::Api { .. } => PortalError::NotFound,
                e => whmcs_error(e),
            })?;
        if invoice.userid != customer.whmcs_client_id {
            tracing::warn!(
                customer = customer.id,
                invoice = invoice_id,
                "invoice link asked for somebody else's invoice"
            );
            return Err(PortalError::NotFound);
        }
        let path = format!("viewinvoice.php?id={invoice_id}");
        let sso = self
            .whmcs
            .create_sso_token(customer.whmcs_client_id, Some(&path))
            .await
            .map_err(whmcs_error)?;
        Ok(sso.redirect_url)
    }
}
