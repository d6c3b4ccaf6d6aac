//! Buying: a new eSIM (quantity 1–10) or a bundle onto an eSIM the customer has, through the
//! purchase saga; and the orders as the customer sees them.

use super::PortalStore;
use crate::portal::store_error;
use crate::store::store_orders::{self as orders, now_ms, EsimRow, Inserted, NewOrder, OrderRow};
use crate::store::store_plans;
use app::domain::store_orders::{EsimSummary, OrderFilter, OrderStage, ProfileStage, StoreOrder};
use app::domain::topup::yen_label;
use app::domain::{Customer, PortalError};
use app::i18n::Lang;
use std::time::Duration;

fn reused_key() -> PortalError {
    PortalError::Conflict(app::t!("store-key-reused"))
}

/// The saga's failure messages (kept in English on the order, see `saga`).
const FAILURES: [&str; 7] = [
    "store-failure-no-pay-method",
    "store-failure-billing-down",
    "store-failure-billing-refused",
    "store-failure-declined",
    "store-failure-not-through",
    "store-failure-not-confirmed",
    "store-failure-checking",
];
/// The saga's refund messages, with the amount returned.
const REFUNDS: [&str; 2] = [
    "store-failure-refunded-unsupplied",
    "store-failure-refunded-not-taken",
];

/// The order's failure in the reader's language: a kept text that is a catalog message in
/// English is shown as that message; any other (older) text as it is.
fn failure_text(row: &OrderRow, stored: &str) -> String {
    let lang = app::i18n::current();
    if lang == Lang::En {
        return stored.to_string();
    }
    if let Some(key) = FAILURES
        .into_iter()
        .find(|k| app::i18n::tr(Lang::En, k) == stored)
    {
        return app::i18n::tr(lang, key);
    }
    let amount = yen_label(row.amount_jpy.unsigned_abs());
    let refund = |lang: Lang, key: &str| app::tr!(lang, key, amount = amount.clone());
    match REFUNDS.into_iter().find(|k| refund(Lang::En, k) == stored) {
        Some(key) => refund(lang, key),
        None => stored.to_string(),
    }
}

pub fn summary(e: &EsimRow) -> EsimSummary {
    EsimSummary {
        iccid: e.iccid.clone(),
        profile: ProfileStage::parse(&e.profile_status),
        suspended: e.state == "suspended",
        order_id: e.order_id.to_string(),
    }
}

pub fn view(row: &OrderRow, esims: &[EsimRow]) -> StoreOrder {
    let stage = OrderStage::from_state(row.state.as_str());
    StoreOrder {
        id: row.id.to_string(),
        plan_name: row.plan_name.clone(),
        plan_description: row.plan_description.clone(),
        quantity: u32::try_from(row.quantity).unwrap_or(0),
        amount_yen: row.amount_jpy.unsigned_abs(),
        stage,
        created_at: row.created_at,
        top_up_iccid: row.iccid.clone(),
        // Shown only once the order has ended without eSIMs.
        failure: stage
            .is_final()
            .then_some(row.failure.as_deref())
            .flatten()
            .map(|f| failure_text(row, f)),
        esims: esims
            .iter()
            .filter(|e| e.order_id == row.id)
            .map(summary)
            .collect(),
    }
}

