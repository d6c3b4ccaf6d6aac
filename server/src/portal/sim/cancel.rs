//! Cancelling a SIM: at a month end (this month's by default), confirmed by typing the last
//! four digits of the number; scheduled at the carrier with `runDate` (PA02-04).

use super::actions::{require, Request};
use super::settle::kind;
use super::{OwnedLine, PortalSims};
use app::domain::dates::date_label;
use app::domain::{format_msisdn, ActionReceipt, Customer, PortalError};
use app::t;
use chrono::NaiveDate;
use serde_json::json;

impl PortalSims {
    pub(super) async fn cancel_of(
        &self,
        customer: &Customer,
        owned: &OwnedLine,
        on: NaiveDate,
        confirm_last4: &str,
    ) -> Result<ActionReceipt, PortalError> {
        let ov = self.overview_of(owned).await?;
        require(&ov.actions.cancel)?;
        if confirm_last4.trim() != ov.details.msisdn_last4() {
            return Err(PortalError::invalid(
                "confirmLast4",
                t!("server-sim-cancel-confirm"),
            ));
        }
        if !ov.cancel_dates().contains(&on) {
            return Err(PortalError::invalid(
                "cancelOn",
                t!("server-sim-cancel-date"),
            ));
        }
        let request = Request {
            actor: None,
            kind: kind::CANCEL,
            payload: json!({ "msisdn": owned.msisdn }),
            effective_on: Some(on),
            detail: t!(
                "server-sim-cancel-detail",
                number = format_msisdn(&owned.msisdn),
                date = date_label(on)
            ),
        };
        self.carry_out(customer, owned, request, || async {
            self.freebit.cancel_account(&owned.msisdn, Some(on)).await
        })
        .await?;
        Ok(ActionReceipt {
            message: t!(
                "server-sim-cancel-done",
                number = format_msisdn(&owned.msisdn),
                date = date_label(on)
            ),
        })
    }
}
