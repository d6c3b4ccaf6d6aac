//! The top-up saga: invoice → capture → carrier, one persisted state per step.
//!
//! ```text
//! requested ─(pay methods)─▶ invoicing ─CreateInvoice─▶ invoiced ─▶ capturing ─CapturePayment─▶ paid
//!     │ no card                  │ refused                               │ declined / unpaid     │
//!     ▼                          ▼                                       ▼                       ▼
//! payment_failed ◀───────────────┘                              payment_failed ──(paid later)──▶ paid
//! paid ─▶ applying ─addSpec─▶ applied          paid ─▶ applying ─eachQuota─▶ scheduled ─(day)─▶ applied
//!            │ refused / unknown: back to paid with a backoff, at most `max_apply_attempts`
//!            ▼
//! paid ─(attempts used up)─▶ crediting ─AddCredit─▶ credited
//! ```
//!
//! Every state is written (with a renewed lease) *before* the call it leads to. A row found
//! in a "call may have happened" state (`invoicing`, `capturing`, `applying`, `crediting`) is
//! settled by reading the upstream first: the invoice by its notes, the invoice's status, the
//! carrier's quota history by this top-up's `quotaCode`, the credit log by its description.
//! So a capture is never sent twice for one invoice, and the carrier is never asked twice for
//! an addition it already made.

mod carrier;
mod payment;
mod refund;

use super::SagaConfig;
use crate::freebit::FreebitClient;
use crate::store::top_ups::{self, now_ms, Change, State, TopUpRow};
use crate::store::{audit, Db, StoreError};
use crate::whmcs::WhmcsClient;
use app::domain::topup::topup_label;
use app::domain::{format_msisdn, Outcome};
use chrono::Duration as Days;

/// The audit/timeline kind of every top-up step.
pub const KIND: &str = "top_up";

#[derive(Clone)]
pub struct Saga {
    pub db: Db,
    pub whmcs: WhmcsClient,
    pub freebit: FreebitClient,
    pub cfg: SagaConfig,
    /// Forgotten for the customer once data was (or may have been) added.
    pub cache: crate::cache::Cache,
    /// The portal's public address (the link in the receipt email).
    pub public_base: String,
}

/// Whether the saga can go on now or must wait (for the reconciler, a date or nobody).
enum Step {
    Continue,
    Stop,
}

/// The reference written into invoices and credits, so a lost answer can be found again.
pub fn reference(row: &TopUpRow) -> String {
    format!("portal top-up {}", row.id)
}

/// The invoice line: names the quota and the number. A record in billing (shared with staff),
/// written once whoever drives the saga: not translated.
pub fn description(row: &TopUpRow) -> String {
    format!(
        "Data top-up {} for {}",
        topup_label(row.quota_mb.unsigned_abs()),
        format_msisdn(&row.msisdn)
    )
}

impl Saga {
    fn lease_until(&self) -> i64 {
        now_ms() + self.cfg.lease_ms()
    }

    /// The wait before carrier attempt `attempts + 1`: doubling from the base, capped.
    fn backoff_ms(&self, attempts: i64) -> i64 {
        let base = i64::try_from(self.cfg.retry_base.as_millis()).unwrap_or(i64::MAX);
        let max = i64::try_from(self.cfg.retry_max.as_millis()).unwrap_or(i64::MAX);
        let shift = u32::try_from(attempts.clamp(0, 20)).unwrap_or(20);
        base.saturating_mul(1_i64 << shift).min(max)
    }

    async fn go(
        &self,
        row: &TopUpRow,
        token: &str,
        to: State,
        change: Change,
    ) -> Result<bool, StoreError> {
        let moved = if to == State::Applied {
            self.apply_with_receipt(row, token, change).await?
        } else {
            top_ups::transition(
                &self.db,
                row.id,
                token,
                row.state,
                to,
                change,
                self.lease_until(),
            )
            .await?
        };
        if !moved {
            tracing::warn!(
                id = row.id,
                from = row.state.as_str(),
                to = to.as_str(),
                "top-up moved on or lease lost; stopping"
            );
        }
        Ok(moved)
    }

