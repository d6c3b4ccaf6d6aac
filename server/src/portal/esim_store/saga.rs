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
use crate::whmcs::{amount_jpy, WhmcsClient, WhmcsError};
use app::domain::topup::yen_label;
use app::i18n::Lang;
use std::time::Duration;

/// What CapturePayment says for a declined card (contract §5).
const DECLINED: &str = "Payment Attempt Failed";
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

    // ---- payment -------------------------------------------------------------------------

    async fn start(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
        match self
            .whmcs
            .get_pay_methods(row.whmcs_client_id.unsigned_abs())
            .await
        {
            Ok(methods) if methods.is_empty() => {
                self.not_paid(
                    row,
                    token,
                    &app::tr!(Lang::En, "store-failure-no-pay-method"),
                    None,
                )
                .await
            }
            Ok(_) => match self
                .step_to(row, token, State::Invoicing, Change::default())
                .await?
            {
                Some(row) => self.create_invoice(&row, token).await,
                None => Ok(Step::Stop),
            },
            Err(e) => {
                self.not_paid(
                    row,
                    token,
                    &app::tr!(Lang::En, "store-failure-billing-down"),
                    Some(e.to_string()),
                )
                .await
            }
        }
    }

    async fn not_paid(
        &self,
        row: &OrderRow,
        token: &str,
        failure: &str,
        why: Option<String>,
    ) -> Result<Step, StoreError> {
        let change = Change {
            failure: Some(failure.to_string()),
            last_error: why,
            next_attempt_ms: Some(None),
            ..Change::default()
        };
        if self.go(row, token, State::PaymentFailed, change).await? {
            tracing::info!(id = row.id, failure, "store order not paid");
        }
        Ok(Step::Stop)
    }

    async fn create_invoice(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
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
                self.advance(
                    row,
                    token,
                    State::Invoiced,
                    Change {
                        invoice_id: Some(invoice),
                        ..Change::default()
                    },
                )
                .await
            }
            // Only WHMCS's own refusal proves nothing was created; anything else may hide an
            // invoice, which the next look finds by its notes.
            Err(e) if !matches!(e, WhmcsError::Api { .. } | WhmcsError::Auth(_)) => {
                self.later(row, token, self.backoff_ms(0), e.to_string())
                    .await
            }
            Err(e) => {
                self.not_paid(
                    row,
                    token,
                    &app::tr!(Lang::En, "store-failure-billing-refused"),
                    Some(e.to_string()),
                )
                .await
            }
        }
    }

    async fn find_or_create_invoice(
        &self,
        row: &OrderRow,
        token: &str,
    ) -> Result<Step, StoreError> {
        let reference = reference(row);
        match self
            .whmcs
            .get_invoices(row.whmcs_client_id.unsigned_abs(), None)
            .await
        {
            Ok(list) => {
                if let Some(found) = list.iter().find(|i| i.notes.contains(&reference)) {
                    let invoice = i64::try_from(found.id).unwrap_or(i64::MAX);
                    return self
                        .advance(
                            row,
                            token,
                            State::Invoiced,
                            Change {
                                invoice_id: Some(invoice),
                                ..Change::default()
                            },
                        )
                        .await;
                }
                if !self.go(row, token, row.state, Change::default()).await? {
                    return Ok(Step::Stop);
                }
                self.create_invoice(row, token).await
            }
            Err(e) => {
                self.later(row, token, self.backoff_ms(0), e.to_string())
                    .await
            }
        }
    }

    async fn capture(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
        let Some(invoice) = row.invoice_id else {
            return self
                .to_failed(row, token, "invoiced without an invoice id")
                .await;
        };
        let Some(row) = self
            .step_to(row, token, State::Capturing, Change::default())
            .await?
        else {
            return Ok(Step::Stop);
        };
        match self.whmcs.capture_payment(invoice.unsigned_abs()).await {
            Ok(()) => self.paid(&row, token).await,
            Err(e) if e.api_message() == Some(DECLINED) => {
                self.close_unpaid(
                    &row,
                    token,
                    invoice,
                    &app::tr!(Lang::En, "store-failure-declined"),
                )
                .await
            }
            Err(e) => {
                tracing::warn!(error = %e, id = row.id, invoice, "capture answer unclear; reading the invoice");
                self.settle_capture(&row, token).await
            }
        }
    }

    /// After a capture whose answer is unknown: the invoice's status decides. Never captures.
    async fn settle_capture(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
        let Some(invoice) = row.invoice_id else {
            return self
                .to_failed(row, token, "capturing without an invoice id")
                .await;
        };
        match self.whmcs.get_invoice(invoice.unsigned_abs()).await {
            Ok(inv) if inv.status.eq_ignore_ascii_case("Paid") => self.paid(row, token).await,
            Ok(inv)
                if ["Cancelled", "Refunded"]
                    .iter()
                    .any(|s| inv.status.eq_ignore_ascii_case(s)) =>
            {
                self.not_paid(
                    row,
                    token,
                    &app::tr!(Lang::En, "store-failure-not-through"),
                    Some(format!("invoice {invoice} is {}", inv.status)),
                )
                .await
            }
            Ok(_) => {
                self.close_unpaid(
                    row,
                    token,
                    invoice,
                    &app::tr!(Lang::En, "store-failure-not-confirmed"),
                )
                .await
            }
            Err(e) => {
                self.later(row, token, self.backoff_ms(0), e.to_string())
                    .await
            }
        }
    }

    /// An unpaid invoice is cancelled so nobody can pay for an order that will not come, then
    /// read once more: paid in the meantime, the order goes on.
    async fn close_unpaid(
        &self,
        row: &OrderRow,
        token: &str,
        invoice: i64,
        failure: &str,
    ) -> Result<Step, StoreError> {
        if let Err(e) = self.whmcs.cancel_invoice(invoice.unsigned_abs()).await {
            tracing::warn!(error = %e, id = row.id, invoice, "could not cancel an unpaid store invoice");
        }
        match self.whmcs.get_invoice(invoice.unsigned_abs()).await {
            Ok(inv) if inv.status.eq_ignore_ascii_case("Paid") => self.paid(row, token).await,
            Ok(inv) if inv.status.eq_ignore_ascii_case("Cancelled") => {
                self.not_paid(
                    row,
                    token,
                    failure,
                    Some(format!("invoice {invoice} cancelled unpaid")),
                )
                .await
            }
            Ok(inv) => {
                self.later(
                    row,
                    token,
                    self.backoff_ms(0),
                    format!("invoice {invoice} still {}", inv.status),
                )
                .await
            }
            Err(e) => {
                self.later(row, token, self.backoff_ms(0), e.to_string())
                    .await
            }
        }
    }

    async fn paid(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
        let moved = self
            .go(
                row,
                token,
                State::Paid,
                Change {
                    next_attempt_ms: Some(Some(now_ms())),
                    ..Change::default()
                },
            )
            .await?;
        if moved {
            tracing::info!(id = row.id, amount = %yen_label(row.amount_jpy.unsigned_abs()), "store order paid");
        }
        Ok(if moved { Step::Continue } else { Step::Stop })
    }

    // ---- the eSIM Go order ---------------------------------------------------------------

    /// Sends the transaction, with its attempt written first.
    async fn place(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
        let change = Change {
            esimgo_attempt_ms: Some(now_ms()),
            attempts: Some(row.attempts + 1),
            ..Change::default()
        };
        let Some(row) = self.step_to(row, token, State::Ordering, change).await? else {
            return Ok(Step::Stop);
        };
        match self.esimgo.place_order(&lines(&row)).await {
            Ok(placed) => self.ordered(&row, token, &placed.reference).await,
            // Refused on its merits (bundle withdrawn, balance): no order exists.
            Err(EsimGoError::Rejected { message, .. }) => {
                self.to_refund(&row, token, "store-failure-refunded-unsupplied", message)
                    .await
            }
            Err(e) => {
                let wait = self.backoff_ms(row.attempts);
                self.later(&row, token, wait, e.to_string()).await
            }
        }
    }

    /// `ordering` found again: the last transaction may have worked without us hearing it.
    async fn find_or_place(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
        let since_ms = row.esimgo_attempt_ms.unwrap_or(row.created_at * 1000) - CLOCK_SLACK_MS;
        let since = chrono::DateTime::from_timestamp_millis(since_ms).unwrap_or_default();
        let listed = match self.esimgo.orders_since(since).await {
            Ok(list) => list,
            Err(e) => {
                let wait = self.backoff_ms(row.attempts);
                return self.later(row, token, wait, e.to_string()).await;
            }
        };
        for placed in listed.iter().filter(|o| same_order(row, o)) {
            if !orders::reference_taken(&self.db, &placed.reference, row.id).await? {
                tracing::info!(
                    id = row.id,
                    reference = placed.reference,
                    "found the eSIM Go order of a lost answer"
                );
                return self.ordered(row, token, &placed.reference).await;
            }
        }
        if row.attempts >= self.cfg.max_order_attempts {
            return self
                .to_refund(
                    row,
                    token,
                    "store-failure-refunded-not-taken",
                    format!("no order after {} attempts", row.attempts),
                )
                .await;
        }
        let Some(row) = self
            .step_to(row, token, State::Paid, Change::default())
            .await?
        else {
            return Ok(Step::Stop);
        };
        self.place(&row, token).await
    }

    async fn ordered(
        &self,
        row: &OrderRow,
        token: &str,
        reference: &str,
    ) -> Result<Step, StoreError> {
        let change = Change {
            esimgo_reference: Some(reference.to_string()),
            next_attempt_ms: Some(Some(now_ms())),
            ..Change::default()
        };
        match self.go(row, token, State::Ordered, change).await {
            Ok(true) => Ok(Step::Continue),
            Ok(false) => Ok(Step::Stop),
            // Another store order holds this reference: never two for one eSIM Go order.
            Err(StoreError::Sqlx(sqlx::Error::Database(e))) if e.is_unique_violation() => {
                self.later(
                    row,
                    token,
                    self.backoff_ms(0),
                    format!("reference {reference} already claimed"),
                )
                .await
            }
            Err(e) => Err(e),
        }
    }

    /// Reads what the order made, records it and completes the order with its email.
    async fn deliver(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
        let Some(reference) = row.esimgo_reference.clone() else {
            return self
                .to_failed(row, token, "ordered without a reference")
                .await;
        };
        let esims = if row.iccid.is_some() {
            Vec::new()
        } else {
            match self.esimgo.install_data(&reference).await {
                Ok(esims) if i64::try_from(esims.len()).ok() == Some(row.quantity) => esims,
                Ok(esims) => {
                    let why = format!("{} of {} eSIMs listed so far", esims.len(), row.quantity);
                    return self.later(row, token, self.backoff_ms(0), why).await;
                }
                Err(e) => {
                    return self
                        .later(row, token, self.backoff_ms(0), e.to_string())
                        .await
                }
            }
        };
        // Tags each eSIM with the order (idempotent; a failure is only logged: eSIM Go's
        // reference ties them to the order already).
        for e in &esims {
            if let Err(err) = self
                .esimgo
                .set_customer_ref(&e.iccid, &row.id.to_string())
                .await
            {
                tracing::warn!(error = %err, iccid = e.iccid, "could not tag an eSIM with its order");
            }
        }
        let email = crate::store::customers::find_by_id(&self.db, row.customer_id)
            .await?
            .map(|c| c.email);
        let lang = crate::emails::lang_of(&self.db, row.customer_id).await;
        let mut tx = crate::store::begin_write(&self.db).await?;
        let new: Vec<orders::NewEsim> = esims
            .iter()
            .map(|e| orders::NewEsim {
                iccid: &e.iccid,
                smdp_host: &e.smdp_host,
                matching_id: &e.matching_id,
            })
            .collect();
        orders::add_esims(&mut tx, row.customer_id, row.id, &new).await?;
        let moved = orders::transition(
            &mut *tx,
            row.id,
            token,
            State::Ordered,
            State::Completed,
            done(),
            self.lease_until(),
        )
        .await?;
        if !moved {
            return Ok(Step::Stop);
        }
        if let Some(to) = email {
            let mail = crate::emails::store_order_ready(
                lang,
                &row.plan_description,
                row.quantity.unsigned_abs(),
                row.iccid.as_deref(),
                row.amount_jpy.unsigned_abs(),
                &format!(
                    "{}/store/orders/{}",
                    self.public_base.trim_end_matches('/'),
                    row.id
                ),
            );
            crate::store::outbox::enqueue(&mut *tx, mail.to(&to, None)).await?;
        }
        tx.commit().await?;
        tracing::info!(id = row.id, reference, "store order completed");
        let iccids: Vec<String> = match &row.iccid {
            Some(i) => vec![i.clone()],
            None => esims.into_iter().map(|e| e.iccid).collect(),
        };
        super::usage::refresh_bundles(&self.db, &self.esimgo, &iccids).await;
        self.cache.forget(row.customer_id).await;
        Ok(Step::Stop)
    }

    // ---- money back ----------------------------------------------------------------------

    /// `failure_key`: the catalog message saying why, with the `amount` returned.
    async fn to_refund(
        &self,
        row: &OrderRow,
        token: &str,
        failure_key: &str,
        why: String,
    ) -> Result<Step, StoreError> {
        tracing::error!(
            id = row.id,
            why,
            "store order cannot be supplied; refunding"
        );
        let text = app::tr!(
            Lang::En,
            failure_key,
            amount = yen_label(row.amount_jpy.unsigned_abs())
        );
        self.advance(
            row,
            token,
            State::Refunding,
            Change {
                failure: Some(text),
                last_error: Some(why),
                next_attempt_ms: Some(Some(now_ms())),
                ..Change::default()
            },
        )
        .await
    }

    async fn refund(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
        let client = row.whmcs_client_id.unsigned_abs();
        let reference = reference(row);
        // The credit log first: a credit whose answer was lost is not given twice.
        match self.whmcs.get_credits(client).await {
            Ok(log) if log.iter().any(|c| c.description.contains(&reference)) => {
                return self.advance(row, token, State::Refunded, done()).await;
            }
            Ok(_) => {}
            Err(e) => {
                return self
                    .later(row, token, self.backoff_ms(0), e.to_string())
                    .await
            }
        }
        if !self.go(row, token, row.state, Change::default()).await? {
            return Ok(Step::Stop);
        }
        let why = row.last_error.as_deref().unwrap_or("not supplied");
        let description = format!(
            "Refund: {} not supplied ({reference}, invoice #{}; {why})",
            row.plan_description,
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
            Ok(_) => self.advance(row, token, State::Refunded, done()).await,
            Err(e) if e.is_transient() => {
                self.later(row, token, self.backoff_ms(0), e.to_string())
                    .await
            }
            Err(e) => self.to_failed(row, token, &e.to_string()).await,
        }
    }

    /// Something only staff can sort out; the row keeps everything they need.
    async fn to_failed(&self, row: &OrderRow, token: &str, why: &str) -> Result<Step, StoreError> {
        tracing::error!(
            id = row.id,
            state = row.state.as_str(),
            why,
            "store order needs staff attention"
        );
        let change = Change {
            last_error: Some(why.to_string()),
            failure: Some(app::tr!(Lang::En, "store-failure-checking")),
            next_attempt_ms: Some(None),
            ..Change::default()
        };
        self.go(row, token, State::Failed, change).await?;
        Ok(Step::Stop)
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
