//! Top-ups, the [`TopUps`] port: ordering (idempotent per customer and key), the history and
//! the billing link. The money moves in [`saga`]; [`reconciler`] finishes what a request
//! could not (a carrier outage, a crash, a payment made later through the link).

mod history;
pub mod reconciler;
pub mod saga;
mod view;

use super::sim::{today_jst, PortalSims};
use super::{store_error, whmcs_error};
use crate::store::top_ups::{self, now_ms, Inserted, NewTopUp, State, TopUpRow};
use app::domain::{Customer, PortalError, SubscriptionId, TopUp, TopUpHistory, TopUpOrder};
use app::ports::{SimPortal, TopUps};
use app::t;
use async_trait::async_trait;
use saga::Saga;
use std::sync::Arc;
use std::time::Duration;

/// How the saga paces itself.
#[derive(Clone, Debug)]
pub struct SagaConfig {
    /// How long a worker may hold a top-up: longer than any single upstream call with its
    /// retries, so a live worker never loses a row mid-call.
    pub lease: Duration,
    /// First wait before the carrier is asked again; doubles per attempt up to `retry_max`.
    pub retry_base: Duration,
    pub retry_max: Duration,
    /// Carrier attempts before the payment is returned as credit.
    pub max_apply_attempts: i64,
    /// How long an unpaid top-up invoice is watched for a later payment.
    pub payment_watch: Duration,
    /// How often the reconciler looks for due rows.
    pub poll: Duration,
}

impl SagaConfig {
    /// The defaults for upstream calls of `timeout` retried `read_retries` times. The longest
    /// single step is a read with its retries, or a carrier write that re-authenticates
    /// (auth, call, auth again, call again): four timeouts.
    pub fn for_timeout(timeout: Duration, read_retries: usize) -> Self {
        let longest_call = timeout * u32::try_from(read_retries + 1).unwrap_or(3).max(4);
        SagaConfig {
            lease: longest_call * 2 + Duration::from_secs(2),
            retry_base: Duration::from_secs(30),
            retry_max: Duration::from_secs(30 * 60),
            max_apply_attempts: 8,
            payment_watch: Duration::from_secs(7 * 24 * 3600),
            poll: Duration::from_secs(2),
        }
    }

    pub fn lease_ms(&self) -> i64 {
        ms(self.lease)
    }

    pub fn retry_base_ms(&self) -> i64 {
        ms(self.retry_base)
    }

    pub fn payment_watch_ms(&self) -> i64 {
        ms(self.payment_watch)
    }

    /// How soon an unpaid invoice is read again: often at first (the customer may be paying
    /// right now), then less, at most every 10 minutes.
    pub fn payment_check_ms(&self, age_ms: i64) -> i64 {
        (age_ms / 4).clamp(self.retry_base_ms(), 10 * 60 * 1000)
    }
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// A fresh lease token: one per drive, so two tasks of one instance never share a lease.
pub fn lease_token() -> String {
    format!("{:032x}", rand::random::<u128>())
}

pub struct PortalTopUps {
    sims: Arc<PortalSims>,
    saga: Saga,
}

impl PortalTopUps {
    pub fn new(sims: Arc<PortalSims>, saga: Saga) -> Self {
        PortalTopUps { sims, saga }
    }

    /// A repeat of an earlier order (same key): waits while another request or instance
    /// still works on it, then answers from where it stands.
    async fn settled(&self, mut row: TopUpRow) -> Result<TopUpRow, PortalError> {
        let deadline = now_ms() + self.saga.cfg.lease_ms() + 1000;
        while row.is_leased(now_ms()) && now_ms() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
            row = top_ups::get(&self.saga.db, row.id)
                .await
                .map_err(store_error)?
                .ok_or(PortalError::Internal)?;
        }
        Ok(row)
    }
}

/// Identifies an order's content: a key reused for a different order is refused.
fn fingerprint(id: SubscriptionId, o: &TopUpOrder) -> String {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    format!(
        "{}|{}|{}|{}|{}",
        id.0,
        o.quota.get(),
        o.campaign_code.as_deref().unwrap_or_default(),
        date(o.expiry_date),
        date(o.scheduled_for)
    )
}

