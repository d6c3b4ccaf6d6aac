//! The fulfilment saga of an approved order (seed 004 phase 4). Each step's result is written
//! to the order row (under the lease) before the next external call, and every external
//! call is either idempotent or preceded by a look at what a lost answer may have left:
//!
//! 1. approved → payment method checked (WHMCS GetPayMethods; none: paused with the reason,
//!    looked at again later, and Salesforce told why);
//! 2. → SIM activated (eSIM only): a number from the reseller's block is taken in the same
//!    transaction that records it on the order, then PA05-41 — unless the carrier already
//!    has that number on this device (a crash after the call);
//! 3. → billing created: the WHMCS order, unless a service already carries this Salesforce
//!    order id (AddOrder writes it atomically with the order);
//! 4. → billing accepted: AcceptOrder ("not Pending" with the order Active means done);
//! 5. → completed: Salesforce gets the WHMCS order id and ICCID; the emails are written in
//!    the same transaction as the completion.
//!
//! A failing step is retried with back-off; after `max_attempts` the order is reported
//! failed — to the customer, and to Salesforce with the error code and message.

use super::PortalShop;
use crate::freebit::FreebitError;
use crate::salesforce::orders::Provisioning;
use crate::store::orders::{self, OrderRow, Step};
use crate::store::signups::now_ms;
use crate::whmcs::orders::OrderLine;
use crate::whmcs::WhmcsError;
use app::domain::catalog::{BillingCycle, ItemClass, Quote};
use app::domain::orders::OrderState;

/// Why a step did not finish.
#[derive(Debug)]
pub(crate) enum StepError {
    /// Try again later (an outage, a lost answer).
    Retry { code: String, message: String },
    /// Waits for the customer.
    Pause { code: String, reason: String },
    /// Cannot succeed by trying again.
    Fail { code: String, message: String },
    /// The lease was lost: another instance has the order now.
    LeaseLost,
}

fn whmcs(e: WhmcsError) -> StepError {
    let message = e.to_string();
    if e.is_transient() {
        StepError::Retry {
            code: "WHMCS_UNAVAILABLE".into(),
            message,
        }
    } else {
        StepError::Retry {
            code: "WHMCS_ERROR".into(),
            message,
        }
    }
}

fn freebit(e: FreebitError) -> StepError {
    StepError::Retry {
        code: if e.is_transient() {
            "CARRIER_UNAVAILABLE"
        } else {
            "CARRIER_REFUSED"
        }
        .into(),
        message: e.to_string(),
    }
}

fn store(e: crate::store::StoreError) -> StepError {
    StepError::Retry {
        code: "DATABASE".into(),
        message: e.to_string(),
    }
}

/// The reason customers see when fulfilment waits for a payment method (stored in English on
/// the order; shown in the customer's language, see `shown_reason`).
pub const NO_PAYMENT_METHOD: &str =
    "We need a payment method before we can activate your order. Add one and we continue \
     automatically.";

/// The reason customers see when fulfilment failed (stored like [`NO_PAYMENT_METHOD`]).
pub const NOT_ACTIVATED: &str =
    "We could not activate this order. Our team has been told and will contact you; you have \
     not been charged for anything not activated.";

fn whmcs_cycle(c: BillingCycle) -> &'static str {
    match c {
        BillingCycle::Monthly => "monthly",
        BillingCycle::OneTime => "onetime",
    }
}

