//! Giving the money back when the carrier never applied a paid top-up: AddCredit, after
//! checking the credit log for this top-up's reference (a lost answer is never credited twice).

use super::reference;
use super::{done, Saga, Step};
use crate::store::top_ups::{Change, State, TopUpRow};
use crate::store::StoreError;
use crate::whmcs::amount_jpy;
use app::domain::topup::{topup_label, yen_label};
use app::domain::Outcome;
use app::t;

impl Saga {
    pub(super) async fn credit(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
        let client = row.whmcs_client_id.unsigned_abs();
        let reference = reference(row);
        // First the credit log: a credit whose answer was lost must not be given twice.
        match self.whmcs.credit_given(client, &reference).await {
            Ok(true) => return self.credited(row, token).await,
            Ok(false) => {}
            Err(e) => {
                return self
                    .later(row, token, self.cfg.retry_base_ms(), e.to_string())
                    .await
            }
        }
        if !self.renew(row, token).await? {
            return Ok(Step::Stop);
        }
        // A record in billing, found again by its reference: not translated.
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

    pub(super) async fn credited(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
        if self.go(row, token, State::Credited, done()).await? {
            self.audit(
                row,
                &t!(
                    "server-topup-step-credited",
                    quota = topup_label(row.quota_mb.unsigned_abs()),
                    price = yen_label(row.amount_jpy.unsigned_abs())
                ),
                Outcome::Failed,
            )
            .await;
        }
        Ok(Step::Stop)
    }

    /// Something only staff can sort out; the row keeps everything they need.
    pub(super) async fn to_failed(
        &self,
        row: &TopUpRow,
        token: &str,
        why: &str,
    ) -> Result<Step, StoreError> {
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
            self.audit(row, &t!("server-topup-step-needs-check"), Outcome::Failed)
                .await;
        }
        Ok(Step::Stop)
    }
}
