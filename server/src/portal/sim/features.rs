//! Voice mail, call waiting, international roaming (one talk-option order, PA05-06) and the
//! 4G/5G contract line (PA05-38, ~30 min, locks the line), applied by one "Apply changes".

use super::actions::{require, Request};
use super::settle::{kind, NetworkPayload};
use super::{OwnedLine, PortalSims};
use crate::freebit::wire::{TalkOption, OFF, ON};
use app::domain::{ActionReceipt, Customer, FeatureChange, PortalError};
use app::t;
use serde_json::json;

fn flag(v: Option<bool>) -> Option<String> {
    v.map(|on| if on { ON } else { OFF }.to_string())
}

impl PortalSims {
    pub(super) async fn set_features_of(
        &self,
        customer: &Customer,
        owned: &OwnedLine,
        change: FeatureChange,
    ) -> Result<ActionReceipt, PortalError> {
        let ov = self.overview_of(owned).await?;
        let change = change.against(&ov.features);
        if change.is_empty() {
            return Err(PortalError::invalid(
                "features",
                t!("server-sim-features-nothing"),
            ));
        }
        if change.touches_voice_options() {
            require(&ov.actions.voice_options)?;
        }
        if change.network_type.is_some() {
            require(&ov.actions.network_type)?;
        }

        let mut done = Vec::new();
        // Voice options first: the 4G/5G switch locks the line for up to 30 minutes.
        let voice = FeatureChange {
            network_type: None,
            ..change
        };
        if voice.touches_voice_options() {
            let options = TalkOption {
                voice_mail: flag(voice.voice_mail),
                call_waiting: flag(voice.call_waiting),
                world_wing: flag(voice.international_roaming),
            };
            let request = Request {
                actor: None,
                kind: kind::FEATURES,
                payload: json!(voice),
                effective_on: None,
                detail: capitalise(&voice.describe()),
            };
            self.carry_out(customer, owned, request, || async {
                self.freebit
                    .set_talk_options(&owned.msisdn, options, false)
                    .await
            })
            .await?;
            done.push(voice.describe());
        }
        if let Some(to) = change.network_type {
            let request = Request {
                actor: None,
                kind: kind::NETWORK_TYPE,
                payload: json!(NetworkPayload { to }),
                effective_on: None,
                detail: t!("server-sim-network-detail", network = to.to_string()),
            };
            let result = self
                .carry_out(customer, owned, request, || async {
                    self.freebit
                        .change_contract_line(&owned.msisdn, to.code(), None)
                        .await
                })
                .await;
            if let Err(e) = result {
                // The voice options were accepted; say so, or the customer would retry them.
                return Err(match (done.is_empty(), e) {
                    (true, e) => e,
                    (false, PortalError::Declined(_)) => PortalError::Declined(t!(
                        "server-sim-network-declined",
                        network = to.to_string()
                    )),
                    (false, e) => e,
                });
            }
            done.push(t!("server-sim-network-done", network = to.to_string()));
        }
        Ok(ActionReceipt {
            message: t!(
                "server-sim-features-done",
                changes = done.join(&t!("server-sim-features-separator"))
            ),
        })
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
