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

use super::SagaConfig;
use crate::freebit::{FreebitClient, FreebitError};
use crate::store::top_ups::{self, now_ms, Change, State, TopUpRow};
use crate::store::{audit, Db, StoreError};
use crate::whmcs::{amount_jpy, WhmcsClient, WhmcsError};
use app::domain::dates::{date_label, jst_date, parse_iso_date};
use app::domain::topup::{topup_label, yen_label};
use app::domain::{format_msisdn, Outcome};
use chrono::Duration as Days;

/// What CapturePayment says for a declined card — and for a missing one (contract §5).
const DECLINED: &str = "Payment Attempt Failed";

/// The audit/timeline kind of every top-up step.
pub const KIND: &str = "top_up";

#[derive(Clone)]
pub struct Saga {
    pub db: Db,
    pub whmcs: WhmcsClient,
    pub freebit: FreebitClient,
    pub cfg: SagaConfig,
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

/// The invoice line: names the quota and the number.
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
        let moved = top_ups::transition(
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
                "top-up moved on or lease lost; stopping"
            );
        }
        Ok(moved)
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

    // ---- payment -----------------------------------------------------------------------

    async fn start(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
        let client = row.whmcs_client_id.unsigned_abs();
        match self.whmcs.get_pay_methods(client).await {
            Ok(methods) if methods.is_empty() => {
                self.fail_payment(row, token, "no_pay_method", None).await
            }
            Ok(_) => {
                if !self
                    .go(row, token, State::Invoicing, Change::default())
                    .await?
                {
                    return Ok(Step::Stop);
                }
                let row = TopUpRow {
                    state: State::Invoicing,
                    ..row.clone()
                };
                self.create_invoice(&row, token).await
            }
            Err(e) => {
                tracing::warn!(error = %e, id = row.id, "could not read pay methods; nothing charged");
                self.fail_payment(row, token, "not_charged", Some(e.to_string()))
                    .await
            }
        }
    }

    async fn fail_payment(
        &self,
        row: &TopUpRow,
        token: &str,
        problem: &'static str,
        why: Option<String>,
    ) -> Result<Step, StoreError> {
        // An unpaid invoice is watched: paid later (through the link), the top-up goes on.
        let watch = row.invoice_id.is_some() && matches!(problem, "declined" | "unconfirmed");
        let next = watch.then(|| now_ms() + self.cfg.payment_check_ms(0));
        if self
            .go(
                row,
                token,
                State::PaymentFailed,
                Change {
                    payment_problem: Some(problem),
                    last_result: why,
                    next_attempt_ms: Some(next),
                    ..Change::default()
                },
            )
            .await?
        {
            let detail = match problem {
                "no_pay_method" => "Top-up not charged: no payment method on the billing account",
                "declined" => "Top-up payment declined; nothing was charged",
                "unconfirmed" => "Top-up payment not confirmed; the invoice is unpaid",
                _ => "Top-up not charged: billing was unavailable",
            };
            self.audit(
                row,
                &format!("{} ({})", detail, topup_label(row.quota_mb.unsigned_abs())),
                Outcome::Failed,
            )
            .await;
        }
        Ok(Step::Stop)
    }

    async fn create_invoice(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
        let result = self
            .whmcs
            .create_invoice(
                row.whmcs_client_id.unsigned_abs(),
                &description(row),
                &amount_jpy(row.amount_jpy.unsigned_abs()),
                &reference(row),
                None,
            )
            .await;
        match result {
            Ok(created) => {
                let invoice = i64::try_from(created.invoiceid).unwrap_or(i64::MAX);
                self.invoiced(row, token, invoice).await
            }
            // Only an answer from WHMCS (or refused credentials) proves nothing was created;
            // anything else (timeouts, proxies' 4xx/5xx) may hide an invoice: the next look
            // searches for it by its notes first.
            Err(e) if !matches!(e, WhmcsError::Api { .. } | WhmcsError::Auth(_)) => {
                self.later(row, token, self.cfg.retry_base_ms(), e.to_string())
                    .await
            }
            Err(e) => {
                tracing::error!(error = %e, id = row.id, "WHMCS refused to create a top-up invoice");
                self.fail_payment(row, token, "not_charged", Some(e.to_string()))
                    .await
            }
        }
    }

    async fn invoiced(
        &self,
        row: &TopUpRow,
        token: &str,
        invoice: i64,
    ) -> Result<Step, StoreError> {
        let moved = self
            .go(
                row,
                token,
                State::Invoiced,
                Change {
                    invoice_id: Some(invoice),
                    ..Change::default()
                },
            )
            .await?;
        Ok(if moved { Step::Continue } else { Step::Stop })
    }

    /// `invoicing` found again: CreateInvoice may have worked without us hearing it.
    async fn find_or_create_invoice(
        &self,
        row: &TopUpRow,
        token: &str,
    ) -> Result<Step, StoreError> {
        let client = row.whmcs_client_id.unsigned_abs();
        let reference = reference(row);
        match self.whmcs.get_invoices(client, None).await {
            Ok(list) => {
                if let Some(found) = list.iter().find(|i| i.notes.contains(&reference)) {
                    let invoice = i64::try_from(found.id).unwrap_or(i64::MAX);
                    return self.invoiced(row, token, invoice).await;
                }
                if !self.renew(row, token).await? {
                    return Ok(Step::Stop);
                }
                self.create_invoice(row, token).await
            }
            Err(e) => {
                self.later(row, token, self.cfg.retry_base_ms(), e.to_string())
                    .await
            }
        }
    }

    async fn capture(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
        let Some(invoice) = row.invoice_id else {
            return self
                .to_failed(row, token, "invoiced without an invoice id")
                .await;
        };
        if !self
            .go(row, token, State::Capturing, Change::default())
            .await?
        {
            return Ok(Step::Stop);
        }
        let row = TopUpRow {
            state: State::Capturing,
            ..row.clone()
        };
        match self.whmcs.capture_payment(invoice.unsigned_abs()).await {
            Ok(()) => self.paid(&row, token, "CapturePayment success").await,
            Err(e) if e.api_message() == Some(DECLINED) => {
                self.fail_payment(&row, token, "declined", Some(e.to_string()))
                    .await
            }
            // Unknown (timeout) or odd ("Not Unpaid"): the invoice says what happened.
            Err(e) => {
                tracing::warn!(error = %e, id = row.id, invoice, "capture answer unclear; reading the invoice");
                self.settle_capture(&row, token).await
            }
        }
    }

    /// After a capture whose answer is unknown: the invoice's status decides. Never captures.
    async fn settle_capture(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
        let Some(invoice) = row.invoice_id else {
            return self
                .to_failed(row, token, "capturing without an invoice id")
                .await;
        };
        match self.whmcs.get_invoice(invoice.unsigned_abs()).await {
            Ok(inv) if inv.status.eq_ignore_ascii_case("Paid") => {
                self.paid(row, token, "invoice read back as Paid").await
            }
            Ok(inv)
                if !["Cancelled", "Refunded"]
                    .iter()
                    .any(|s| inv.status.eq_ignore_ascii_case(s)) =>
            {
                // Unpaid, "Payment Pending", …: it may still be paid; watched.
                self.fail_payment(
                    row,
                    token,
                    "unconfirmed",
                    Some(format!("invoice {invoice} {} after capture", inv.status)),
                )
                .await
            }
            Ok(inv) => {
                self.fail_payment(
                    row,
                    token,
                    "not_charged",
                    Some(format!("invoice {invoice} is {}", inv.status)),
                )
                .await
            }
            Err(e) => {
                self.later(row, token, self.cfg.retry_base_ms(), e.to_string())
                    .await
            }
        }
    }

    async fn paid(&self, row: &TopUpRow, token: &str, why: &str) -> Result<Step, StoreError> {
        let moved = self
            .go(
                row,
                token,
                State::Paid,
                Change {
                    last_result: Some(why.to_string()),
                    next_attempt_ms: Some(Some(now_ms())),
                    ..Change::default()
                },
            )
            .await?;
        if !moved {
            return Ok(Step::Stop);
        }
        let invoice = row
            .invoice_id
            .map(|i| format!(" (invoice #{i})"))
            .unwrap_or_default();
        self.audit(
            row,
            &format!(
                "Paid {} for a {} top-up{invoice}",
                yen_label(row.amount_jpy.unsigned_abs()),
                topup_label(row.quota_mb.unsigned_abs())
            ),
            Outcome::Accepted,
        )
        .await;
        Ok(Step::Continue)
    }

    /// A declined or unconfirmed payment whose invoice is still open: paid later (the pay
    /// link), the top-up goes on; after the watch window nothing more is done.
    async fn watch_unpaid(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
        let (Some(invoice), Some(_)) = (row.invoice_id, row.next_attempt_ms) else {
            return Ok(Step::Stop);
        };
        let invoice = invoice.unsigned_abs();
        match self.whmcs.get_invoice(invoice).await {
            Ok(inv) if inv.status.eq_ignore_ascii_case("Paid") => {
                self.paid(row, token, "invoice paid in billing").await
            }
            Ok(inv)
                if ["Cancelled", "Refunded"]
                    .iter()
                    .any(|s| inv.status.eq_ignore_ascii_case(s)) =>
            {
                self.go(row, token, row.state, done()).await?;
                Ok(Step::Stop)
            }
            Ok(_) | Err(_) => {
                let age_ms = (crate::store::now() - row.created_at).saturating_mul(1000);
                if age_ms < self.cfg.payment_watch_ms() {
                    let next = now_ms() + self.cfg.payment_check_ms(age_ms);
                    let change = Change {
                        next_attempt_ms: Some(Some(next)),
                        ..Change::default()
                    };
                    self.go(row, token, row.state, change).await?;
                    return Ok(Step::Stop);
                }
                self.close_unpaid(row, token, invoice).await
            }
        }
    }

    /// The watch is over: the invoice is cancelled so nobody can pay it any more, then read
    /// once more — paid in the meantime, the top-up goes on.
    async fn close_unpaid(
        &self,
        row: &TopUpRow,
        token: &str,
        invoice: u64,
    ) -> Result<Step, StoreError> {
        if !self.renew(row, token).await? {
            return Ok(Step::Stop);
        }
        if let Err(e) = self.whmcs.cancel_invoice(invoice).await {
            tracing::warn!(error = %e, id = row.id, invoice, "could not cancel an unpaid top-up invoice");
        }
        match self.whmcs.get_invoice(invoice).await {
            Ok(inv) if inv.status.eq_ignore_ascii_case("Paid") => {
                self.paid(row, token, "invoice paid at the end of the watch")
                    .await
            }
            Ok(inv) if inv.status.eq_ignore_ascii_case("Cancelled") => {
                if self.go(row, token, row.state, done()).await? {
                    self.audit(
                        row,
                        &format!("Unpaid top-up invoice #{invoice} cancelled"),
                        Outcome::Failed,
                    )
                    .await;
                }
                Ok(Step::Stop)
            }
            Ok(_) | Err(_) => {
                let why = "could not close the unpaid invoice yet".to_string();
                self.later(row, token, self.cfg.retry_base_ms(), why).await
            }
        }
    }

    // ---- the carrier -------------------------------------------------------------------

    fn run_on(row: &TopUpRow) -> Option<chrono::NaiveDate> {
        row.run_on.as_deref().and_then(parse_iso_date)
    }

    async fn apply(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
        if row.attempts >= self.cfg.max_apply_attempts {
            let moved = self
                .go(
                    row,
                    token,
                    State::Crediting,
                    Change {
                        next_attempt_ms: Some(Some(now_ms())),
                        ..Change::default()
                    },
                )
                .await?;
            return Ok(if moved { Step::Continue } else { Step::Stop });
        }
        let attempts = row.attempts + 1;
        let today = jst_date(crate::store::now());
        // A schedule whose day has come (paid late, retries crossing it) is added at once.
        let schedule = Self::run_on(row).filter(|d| *d > today);
        let change = Change {
            attempts: Some(attempts),
            // If we die mid-call, look again once the lease is gone.
            next_attempt_ms: Some(Some(now_ms())),
            clear_run_on: row.run_on.is_some() && schedule.is_none(),
            ..Change::default()
        };
        if !self.go(row, token, State::Applying, change).await? {
            return Ok(Step::Stop);
        }
        let row = TopUpRow {
            state: State::Applying,
            attempts,
            run_on: schedule.map(|d| d.to_string()),
            ..row.clone()
        };
        let quota = row.quota_mb.unsigned_abs();
        let expire = row.expire_on.as_deref().and_then(parse_iso_date);
        let result = match schedule {
            Some(day) => {
                self.freebit
                    .schedule_quota(&row.msisdn, quota, Some(&row.quota_code), day)
                    .await
            }
            None => {
                self.freebit
                    .add_spec(&row.msisdn, quota, Some(&row.quota_code), expire)
                    .await
            }
        };
        match result {
            Ok(()) => self.carrier_took_it(&row, token, "carrier accepted").await,
            // Whatever went wrong, the next look reads the quota history before sending again:
            // only a timeout is documented as "unknown", but no result code is documented as
            // "certainly not applied" either.
            Err(e) => {
                if e.is_transient() {
                    tracing::warn!(error = %e, id = row.id, "no answer from the carrier for a top-up");
                } else {
                    tracing::error!(error = %e, id = row.id, attempts, "the carrier refused a paid top-up");
                }
                self.retry_apply(&row, token, e.to_string()).await
            }
        }
    }

    /// Waits with backoff in `applying`: the next look checks the quota history first.
    async fn retry_apply(
        &self,
        row: &TopUpRow,
        token: &str,
        why: String,
    ) -> Result<Step, StoreError> {
        let change = Change {
            last_result: Some(why),
            next_attempt_ms: Some(Some(now_ms() + self.backoff_ms(row.attempts - 1))),
            ..Change::default()
        };
        if self.go(row, token, State::Applying, change).await? && row.attempts == 1 {
            self.audit(
                row,
                &format!(
                    "The network has not confirmed the {} top-up yet; the portal keeps trying",
                    topup_label(row.quota_mb.unsigned_abs())
                ),
                Outcome::Unconfirmed,
            )
            .await;
        }
        Ok(Step::Stop)
    }

    async fn carrier_took_it(
        &self,
        row: &TopUpRow,
        token: &str,
        why: &str,
    ) -> Result<Step, StoreError> {
        let label = topup_label(row.quota_mb.unsigned_abs());
        let today = jst_date(crate::store::now());
        let (to, next, detail) = match Self::run_on(row).filter(|d| *d >= today) {
            Some(day) => (
                State::Scheduled,
                Some(check_time_ms(day)),
                format!("{label} top-up scheduled for {}", date_label(day)),
            ),
            None => (
                State::Applied,
                None,
                format!("{label} added to {}", format_msisdn(&row.msisdn)),
            ),
        };
        let change = Change {
            last_result: Some(why.to_string()),
            next_attempt_ms: Some(next),
            ..Change::default()
        };
        if self.go(row, token, to, change).await? {
            self.audit(row, &detail, Outcome::Accepted).await;
        }
        Ok(Step::Stop)
    }

    /// Whether the carrier's quota history holds this top-up's `quotaCode`.
    async fn in_quota_history(&self, row: &TopUpRow) -> Result<bool, FreebitError> {
        let today = jst_date(crate::store::now());
        let from = jst_date(row.created_at) - Days::days(1);
        let to = today.max(Self::run_on(row).unwrap_or(today)) + Days::days(1);
        let history = self.freebit.quota_history(&row.msisdn, from, to).await?;
        Ok(history
            .iter()
            .any(|h| h.quota_code.as_deref() == Some(row.quota_code.as_str())))
    }

    /// `applying` found again: the addition may have happened without us hearing it.
    async fn settle_apply(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
        if let Some(day) = Self::run_on(row) {
            // A scheduled addition shows in the history only on its day: treat it as
            // scheduled and check once the day is over (a lost one is added then).
            if day >= jst_date(crate::store::now()) {
                return self
                    .carrier_took_it(row, token, "eachQuota answer lost; checking on the day")
                    .await;
            }
        }
        match self.in_quota_history(row).await {
            Ok(true) => {
                self.carrier_took_it(row, token, "found in the carrier's quota history")
                    .await
            }
            Ok(false) => {
                let moved = self
                    .go(
                        row,
                        token,
                        State::Paid,
                        Change {
                            last_result: Some("not in the quota history".into()),
                            ..Change::default()
                        },
                    )
                    .await?;
                Ok(if moved { Step::Continue } else { Step::Stop })
            }
            Err(e) => {
                self.later(row, token, self.backoff_ms(row.attempts - 1), e.to_string())
                    .await
            }
        }
    }

    async fn check_scheduled(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
        let today = jst_date(crate::store::now());
        match Self::run_on(row) {
            // The carrier adds it some time on its day: look once the day is over.
            Some(day) if day >= today => {
                self.go(
                    row,
                    token,
                    row.state,
                    Change {
                        next_attempt_ms: Some(Some(check_time_ms(day))),
                        ..Change::default()
                    },
                )
                .await?;
                Ok(Step::Stop)
            }
            _ => match self.in_quota_history(row).await {
                Ok(true) => {
                    let label = topup_label(row.quota_mb.unsigned_abs());
                    if self.go(row, token, State::Applied, done()).await? {
                        self.audit(
                            row,
                            &format!("Scheduled {label} top-up added"),
                            Outcome::Accepted,
                        )
                        .await;
                    }
                    Ok(Step::Stop)
                }
                Ok(false) => {
                    // The carrier did not add it on its day: add it now.
                    let change = Change {
                        clear_run_on: true,
                        last_result: Some("scheduled addition missing on its day".into()),
                        ..Change::default()
                    };
                    let moved = self.go(row, token, State::Paid, change).await?;
                    Ok(if moved { Step::Continue } else { Step::Stop })
                }
                Err(e) => {
                    self.later(row, token, self.cfg.retry_base_ms(), e.to_string())
                        .await
                }
            },
        }
    }

    // ---- giving the money back ---------------------------------------------------------

    async fn credit(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
        let client = row.whmcs_client_id.unsigned_abs();
        let reference = reference(row);
        // First the credit log: a credit whose answer was lost must not be given twice.
        match self.whmcs.get_credits(client).await {
            Ok(log) if log.iter().any(|c| c.description.contains(&reference)) => {
                return self.credited(row, token).await;
            }
            Ok(_) => {}
            Err(e) => {
                return self
                    .later(row, token, self.cfg.retry_base_ms(), e.to_string())
                    .await
            }
        }
        if !self.renew(row, token).await? {
            return Ok(Step::Stop);
        }
        let description = format!(
            "Refund: the network could not add {} ({reference}, invoice #{})",
            topup_label(row.quota_mb.unsigned_abs()),
            row.invoice_id.unwrap_or_default()
        );
        match self
            .whmcs
            .add_credit(
                client,
                &description,
                &amount_jpy(row.amount_jpy.unsigned_abs()),
            )
            .await
        {
            Ok(_) => self.credited(row, token).await,
            Err(e) if e.is_transient() => {
                self.later(row, token, self.cfg.retry_base_ms(), e.to_string())
                    .await
            }
            Err(e) => {
                tracing::error!(error = %e, id = row.id, "WHMCS refused to credit a paid top-up");
                self.to_failed(row, token, &e.to_string()).await
            }
        }
    }

    async fn credited(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
        if self.go(row, token, State::Credited, done()).await? {
            self.audit(
                row,
                &format!(
                    "The network could not add {}: {} returned as account credit",
                    topup_label(row.quota_mb.unsigned_abs()),
                    yen_label(row.amount_jpy.unsigned_abs())
                ),
                Outcome::Failed,
            )
            .await;
        }
        Ok(Step::Stop)
    }

    /// Something only staff can sort out; the row keeps everything they need.
    async fn to_failed(&self, row: &TopUpRow, token: &str, why: &str) -> Result<Step, StoreError> {
        tracing::error!(
            id = row.id,
            state = row.state.as_str(),
            why,
            "top-up needs staff attention"
        );
        let change = Change {
            last_result: Some(why.to_string()),
            next_attempt_ms: Some(None),
            ..Change::default()
        };
        if self.go(row, token, State::Failed, change).await? {
            self.audit(row, "Top-up needs a check by our team", Outcome::Failed)
                .await;
        }
        Ok(Step::Stop)
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
