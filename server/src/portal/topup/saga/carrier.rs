//! Adding the data: addSpec (or eachQuota for a date), and after any doubt the carrier's
//! quota history, searched by this top-up's `quotaCode`, before anything is sent again.

use super::check_time_ms;
use super::{done, Saga, Step};
use crate::freebit::FreebitError;
use crate::store::top_ups::{now_ms, Change, State, TopUpRow};
use crate::store::StoreError;
use app::domain::dates::{date_label, jst_date, parse_iso_date};
use app::domain::topup::topup_label;
use app::domain::{format_msisdn, Outcome};
use app::t;
use chrono::Duration as Days;

impl Saga {
    fn run_on(row: &TopUpRow) -> Option<chrono::NaiveDate> {
        row.run_on.as_deref().and_then(parse_iso_date)
    }

    pub(super) async fn apply(&self, row: &TopUpRow, token: &str) -> Result<Step, StoreError> {
        if row.attempts >= self.cfg.max_apply_attempts {
            let change = Change {
                next_attempt_ms: Some(Some(now_ms())),
                ..Change::default()
            };
            return self.advance(row, token, State::Crediting, change).await;
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
        self.cache.forget(row.customer_id).await;
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
    pub(super) async fn retry_apply(
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
                &t!(
                    "server-topup-step-unconfirmed",
                    quota = topup_label(row.quota_mb.unsigned_abs())
                ),
                Outcome::Unconfirmed,
            )
            .await;
        }
        Ok(Step::Stop)
    }

    pub(super) async fn carrier_took_it(
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
                t!(
                    "server-topup-step-scheduled",
                    quota = label.as_str(),
                    date = date_label(day)
                ),
            ),
            None => (
                State::Applied,
                None,
                t!(
                    "server-topup-step-added",
                    quota = label.as_str(),
                    number = format_msisdn(&row.msisdn)
                ),
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
    pub(super) async fn in_quota_history(&self, row: &TopUpRow) -> Result<bool, FreebitError> {
        let today = jst_date(crate::store::now());
        let from = jst_date(row.created_at) - Days::days(1);
        let to = today.max(Self::run_on(row).unwrap_or(today)) + Days::days(1);
        let history = self.freebit.quota_history(&row.msisdn, from, to).await?;
        Ok(history
            .iter()
            .any(|h| h.quota_code.as_deref() == Some(row.quota_code.as_str())))
    }

    /// `applying` found again: the addition may have happened without us hearing it.
    pub(super) async fn settle_apply(
        &self,
        row: &TopUpRow,
        token: &str,
    ) -> Result<Step, StoreError> {
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
                self.advance(
                    row,
                    token,
                    State::Paid,
                    Change {
                        last_result: Some("not in the quota history".into()),
                        ..Change::default()
                    },
                )
                .await
            }
            Err(e) => {
                self.later(row, token, self.backoff_ms(row.attempts - 1), e.to_string())
                    .await
            }
        }
    }

    pub(super) async fn check_scheduled(
        &self,
        row: &TopUpRow,
        token: &str,
    ) -> Result<Step, StoreError> {
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
                            &t!("server-topup-step-scheduled-added", quota = label.as_str()),
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
                    self.advance(row, token, State::Paid, change).await
                }
                Err(e) => {
                    self.later(row, token, self.cfg.retry_base_ms(), e.to_string())
                        .await
                }
            },
        }
    }
}
