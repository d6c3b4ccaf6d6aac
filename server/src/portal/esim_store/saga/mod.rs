//! The purchase saga of the eSIM store: payment through WHMCS exactly like a top-up, then the
//! eSIM Go order; one persisted state per step.
//!
//! ```text
//! requested ─PayMethods─▶ invoicing ─CreateInvoice─▶ invoiced ─▶ capturing ─CapturePayment─▶ paid
//!     │ none / billing down     │ refused                          │ declined: invoice cancelled
//!     ▼                         ▼                                  ▼
//! payment_failed ◀──────────────┴──────────────────────────────────┘
//! paid ─▶ ordering ─transaction─▶ ordered ─assignments─▶ completed (+ email, same transaction)
//!             │ refused, or no order after `max_order_attempts`
//!             ▼
//!         refunding ─AddCredit─▶ refunded
//! ```
//!
//! Every state is written (with a renewed lease) *before* the call it leads to. An order
//! found in a "call may have happened" state is settled by reading upstream first: the
//! invoice by its notes, the capture by the invoice's status, **the eSIM Go order by the
//! orders created since the attempt** (matched by bundle, quantity and ICCID, and not claimed
//! by another store order) before a transaction is ever sent again, the credit by the credit
//! log. So one payment is captured once, buys one eSIM Go order, and is credited back at most
//! once.
//!
//! The customer's `failure` text is kept as the English text of its catalog message (the
//! order's record, written by requests and the worker alike); the order's view shows it in
//! the reader's language (`purchase::failure_text`).

use crate::esimgo::{EsimGoClient, EsimGoError, OrderLine, PlacedOrder};
use crate::store::store_orders::{self as orders, now_ms, Change, OrderRow, State};
use crate::store::{Db, StoreError};
use crate::whmcs::{amount_jpy, WhmcsClient};
use app::domain::topup::yen_label;
use app::i18n::Lang;
use std::time::Duration;

mod order;
mod payment;
mod refund;

/// How far before the recorded attempt the order list is searched (clocks differ).
const CLOCK_SLACK_MS: i64 = 5 * 60 * 1000;

#[derive(Clone, Debug)]
pub struct SagaConfig {
    /// Longer than any single upstream call with its retries.
    pub lease: Duration,
    pub retry_base: Duration,
    pub retry_max: Duration,
    /// eSIM Go transactions sent (each after looking for the last one) before refunding.
    pub max_order_attempts: i64,
    pub poll: Duration,
}

impl SagaConfig {
    pub fn for_timeout(timeout: Duration, read_retries: usize) -> Self {
        let longest_call = timeout * u32::try_from(read_retries + 1).unwrap_or(3).max(4);
        SagaConfig {
            lease: longest_call * 2 + Duration::from_secs(5),
            retry_base: Duration::from_secs(10),
            retry_max: Duration::from_secs(15 * 60),
            max_order_attempts: 5,
            poll: Duration::from_secs(2),
        }
    }
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

#[derive(Clone)]
pub struct PurchaseSaga {
    pub db: Db,
    pub whmcs: WhmcsClient,
    pub esimgo: EsimGoClient,
    pub cache: crate::cache::Cache,
    pub cfg: SagaConfig,
    /// The portal's public address (links in emails).
    pub public_base: String,
}

enum Step {
    Continue,
    Stop,
}

/// Written into the invoice's notes and the credit's description: finds them again.
pub fn reference(row: &OrderRow) -> String {
    format!("portal eSIM order {}", row.id)
}

fn description(row: &OrderRow) -> String {
    match &row.iccid {
        Some(iccid) => format!(
            "Travel eSIM top-up {} for eSIM {iccid}",
            row.plan_description
        ),
        None => format!("Travel eSIM {} × {}", row.plan_description, row.quantity),
    }
}

/// The order as eSIM Go takes it.
pub fn lines(row: &OrderRow) -> Vec<OrderLine> {
    vec![OrderLine {
        bundle: row.plan_name.clone(),
        quantity: u32::try_from(row.quantity).unwrap_or(1),
        iccid: row.iccid.clone(),
    }]
}

/// Whether an order eSIM Go lists is this one: same bundle, the quantity (new eSIMs) or the
/// ICCID (a top-up).
fn same_order(row: &OrderRow, placed: &PlacedOrder) -> bool {
    placed.lines.iter().any(|(bundle, esims)| {
        bundle == &row.plan_name
            && match &row.iccid {
                Some(iccid) => esims.iter().any(|e| &e.iccid == iccid),
                None => i64::try_from(esims.len()).ok() == Some(row.quantity),
            }
    })
}

impl PurchaseSaga {
    fn lease_until(&self) -> i64 {
        now_ms() + ms(self.cfg.lease)
    }

