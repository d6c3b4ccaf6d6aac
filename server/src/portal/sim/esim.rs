//! eSIM reissue: the profile moves to the device with the new EID (PA05-41, addKind "R").
//! Asynchronous at the carrier; the page shows it pending until the line reports the new EID.

use super::actions::{require, Request};
use super::settle::{kind, ReissuePayload};
use super::{OwnedLine, PortalSims};
use app::domain::{ActionReceipt, Customer, Eid, PortalError};
use app::t;
use serde_json::json;

impl PortalSims {
    pub(super) async fn reissue_of(
        &self,
        customer: &Customer,
        owned: &OwnedLine,
        eid: Eid,
    ) -> Result<ActionReceipt, PortalError> {
        let line = self.line(owned).await?;
        let ov = self.overview_with(owned, &line).await?;
        require(&ov.actions.reissue_esim)?;
        if line.eid.as_deref() == Some(eid.as_str()) {
            return Err(PortalError::invalid(
                "eid",
                t!("server-sim-reissue-same-eid"),
            ));
        }
        let request = Request {
            actor: None,
            kind: kind::REISSUE_ESIM,
            payload: json!(ReissuePayload {
                eid: eid.to_string(),
                old_eid: line.eid.clone(),
            }),
            effective_on: None,
            detail: t!("server-sim-reissue-detail", eid = &eid.as_str()[24..]),
        };
        let contract_line = line.contract_line.clone();
        self.carry_out(customer, owned, request, || async {
            self.freebit
                .reissue_esim(
                    &owned.msisdn,
                    eid.as_str(),
                    line.eid.as_deref(),
                    contract_line.as_deref(),
                )
                .await
        })
        .await?;
        Ok(ActionReceipt {
            message: t!("server-sim-reissue-done"),
        })
    }
}
