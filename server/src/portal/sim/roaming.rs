//! International roaming switched by trip roaming (the portal's own step for the customer, so
//! without the customer's action rate limit): the same recorded request as the options card,
//! so the SIM page shows it pending and the timeline names the trip.

use super::actions::{require, Request};
use super::settle::kind;
use super::PortalSims;
use crate::freebit::wire::{TalkOption, OFF, ON};
use app::domain::{Customer, FeatureChange, PortalError, SubscriptionId};
use serde_json::json;

/// The timeline's actor for trip roaming's steps.
pub const TRIP_ACTOR: &str = "Trip roaming";

impl PortalSims {
    /// Whether roaming is on now, read live (settling open requests on the way); `None`
    /// while a change to the options is still on its way.
    pub(crate) async fn roaming_now(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<Option<bool>, PortalError> {
        let owned = self.owned_line(customer, id).await?;
        let ov = self.overview_of(&owned).await?;
        let in_flight = ov
            .pending
            .iter()
            .any(|p| matches!(p, app::domain::PendingOperation::Features { .. }));
        Ok((!in_flight).then_some(ov.features.international_roaming))
    }

    /// Asks the carrier to turn roaming `on` (or off); `detail` is the timeline's line.
    pub(crate) async fn switch_roaming(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        on: bool,
        detail: &str,
    ) -> Result<(), PortalError> {
        let owned = self.owned_line(customer, id).await?;
        let ov = self.overview_of(&owned).await?;
        require(&ov.actions.voice_options)?;
        let change = FeatureChange {
            international_roaming: Some(on),
            ..FeatureChange::default()
        };
        let request = Request {
            kind: kind::FEATURES,
            payload: json!(change),
            effective_on: None,
            detail: detail.to_string(),
            actor: Some(TRIP_ACTOR),
        };
        let options = TalkOption {
            voice_mail: None,
            call_waiting: None,
            world_wing: Some(if on { ON } else { OFF }.to_string()),
        };
        self.carry_out(customer, &owned, request, || async {
            self.freebit
                .set_talk_options(&owned.msisdn, options, false)
                .await
        })
        .await
    }
}