    fn backoff_ms(&self, attempts: i64) -> i64 {
        let shift = u32::try_from(attempts.clamp(0, 20)).unwrap_or(20);
        ms(self.cfg.retry_base)
            .saturating_mul(1_i64 << shift)
            .min(ms(self.cfg.retry_max))
    }

    async fn go(
        &self,
        row: &OrderRow,
        token: &str,
        to: State,
        change: Change,
    ) -> Result<bool, StoreError> {
        let moved = orders::transition(
            &self.db,
            row.id,
            token,
            row.state,
            to,
            change,
            self.lease_until(),
        )
        .await?;
        if !moved {
            tracing::warn!(
                id = row.id,
                from = row.state.as_str(),
                to = to.as_str(),
                "store order moved on or lease lost; stopping"
            );
        }
        Ok(moved)
    }

    /// Moves on and returns the row as it now stands (for the next step in the same drive).
    async fn step_to(
        &self,
        row: &OrderRow,
        token: &str,
        to: State,
        change: Change,
    ) -> Result<Option<OrderRow>, StoreError> {
        if !self.go(row, token, to, change).await? {
            return Ok(None);
        }
        orders::get(&self.db, row.id).await
    }

    async fn advance(
        &self,
        row: &OrderRow,
        token: &str,
        to: State,
        change: Change,
    ) -> Result<Step, StoreError> {
        Ok(if self.go(row, token, to, change).await? {
            Step::Continue
        } else {
            Step::Stop
        })
    }

    /// Stays in the state and asks to be looked at again after `wait_ms`.
    async fn later(
        &self,
        row: &OrderRow,
        token: &str,
        wait_ms: i64,
        why: String,
    ) -> Result<Step, StoreError> {
        tracing::warn!(
            id = row.id,
            state = row.state.as_str(),
            why,
            "store order step postponed"
        );
        self.go(
            row,
            token,
            row.state,
            Change {
                next_attempt_ms: Some(Some(now_ms() + wait_ms)),
                last_error: Some(why),
                ..Change::default()
            },
        )
        .await?;
        Ok(Step::Stop)
    }

    /// Drives an order whose lease `token` holds as far as it goes now, then gives the lease
    /// back. Returns the order as it stands afterwards.
    pub async fn drive(&self, id: i64, token: &str) -> Result<Option<OrderRow>, StoreError> {
        let result = self.drive_inner(id, token).await;
        if let Err(e) = orders::release(&self.db, id, token).await {
            tracing::error!(error = %e, id, "could not release a store order lease (it expires on its own)");
        }
        result?;
        orders::get(&self.db, id).await
    }

    async fn drive_inner(&self, id: i64, token: &str) -> Result<(), StoreError> {
        // Bounded: each state moves forward or stops; the bound guards against a bug.
        for _ in 0..32 {
            let Some(row) = orders::get(&self.db, id).await? else {
                return Ok(());
            };
            if row.lease_token.as_deref() != Some(token) {
                return Ok(());
            }
            let step = match row.state {
                State::Requested => self.start(&row, token).await?,
                State::Invoicing => self.find_or_create_invoice(&row, token).await?,
                State::Invoiced => self.capture(&row, token).await?,
                State::Capturing => self.settle_capture(&row, token).await?,
                State::Paid => self.place(&row, token).await?,
                State::Ordering => self.find_or_place(&row, token).await?,
                State::Ordered => self.deliver(&row, token).await?,
                State::Refunding => self.refund(&row, token).await?,
                State::Completed | State::PaymentFailed | State::Refunded | State::Failed => {
                    if row.next_attempt_ms.is_some() {
                        self.go(&row, token, row.state, done()).await?;
                    }
                    Step::Stop
                }
            };
            if let Step::Stop = step {
                return Ok(());
            }
        }
        tracing::error!(id, "store order saga did not settle in 32 steps");
        Ok(())
    }
}

fn done() -> Change {
    Change {
        next_attempt_ms: Some(None),
        ..Change::default()
    }
}

/// Drives due orders (a crash, an outage, a lost answer) until the process ends.
pub async fn run(saga: PurchaseSaga) {
    loop {
        tokio::time::sleep(saga.cfg.poll).await;
        let due = match orders::due(&saga.db, now_ms(), 20).await {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!(error = %e, "could not list due store orders");
                continue;
            }
        };
        for id in due {
            let token = crate::portal::topup::lease_token();
            match orders::acquire(&saga.db, id, &token, now_ms(), saga.lease_until()).await {
                Ok(true) => {
                    if let Err(e) = saga.drive(id, &token).await {
                        tracing::warn!(error = %e, id, "store order drive failed");
                    }
                }
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, id, "could not lease a store order"),
            }
        }
    }
}