impl PortalShop {
    /// Works one leased order as far as it goes.
    pub async fn fulfil(&self, id: &str, lease: &str) -> Result<(), crate::store::StoreError> {
        let Some(row) = orders::get(&self.db, id).await? else {
            return Ok(());
        };
        let attempts = row.attempts;
        match self.run(row.clone(), lease).await {
            Ok(()) | Err(StepError::LeaseLost) => Ok(()),
            Err(StepError::Pause { code, reason }) => {
                let next = now_ms() + self.settings.retry_base.as_millis() as i64;
                orders::pause(&self.db, id, lease, &reason, next).await?;
                self.report(&row, "Paused", Some(&code), Some(&reason))
                    .await;
                Ok(())
            }
            Err(StepError::Retry { code, message })
                if attempts + 1 < self.settings.max_attempts =>
            {
                let wait = self.settings.retry_base.as_millis() as i64
                    * 2i64.saturating_pow(attempts.min(12) as u32);
                let next = now_ms() + wait.min(3_600_000);
                tracing::warn!(
                    order = id,
                    code,
                    message,
                    attempts = attempts + 1,
                    "fulfilment step failed; retrying"
                );
                orders::failed_attempt(&self.db, id, lease, &format!("{code}: {message}"), next)
                    .await?;
                self.report(&row, "Retrying", Some(&code), Some(&message))
                    .await;
                Ok(())
            }
            Err(StepError::Retry { code, message } | StepError::Fail { code, message }) => {
                tracing::error!(
                    order = id,
                    code,
                    message,
                    "fulfilment failed; reported to staff"
                );
                // Billing that was added but never accepted is cancelled with it, so no
                // invoice is left for a service that never started.
                if let (Some(order), true) = (
                    row.whmcs_order_id,
                    row.state == OrderState::BillingCreated.as_str(),
                ) {
                    if let Err(e) = self.whmcs.cancel_order(order as u64).await {
                        tracing::error!(error = %e, order = id, "could not cancel the WHMCS order of a failed order");
                    }
                }
                orders::finish(&self.db, id, lease, &row.state, Some(NOT_ACTIVATED)).await?;
                self.report(&row, "Failed", Some(&code), Some(&message))
                    .await;
                Ok(())
            }
        }
    }

    /// Tells Salesforce how provisioning stands (best effort: staff see it there; the
    /// portal's own row is the source of truth for the saga).
    async fn report(
        &self,
        row: &OrderRow,
        status: &str,
        code: Option<&str>,
        message: Option<&str>,
    ) {
        let Some(sf) = &row.sf_order_id else { return };
        let p = Provisioning {
            status: Some(status.into()),
            error_code: Some(code.unwrap_or_default().into()),
            error_message: Some(message.unwrap_or_default().chars().take(255).collect()),
            attempt_count: Some(row.attempts as u32 + 1),
            ..Provisioning::default()
        };
        if let Err(e) = self.salesforce.set_provisioning(sf, &p).await {
            tracing::warn!(error = %e, order = row.id, "could not write provisioning status to Salesforce");
        }
    }

    async fn advance(&self, id: &str, lease: &str, step: Step<'_>) -> Result<OrderRow, StepError> {
        if !orders::advance(&self.db, id, lease, self.settings.lease_ms, step)
            .await
            .map_err(store)?
        {
            return Err(StepError::LeaseLost);
        }
        orders::get(&self.db, id)
            .await
            .map_err(store)?
            .ok_or(StepError::LeaseLost)
    }