impl PortalStore {
    /// Starts (or, for a key already used, answers) a purchase and drives it as far as it goes
    /// now; what is left (an outage, a slow upstream) the worker finishes.
    pub(super) async fn purchase(
        &self,
        customer: &Customer,
        plan_name: &str,
        quantity: u32,
        iccid: Option<&str>,
        key: &str,
    ) -> Result<StoreOrder, PortalError> {
        let db = &self.db;
        let print = format!("{plan_name}|{quantity}|{}", iccid.unwrap_or_default());
        if let Some(row) = orders::by_key(db, customer.id, key)
            .await
            .map_err(store_error)?
        {
            if row.fingerprint != print {
                return Err(reused_key());
            }
            let row = self.settled(row).await?;
            return self.order_view(row).await;
        }
        let plan = match store_plans::get(db, plan_name).await.map_err(store_error)? {
            Some(p) if p.active => p,
            _ => return Err(PortalError::NoSuch(app::t!("store-plan-not-sold"))),
        };
        if let Some(iccid) = iccid {
            let owned = orders::esim(db, iccid).await.map_err(store_error)?;
            if owned.is_none_or(|e| e.customer_id != customer.id) {
                return Err(PortalError::NoSuch(app::t!("store-esim-not-yours")));
            }
        }
        // Priced and checked by eSIM Go before any money moves.
        let lines = vec![crate::esimgo::OrderLine {
            bundle: plan.name.clone(),
            quantity,
            iccid: iccid.map(str::to_string),
        }];
        match self.esimgo.validate_order(&lines).await {
            // Validation does not look at the balance (contract §3): a transaction the
            // balance cannot cover would be refused after the customer paid, so it is
            // checked here too.
            Ok(priced) => match self.esimgo.organisation().await {
                Ok(org) if org.balance * 100.0 + 0.5 < priced.total_cents as f64 => {
                    tracing::error!(
                        balance = org.balance,
                        total_cents = priced.total_cents,
                        "eSIM Go balance too low for an order; top up the organisation"
                    );
                    return Err(PortalError::Declined(app::t!("store-cannot-buy-later")));
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "eSIM Go balance unreadable");
                    return Err(PortalError::UpstreamUnavailable(app::t!("store-supplier")));
                }
            },
            Err(crate::esimgo::EsimGoError::Rejected { message, .. }) => {
                tracing::warn!(
                    plan = plan.name,
                    message,
                    "eSIM Go refused to validate an order"
                );
                return Err(PortalError::Declined(app::t!("store-cannot-buy-another")));
            }
            Err(e) => {
                tracing::warn!(error = %e, "eSIM Go did not validate an order");
                return Err(PortalError::UpstreamUnavailable(app::t!("store-supplier")));
            }
        }
        let unit = self
            .pricing
            .price_yen(u64::try_from(plan.cost_cents).unwrap_or(0));
        let token = crate::portal::topup::lease_token();
        let lease_until =
            now_ms() + i64::try_from(self.saga.cfg.lease.as_millis()).unwrap_or(i64::MAX);
        let inserted = orders::insert(
            db,
            NewOrder {
                customer_id: customer.id,
                whmcs_client_id: i64::try_from(customer.whmcs_client_id)
                    .map_err(|_| PortalError::Internal)?,
                idempotency_key: key,
                fingerprint: &print,
                kind: if iccid.is_some() { "top_up" } else { "esim" },
                plan_name: &plan.name,
                plan_description: &plan.description,
                quantity: i64::from(quantity),
                unit_price_jpy: i64::try_from(unit).map_err(|_| PortalError::Internal)?,
                cost_cents: plan.cost_cents.saturating_mul(i64::from(quantity)),
                iccid,
            },
            &token,
            lease_until,
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
                    plan = row.plan_name,
                    quantity,
                    "store order placed"
                );
                self.saga
                    .drive(row.id, &token)
                    .await
                    .map_err(store_error)?
                    .ok_or(PortalError::Internal)?
            }
        };
        self.order_view(row).await
    }

    /// A repeat of a purchase (same key): waits while another request or instance works on
    /// it, then answers from where it stands.
    async fn settled(&self, mut row: OrderRow) -> Result<OrderRow, PortalError> {
        let wait = self.saga.cfg.lease + Duration::from_secs(1);
        let deadline = now_ms() + i64::try_from(wait.as_millis()).unwrap_or(i64::MAX);
        while row.is_leased(now_ms()) && now_ms() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
            row = orders::get(&self.db, row.id)
                .await
                .map_err(store_error)?
                .ok_or(PortalError::Internal)?;
        }
        Ok(row)
    }

    async fn order_view(&self, row: OrderRow) -> Result<StoreOrder, PortalError> {
        let esims = orders::esims_of_orders(&self.db, &[row.id])
            .await
            .map_err(store_error)?;
        Ok(view(&row, &esims))
    }

    /// One of the customer's orders; another customer's looks like none at all.
    pub(super) async fn own_order(
        &self,
        customer: &Customer,
        id: &str,
    ) -> Result<StoreOrder, PortalError> {
        let id: i64 = id
            .trim()
            .parse()
            .map_err(|_| PortalError::NoSuch(app::t!("store-no-such-order")))?;
        let row = orders::get(&self.db, id)
            .await
            .map_err(store_error)?
            .filter(|r| r.customer_id == customer.id)
            .ok_or_else(|| PortalError::NoSuch(app::t!("store-no-such-order")))?;
        self.order_view(row).await
    }

    pub(super) async fn own_orders(
        &self,
        customer: &Customer,
        filter: &OrderFilter,
    ) -> Result<Vec<StoreOrder>, PortalError> {
        let states: Vec<&str> = match filter.stage {
            None => Vec::new(),
            Some(stage) => orders::State::ALL
                .into_iter()
                .filter(|s| OrderStage::from_state(s.as_str()) == stage)
                .map(orders::State::as_str)
                .collect(),
        };
        let (from, to) = filter.range_secs();
        let rows = orders::for_customer(&self.db, customer.id, &states, from, to)
            .await
            .map_err(store_error)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let esims = orders::esims_of_orders(&self.db, &ids)
            .await
            .map_err(store_error)?;
        Ok(rows.iter().map(|r| view(r, &esims)).collect())
    }
}
