//! The payment through WHMCS: pay method, invoice (found again by its notes), capture
//! (settled by the invoice's status when its answer was lost).

use super::*;
use crate::whmcs::wire::Standing;

impl PurchaseSaga {
    pub(super) async fn start(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
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

    pub(super) async fn not_paid(
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

    pub(super) async fn create_invoice(
        &self,
        row: &OrderRow,
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
            Err(e) if e.may_have_written() => {
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

    pub(super) async fn find_or_create_invoice(
        &self,
        row: &OrderRow,
        token: &str,
    ) -> Result<Step, StoreError> {
        let reference = reference(row);
        match self
            .whmcs
            .find_invoice_by_notes(row.whmcs_client_id.unsigned_abs(), &reference)
            .await
        {
            Ok(found) => {
                if let Some(id) = found {
                    let invoice = i64::try_from(id).unwrap_or(i64::MAX);
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

    pub(super) async fn capture(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
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
            Err(e) if e.is_declined() => {
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
    pub(super) async fn settle_capture(
        &self,
        row: &OrderRow,
        token: &str,
    ) -> Result<Step, StoreError> {
        let Some(invoice) = row.invoice_id else {
            return self
                .to_failed(row, token, "capturing without an invoice id")
                .await;
        };
        match self.whmcs.get_invoice(invoice.unsigned_abs()).await {
            Ok(inv) if inv.standing() == Standing::Paid => self.paid(row, token).await,
            Ok(inv) if inv.standing() == Standing::Closed => {
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
    pub(super) async fn close_unpaid(
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
            Ok(inv) if inv.standing() == Standing::Paid => self.paid(row, token).await,
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

    pub(super) async fn paid(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
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
}
