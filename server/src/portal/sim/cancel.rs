//! Cancelling a SIM: at a month end (this month's by default), confirmed by typing the last
//! four digits of the number; scheduled at the carrier with `runDate` (PA02-04).

use super::actions::{require, Request};
use super::settle::kind;
use super::{OwnedLine, PortalSims};
use app::domain::dates::date_label;
use app::domain::{format_msisdn, ActionReceipt, Customer, PortalError};
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
                "To confirm, type the last 4 digits of this SIM's phone number.",
            ));
        }
        if !ov.cancel_dates().contains(&on) {
            return Err(PortalError::invalid(
                "cancelOn",
                "Choose the end of this month or of one of the next two months.",
            ));
        }
        let request = Request {
            actor: None,
            kind: kind::CANCEL,
            payload: json!({ "msisdn": owned.msisdn }),
            effective_on: Some(on),
            detail: format!(
                "{} to be cancelled on {}",
                format_msisdn(&owned.msisdn),
                date_label(on)
            ),
        };
        self.carry_out(customer, owned, request, || async {
            self.freebit.cancel_account(&owned.msisdn, Some(on)).await
        })
        .await?;
        Ok(ActionReceipt {
            message: format!(
                "Cancellation scheduled: {} stops working at the end of {}.",
                format_msisdn(&owned.msisdn),
                date_label(on)
            ),
        })
    }
}
