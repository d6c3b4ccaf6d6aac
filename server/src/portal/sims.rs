//! SIM reads: WHMCS says which services the customer has (and so which SIMs they may see);
//! Freebit says what the line is doing. A service that is not the customer's is `NotFound`,
//! exactly like one that does not exist.

use super::{freebit_error, whmcs_error};
use crate::freebit::{wire::AccountDetail, FreebitClient};
use crate::whmcs::{wire::Product, WhmcsClient};
use app::domain::{
    Customer, PlanCode, PortalError, ServiceStatus, SimDetails, SimStatus, SimType, Subscription,
    SubscriptionId,
};
use app::ports::SimPortal;
use async_trait::async_trait;

pub struct PortalSims {
    whmcs: WhmcsClient,
    freebit: FreebitClient,
}

impl PortalSims {
    pub fn new(whmcs: WhmcsClient, freebit: FreebitClient) -> Self {
        PortalSims { whmcs, freebit }
    }

    /// The customer's service `id`, verified to belong to them.
    async fn owned_service(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<Product, PortalError> {
        let products = self
            .whmcs
            .get_clients_products(customer.whmcs_client_id, Some(id.0))
            .await
            .map_err(whmcs_error)?;
        // WHMCS filters by both ids already; checking again costs nothing and means a
        // misbehaving filter can never show another customer's service.
        products
            .into_iter()
            .find(|p| p.id == id.0 && p.clientid == customer.whmcs_client_id)
            .ok_or(PortalError::NotFound)
    }
}

pub fn line_status(state: &str) -> SimStatus {
    match state.trim().to_ascii_lowercase().as_str() {
        "active" | "open" => SimStatus::Active,
        "suspended" | "suspend" | "stop" => SimStatus::Suspended,
        "canceled" | "cancelled" | "cancel" | "closed" => SimStatus::Cancelled,
        "pending" | "wait" | "processing" => SimStatus::Pending,
        other => SimStatus::Other(other.to_string()),
    }
}

/// Joins a WHMCS service and the Freebit line into the details card.
pub fn details(
    id: SubscriptionId,
    product: &Product,
    msisdn: String,
    line: AccountDetail,
) -> SimDetails {
    let eid = line.eid.filter(|e| !e.trim().is_empty());
    SimDetails {
        subscription_id: id,
        iccid: line.iccid,
        msisdn,
        plan_name: SimDetails::plan_name_for(&line.plan_code),
        plan_quota_mb: line
            .plan_code
            .parse::<PlanCode>()
            .ok()
            .map(PlanCode::monthly_quota_mb),
        plan_code: line.plan_code,
        status: line_status(&line.state),
        service_status: ServiceStatus::from_whmcs(&product.status),
        sim_type: if eid.is_some() {
            SimType::Esim
        } else {
            SimType::Physical
        },
        eid,
        product_name: product.display_name(),
        remaining_quota_mb: line.quota / 1024,
    }
}

#[async_trait]
impl SimPortal for PortalSims {
    async fn subscriptions(&self, customer: &Customer) -> Result<Vec<Subscription>, PortalError> {
        let field = self.whmcs.msisdn_field_id();
        let products = self
            .whmcs
            .get_clients_products(customer.whmcs_client_id, None)
            .await
            .map_err(whmcs_error)?;
        Ok(products
            .into_iter()
            .filter(|p| p.clientid == customer.whmcs_client_id)
            .map(|p| Subscription {
                id: SubscriptionId(p.id),
                msisdn: p.custom_field(field),
                product_name: p.display_name(),
                status: ServiceStatus::from_whmcs(&p.status),
                next_due_date: p.nextduedate.clone(),
            })
            .collect())
    }

    async fn sim_details(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<SimDetails, PortalError> {
        let product = self.owned_service(customer, id).await?;
        // A service without a phone number is not a SIM this page can manage.
        let msisdn = product
            .custom_field(self.whmcs.msisdn_field_id())
            .ok_or(PortalError::NotFound)?;
        let line = self
            .freebit
            .get_detail(&msisdn)
            .await
            .map_err(freebit_error)?;
        Ok(details(id, &product, msisdn, line))
    }
}