    /// Moves the row to `applied` and writes the receipt email in the same transaction: one
    /// receipt per top-up, whichever instance or retry applies it.
    async fn apply_with_receipt(
        &self,
        row: &TopUpRow,
        token: &str,
        change: Change,
    ) -> Result<bool, StoreError> {
        let email = crate::store::customers::find_by_id(&self.db, row.customer_id)
            .await?
            .map(|c| c.email);
        let lang = crate::emails::lang_of(&self.db, row.customer_id).await;
        let mut tx = self.db.begin().await?;
        let moved = top_ups::transition_in(
            &mut *tx,
            row.id,
            token,
            row.state,
            State::Applied,
            change,
            self.lease_until(),
        )
        .await?;
        if let (true, Some(to)) = (moved, email) {
            let receipt = crate::emails::top_up_receipt(
                lang,
                "",
                &app::domain::format_msisdn(&row.msisdn),
                &app::domain::topup::topup_label(row.quota_mb.unsigned_abs()),
                row.amount_jpy.unsigned_abs(),
                row.invoice_id.and_then(|i| u64::try_from(i).ok()),
                &self.public_base,
            );
            crate::store::outbox::enqueue(&mut *tx, receipt.to(&to, None)).await?;
        }
        tx.commit().await?;
        Ok(moved)
    }

    /// Moves on and goes on, or stops when the row moved on or the lease was lost.
    async fn advance(
        &self,
        row: &TopUpRow,
        token: &str,
        to: State,
        change: Change,
    ) -> Result<Step, StoreError> {
        let moved = self.go(row, token, to, change).await?;
        Ok(if moved { Step::Continue } else { Step::Stop })
    }

    /// Renews the lease without changing state (before a call made from the same state).
    async fn renew(&self, row: &TopUpRow, token: &str) -> Result<bool, StoreError> {
        self.go(row, token, row.state, Change::default()).await
    }

    /// Stays in the current state and asks to be looked at again after `wait_ms`.
    async fn later(
        &self,
        row: &TopUpRow,
        token: &str,
        wait_ms: i64,
        why: String,
    ) -> Result<Step, StoreError> {
        self.go(
            row,
            token,
            row.state,
            Change {
                next_attempt_ms: Some(Some(now_ms() + wait_ms)),
                last_result: Some(why),
                ..Change::default()
            },
        )
        .await?;
        Ok(Step::Stop)
    }

    /// A timeline line. `detail` is stored once, in the language current when written (the
    /// request's while one drives the saga, English in the reconciler).
    async fn audit(&self, row: &TopUpRow, detail: &str, outcome: Outcome) {
        let r = audit::record_event(
            &self.db,
            audit::Event {
                customer_id: Some(row.customer_id),
                subscription_id: Some(row.subscription_id),
                kind: KIND,
                detail,
                actor: None,
                outcome: Some(outcome.as_str()),
                input: Some(&format!(
                    "quotaMb={} amountJpy={} scheduledFor={}",
                    row.quota_mb,
                    row.amount_jpy,
                    row.run_on.as_deref().unwrap_or("-")
                )),
                upstream_code: row.last_result.as_deref(),
            },
        )
        .await;
        if let Err(e) = r {
            tracing::error!(error = %e, id = row.id, "could not write a top-up step to the audit trail");
        }
    }

    /// Drives a row whose lease `token` holds as far as it can go now, then gives the lease
    /// back. Returns the row as it stands afterwards.
    pub async fn drive(&self, id: i64, token: &str) -> Result<Option<TopUpRow>, StoreError> {
        let result = self.drive_inner(id, token).await;
        if let Err(e) = top_ups::release(&self.db, id, token).await {
            tracing::error!(error = %e, id, "could not release a top-up lease (it expires on its own)");
        }
        result?;
        top_ups::get(&self.db, id).await
    }

    async fn drive_inner(&self, id: i64, token: &str) -> Result<(), StoreError> {
        // Bounded: every state either moves forward or stops; the bound guards against a bug.
        for _ in 0..32 {
            let Some(row) = top_ups::get(&self.db, id).await? else {
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
                State::PaymentFailed => self.watch_unpaid(&row, token).await?,
                State::Paid => self.apply(&row, token).await?,
                State::Applying => self.settle_apply(&row, token).await?,
                State::Scheduled => self.check_scheduled(&row, token).await?,
                State::Crediting => self.credit(&row, token).await?,
                State::Applied | State::Credited | State::Failed => {
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
        tracing::error!(id, "top-up saga did not settle in 32 steps");
        Ok(())
    }
}

fn done() -> Change {
    Change {
        next_attempt_ms: Some(None),
        ..Change::default()
    }
}

/// When a scheduled top-up is checked: 01:00 JST the day after its day (milliseconds), when
/// the carrier has had the whole day to add it.
fn check_time_ms(day: chrono::NaiveDate) -> i64 {
    let midnight_jst = (day + Days::days(1))
        .and_hms_opt(1, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .timestamp()
        - 9 * 3600;
    midnight_jst.saturating_mul(1000)
}