    async fn run(&self, mut row: OrderRow, lease: &str) -> Result<(), StepError> {
        let quote: Quote = serde_json::from_str(&row.quote).map_err(|e| StepError::Fail {
            code: "BAD_SNAPSHOT".into(),
            message: e.to_string(),
        })?;
        let customer = crate::store::customers::find_by_id(&self.db, row.customer_id)
            .await
            .map_err(store)?
            .ok_or(StepError::Fail {
                code: "NO_CUSTOMER".into(),
                message: "customer gone".into(),
            })?;
        let client_id = customer.whmcs_client_id as u64;
        let esim = quote.service().options.get("eid").cloned();
        loop {
            let state = OrderState::parse(&row.state).unwrap_or(OrderState::Creating);
            row = match state {
                OrderState::Creating | OrderState::Submitted | OrderState::Completed => {
                    return Ok(())
                }
                OrderState::Approved => {
                    let methods = self.whmcs.get_pay_methods(client_id).await.map_err(whmcs)?;
                    if methods.is_empty() {
                        return Err(StepError::Pause {
                            code: "NO_PAYMENT_METHOD".into(),
                            reason: NO_PAYMENT_METHOD.into(),
                        });
                    }
                    if let Some(sf) = &row.sf_order_id {
                        let p = Provisioning {
                            status: Some("In Progress".into()),
                            ..Provisioning::default()
                        };
                        self.salesforce.set_provisioning(sf, &p).await.ok();
                    }
                    self.advance(
                        &row.id,
                        lease,
                        Step {
                            state: Some(OrderState::PaymentChecked.as_str()),
                            ..Step::default()
                        },
                    )
                    .await?
                }
                OrderState::PaymentChecked => match &esim {
                    Some(eid) => {
                        let iccid = self.activate(&row, &quote, eid).await?;
                        self.advance(
                            &row.id,
                            lease,
                            Step {
                                state: Some(OrderState::SimActivated.as_str()),
                                iccid: Some(&iccid),
                                ..Step::default()
                            },
                        )
                        .await?
                    }
                    None => self.bill(&row, &quote, client_id, lease).await?,
                },
                OrderState::SimActivated => self.bill(&row, &quote, client_id, lease).await?,
                OrderState::BillingCreated => {
                    let order = row.whmcs_order_id.unwrap_or_default() as u64;
                    if let Err(e) = self.whmcs.accept_order(order).await {
                        // Accepted already (a lost answer)? Then this step is done.
                        let active = self
                            .whmcs
                            .get_order(order)
                            .await
                            .map_err(whmcs)?
                            .is_some_and(|o| o.status == "Active");
                        if !active {
                            return Err(whmcs(e));
                        }
                    }
                    self.advance(
                        &row.id,
                        lease,
                        Step {
                            state: Some(OrderState::BillingAccepted.as_str()),
                            ..Step::default()
                        },
                    )
                    .await?
                }
                OrderState::BillingAccepted => {
                    return self.complete(&row, &quote, &customer.email, lease).await;
                }
            };
        }
    }

    /// Takes the order's number and activates the eSIM on it; the ICCID.
    async fn activate(
        &self,
        row: &OrderRow,
        quote: &Quote,
        eid: &str,
    ) -> Result<String, StepError> {
        let Some(msisdn) = orders::take_number(&self.db, &row.id)
            .await
            .map_err(store)?
        else {
            return Err(StepError::Fail {
                code: "NO_NUMBERS".into(),
                message: "the block of mobile numbers is used up".into(),
            });
        };
        let plan = quote_plan(self, quote).await?;
        let network = quote
            .service()
            .options
            .get("network")
            .cloned()
            .unwrap_or_else(|| "5G".into());
        // A crash after the carrier's answer: the line is already there for this device.
        let present = match self.freebit.get_detail(&msisdn).await {
            Ok(d) => Some(d),
            Err(e) if e.is_transient() => return Err(freebit(e)),
            Err(_) => None,
        };
        let detail = match present {
            Some(d) if d.eid.as_deref() == Some(eid) => d,
            Some(_) => {
                return Err(StepError::Fail {
                    code: "NUMBER_IN_USE".into(),
                    message: format!("number {msisdn} is already in use at the carrier"),
                })
            }
            None => {
                self.freebit
                    .activate_esim(&msisdn, eid, &plan, &network)
                    .await
                    .map_err(freebit)?;
                self.freebit.get_detail(&msisdn).await.map_err(freebit)?
            }
        };
        Ok(detail.iccid)
    }

