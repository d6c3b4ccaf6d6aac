//! Taking the money: pay methods, the invoice (found again by its notes when its answer was
//! lost), the capture (settled by reading the invoice, never sent twice) and the watch on an
//! unpaid invoice that the customer may still pay through the billing link.

use super::{description, reference};
use super::{done, Saga, Step};
use crate::store::top_ups::{now_ms, Change, State, TopUpRow};
use crate::store::StoreError;
use crate::whmcs::amount_jpy;
use crate::whmcs::wire::Standing;
use app::domain::topup::{topup_label, yen_label};
use app::domain::Outcome;
use app::t;

impl Saga {
    pub(super) async fn start(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
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

    pub(super) async fn fail_payment(
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
            let quota = topup_label(row.quota_mb.unsigned_abs());
            let quota = quota.as_str();
            let detail = match problem {
                "no_pay_method" => t!("server-topup-step-no-pay-method", quota = quota),
                "declined" => t!("server-topup-step-declined", quota = quota),
                "unconfirmed" => t!("server-topup-step-unconfirmed-payment", quota = quota),
                _ => t!("server-topup-step-billing-down", quota = quota),
            };
            self.audit(row, &detail, Outcome::Failed).await;
        }
        Ok(Step::Stop)
    }

    pub(super) async fn create_invoice(
        &self,
        row: &TopUpRow,
        token: &str,
    ) -> Result<Step, StoreError> {
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
            Err(e) if e.may_have_written() => {
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

    pub(super) async fn invoiced(
        &self,
        row: &TopUpRow,
        token: &str,
        invoice: i64,
    ) -> Result<Step, StoreError> {
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

    /// `invoicing` found again: CreateInvoice may have worked without us hearing it.
    pub(super) async fn find_or_create_invoice(
        &self,
        row: &TopUpRow,
        token: &str,
    ) -> Result<Step, StoreError> {
        let client = row.whmcs_client_id.unsigned_abs();
        let reference = reference(row);
        match self.whmcs.find_invoice_by_notes(client, &reference).await {
            Ok(found) => {
                if let Some(id) = found {
                    let invoice = i64::try_from(id).unwrap_or(i64::MAX);
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

    pub(super) async fn capture(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
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
            Err(e) if e.is_declined() => {
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
    pub(super) async fn settle_capture(
        &self,
        row: &TopUpRow,
        token: &str,
    ) -> Result<Step, StoreError> {
        let Some(invoice) = row.invoice_id else {
            return self
                .to_failed(row, token, "capturing without an invoice id")
                .await;
        };
        match self.whmcs.get_invoice(invoice.unsigned_abs()).await {
            Ok(inv) if inv.standing() == Standing::Paid => {
                self.paid(row, token, "invoice read back as Paid").await
            }
            Ok(inv) if inv.standing() == Standing::Open => {
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

    pub(super) async fn paid(
        &self,
        row: &TopUpRow,
        token: &str,
        why: &str,
    ) -> Result<Step, StoreError> {
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
        let invoice = crate::portal::topup::view::invoice_suffix(row.invoice_id);
        self.audit(
            row,
            &t!(
                "server-topup-step-paid",
                price = yen_label(row.amount_jpy.unsigned_abs()),
                quota = topup_label(row.quota_mb.unsigned_abs()),
                invoice = invoice
            ),
            Outcome::Accepted,
        )
        .await;
        Ok(Step::Continue)
    }

    /// A declined or unconfirmed payment whose invoice is still open: paid later (the pay
    /// link), the top-up goes on; after the watch window nothing more is done.
    pub(super) async fn watch_unpaid(
        &self,
        row: &TopUpRow,
        token: &str,
    ) -> Result<Step, StoreError> {
        let (Some(invoice), Some(_)) = (row.invoice_id, row.next_attempt_ms) else {
            return Ok(Step::Stop);
        };
        let invoice = invoice.unsigned_abs();
        match self.whmcs.get_invoice(invoice).await {
            Ok(inv) if inv.standing() == Standing::Paid => {
                self.paid(row, token, "invoice paid in billing").await
            }
            Ok(inv) if inv.standing() == Standing::Closed => {
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
    pub(super) async fn close_unpaid(
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
            Ok(inv) if inv.standing() == Standing::Paid => {
                self.paid(row, token, "invoice paid at the end of the watch")
                    .await
            }
            Ok(inv) if inv.status.eq_ignore_ascii_case("Cancelled") => {
                if self.go(row, token, row.state, done()).await? {
                    self.audit(
                        row,
                        &t!(
                            "server-topup-step-invoice-cancelled",
                            invoice = invoice.to_string()
                        ),
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
}
