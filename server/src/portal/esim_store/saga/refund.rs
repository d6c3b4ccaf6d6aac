//! Money back: a credit on the customer's WHMCS account (found again in the credit log),
//! or the order left for staff.

use super::*;

impl PurchaseSaga {
    /// `failure_key`: the catalog message saying why, with the `amount` returned.
    pub(super) async fn to_refund(
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

    pub(super) async fn refund(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
        let client = row.whmcs_client_id.unsigned_abs();
        let reference = reference(row);
        // The credit log first: a credit whose answer was lost is not given twice.
        match self.whmcs.credit_given(client, &reference).await {
            Ok(true) => return self.advance(row, token, State::Refunded, done()).await,
            Ok(false) => {}
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
    pub(super) async fn to_failed(
        &self,
        row: &OrderRow,
        token: &str,
        why: &str,
    ) -> Result<Step, StoreError> {
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