    /// Adds (or finds) the WHMCS order and records it.
    async fn bill(
        &self,
        row: &OrderRow,
        quote: &Quote,
        client_id: u64,
        lease: &str,
    ) -> Result<OrderRow, StepError> {
        let sf = row.sf_order_id.clone().unwrap_or_default();
        let field = self.settings.sf_order_field_id;
        let existing = self
            .whmcs
            .order_for_reference(client_id, field, &sf)
            .await
            .map_err(whmcs)?;
        let (order_id, service_id) = match existing {
            Some(found) => found,
            None => {
                let items = self.items().await.map_err(|_| StepError::Retry {
                    code: "CATALOG_UNAVAILABLE".into(),
                    message: "catalog unavailable".into(),
                })?;
                let lines: Vec<OrderLine> = quote
                    .lines
                    .iter()
                    .map(|l| OrderLine {
                        pid: items
                            .iter()
                            .find(|i| i.product.sku == l.sku)
                            .map_or(0, |i| i.whmcs_pid),
                        billing_cycle: whmcs_cycle(l.cycle).into(),
                        price_yen: l.price_yen,
                        msisdn: (l.class == ItemClass::Service)
                            .then(|| row.msisdn.clone())
                            .flatten(),
                    })
                    .collect();
                if lines.iter().any(|l| l.pid == 0) {
                    return Err(StepError::Fail {
                        code: "NO_BILLING_PRODUCT".into(),
                        message: "a product of the order has no WHMCS product".into(),
                    });
                }
                let added = self
                    .whmcs
                    .add_order(client_id, &self.settings.gateway, &lines, field, &sf)
                    .await
                    .map_err(whmcs)?;
                (
                    added.order_id,
                    added.service_ids.first().copied().unwrap_or_default(),
                )
            }
        };
        self.advance(
            &row.id,
            lease,
            Step {
                state: Some(OrderState::BillingCreated.as_str()),
                whmcs_order_id: Some(order_id as i64),
                whmcs_service_id: Some(service_id as i64),
                ..Step::default()
            },
        )
        .await
    }

    async fn complete(
        &self,
        row: &OrderRow,
        quote: &Quote,
        email: &str,
        lease: &str,
    ) -> Result<(), StepError> {
        if let Some(sf) = &row.sf_order_id {
            let p = Provisioning {
                status: Some("Provisioned".into()),
                error_code: Some(String::new()),
                error_message: Some(String::new()),
                whmcs_order_id: row.whmcs_order_id.map(|i| i as u64),
                esim_iccid: row.iccid.clone(),
                attempt_count: Some(row.attempts as u32 + 1),
            };
            self.salesforce
                .set_provisioning(sf, &p)
                .await
                .map_err(|e| StepError::Retry {
                    code: "SALESFORCE_UNAVAILABLE".into(),
                    message: e.to_string(),
                })?;
        }
        let number = row
            .sf_order_number
            .clone()
            .unwrap_or_else(|| row.id.clone());
        // No first name at hand: "Hello there,".
        let first_name = "";
        let lang = crate::emails::lang_of(&self.db, row.customer_id).await;
        let items: Vec<String> = quote.lines.iter().map(|l| l.name.clone()).collect();
        let base = self.settings.base_url.trim_end_matches('/');
        let provisioned = crate::emails::order_provisioned(lang, first_name, &number, &items, base);
        let mut emails = vec![provisioned.to(email, None)];
        let activation = row.msisdn.as_ref().map(|m| {
            crate::emails::esim_activation(
                lang,
                first_name,
                &app::domain::format_msisdn(m),
                &format!(
                    "{base}/subscriptions/{}/sim",
                    row.whmcs_service_id.unwrap_or_default()
                ),
            )
        });
        if let Some(a) = &activation {
            emails.push(a.to(email, None));
        }
        if !orders::complete(&self.db, &row.id, lease, &emails)
            .await
            .map_err(store)?
        {
            return Err(StepError::LeaseLost);
        }
        self.outbox.notify();
        // The new subscription must show at once.
        self.cache.forget(row.customer_id).await;
        crate::store::audit::record(
            &self.db,
            Some(row.customer_id),
            row.whmcs_service_id,
            "order.completed",
            &format!("Order {number} completed"),
        )
        .await
        .ok();
        Ok(())
    }
}

/// The carrier plan of the order's service.
async fn quote_plan(shop: &PortalShop, quote: &Quote) -> Result<String, StepError> {
    let items = shop.items().await.map_err(|_| StepError::Retry {
        code: "CATALOG_UNAVAILABLE".into(),
        message: "catalog unavailable".into(),
    })?;
    items
        .iter()
        .find(|i| i.product.sku == quote.service().sku)
        .and_then(|i| i.plan_code.clone())
        .ok_or(StepError::Fail {
            code: "NO_PLAN".into(),
            message: "the eSIM product has no carrier plan".into(),
        })
}