#[async_trait]
impl TopUps for PortalTopUps {
    async fn order(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        order: TopUpOrder,
        idempotency_key: &str,
    ) -> Result<TopUp, PortalError> {
        let db = &self.saga.db;
        let print = fingerprint(id, &order);
        // A repeat is answered before anything upstream is asked again.
        if let Some(row) = top_ups::by_key(db, customer.id, idempotency_key)
            .await
            .map_err(store_error)?
        {
            if row.fingerprint != print {
                return Err(reused_key());
            }
            let row = self.settled(row).await?;
            if row.state == State::PaymentFailed && row.invoice_id.is_none() {
                let token = lease_token();
                let until = now_ms() + self.saga.cfg.lease_ms();
                if top_ups::restart_unbilled(db, row.id, &token, now_ms(), until)
                    .await
                    .map_err(store_error)?
                {
                    tracing::info!(id = row.id, "unbilled top-up sent again with its key");
                    let row = self
                        .saga
                        .drive(row.id, &token)
                        .await
                        .map_err(store_error)?
                        .ok_or(PortalError::Internal)?;
                    return view::answer(&row);
                }
            }
            return view::answer(&row);
        }
        let owned = self.sims.line_for_action(customer, id).await?;
        let overview = self.sims.overview(customer, id).await?;
        super::sim::require(&overview.actions.top_up)?;
        if order.scheduled_for.is_some_and(|d| d <= today_jst()) {
            return Err(PortalError::invalid(
                "scheduledFor",
                t!("server-topup-date-after-today"),
            ));
        }
        let token = lease_token();
        let expire = order.expiry_date.map(|d| d.to_string());
        let run_on = order.scheduled_for.map(|d| d.to_string());
        let inserted = top_ups::insert(
            db,
            NewTopUp {
                customer_id: customer.id,
                whmcs_client_id: i64::try_from(customer.whmcs_client_id)
                    .map_err(|_| PortalError::Internal)?,
                subscription_id: i64::try_from(id.0).map_err(|_| PortalError::NotFound)?,
                msisdn: &owned.msisdn,
                idempotency_key,
                fingerprint: &print,
                quota_mb: i64::try_from(order.quota.get()).map_err(|_| PortalError::Internal)?,
                amount_jpy: i64::try_from(order.price_jpy()).map_err(|_| PortalError::Internal)?,
                campaign_code: order.campaign_code.as_deref(),
                expire_on: expire.as_deref(),
                run_on: run_on.as_deref(),
            },
            &token,
            now_ms() + self.saga.cfg.lease_ms(),
        )
        .await
        .map_err(store_error)?;
        let row = match inserted {
            Inserted::Existing(row) if row.fingerprint != print => return Err(reused_key()),
            Inserted::Existing(row) => self.settled(row).await?,
            Inserted::New(row) => {
                tracing::info!(
                    id = row.id,
                    customer = customer.id,
                    quota_mb = row.quota_mb,
                    "top-up ordered"
                );
                self.saga
                    .drive(row.id, &token)
                    .await
                    .map_err(store_error)?
                    .ok_or(PortalError::Internal)?
            }
        };
        view::answer(&row)
    }

    async fn history(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<TopUpHistory, PortalError> {
        let owned = self.sims.owned_line(customer, id).await?;
        history::read(&self.saga, customer, &owned, from, to).await
    }

    async fn pay_link(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        top_up: &str,
    ) -> Result<String, PortalError> {
        self.sims.subscription(customer, id).await?;
        let row_id: i64 = top_up.trim().parse().map_err(|_| PortalError::NotFound)?;
        let row = top_ups::get(&self.saga.db, row_id)
            .await
            .map_err(store_error)?
            .filter(|r| r.customer_id == customer.id && r.subscription_id == id.0 as i64)
            .ok_or(PortalError::NotFound)?;
        if row.state == State::PaymentFailed
            && row.invoice_id.is_some()
            && row.next_attempt_ms.is_none()
        {
            return Err(PortalError::Conflict(t!("server-topup-invoice-closed")));
        }
        let path = match (row.payment_problem.as_deref(), row.invoice_id) {
            (Some("no_pay_method"), _) => "index.php?rp=/account/paymentmethods".to_string(),
            (_, Some(invoice)) => format!("viewinvoice.php?id={invoice}"),
            (_, None) => "clientarea.php?action=invoices".to_string(),
        };
        let sso = self
            .saga
            .whmcs
            .create_sso_token(customer.whmcs_client_id, Some(&path))
            .await
            .map_err(whmcs_error)?;
        // The customer is paying now: look at the invoice again soon.
        if let Err(e) = top_ups::nudge(&self.saga.db, row.id, now_ms() + 5_000).await {
            tracing::warn!(error = %e, "could not nudge the reconciler");
        }
        Ok(sso.redirect_url)
    }
}

fn reused_key() -> PortalError {
    PortalError::Conflict(t!("server-topup-key-reused"))
}
