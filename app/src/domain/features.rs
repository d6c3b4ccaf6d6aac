//! The line's optional services the customer switches on the SIM page.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Radio access the line is contracted for. Switching takes the carrier up to ~30 minutes,
/// during which the line accepts no other change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NetworkType {
    #[serde(rename = "4G")]
    G4,
    #[serde(rename = "5G")]
    G5,
}

impl NetworkType {
    pub fn code(self) -> &'static str {
        match self {
            NetworkType::G4 => "4G",
            NetworkType::G5 => "5G",
        }
    }
}

impl fmt::Display for NetworkType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for NetworkType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "4G" => Ok(NetworkType::G4),
            "5G" => Ok(NetworkType::G5),
            _ => Err(crate::t!(
                "domain-network-type-invalid",
                value = format!("{s:?}")
            )),
        }
    }
}

/// The options as the carrier has them now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimFeatures {
    pub voice_mail: bool,
    pub call_waiting: bool,
    pub international_roaming: bool,
    /// `None` when the carrier did not say.
    pub network_type: Option<NetworkType>,
}

/// What the customer asks to change; `None` = leave as is. Body of
/// `POST /api/subscriptions/{id}/sim/features`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeatureChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice_mail: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_waiting: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub international_roaming: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_type: Option<NetworkType>,
}

impl FeatureChange {
    /// The change from `current` to `wanted`, keeping only what differs.
    pub fn between(current: &SimFeatures, wanted: &SimFeatures) -> Self {
        let diff = |a: bool, b: bool| (a != b).then_some(b);
        FeatureChange {
            voice_mail: diff(current.voice_mail, wanted.voice_mail),
            call_waiting: diff(current.call_waiting, wanted.call_waiting),
            international_roaming: diff(
                current.international_roaming,
                wanted.international_roaming,
            ),
            network_type: wanted
                .network_type
                .filter(|w| current.network_type != Some(*w)),
        }
    }

    /// Drops what already holds, so asking for the current state is not a change.
    pub fn against(self, current: &SimFeatures) -> Self {
        FeatureChange {
            voice_mail: self.voice_mail.filter(|v| *v != current.voice_mail),
            call_waiting: self.call_waiting.filter(|v| *v != current.call_waiting),
            international_roaming: self
                .international_roaming
                .filter(|v| *v != current.international_roaming),
            network_type: self
                .network_type
                .filter(|n| current.network_type != Some(*n)),
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.touches_voice_options() && self.network_type.is_none()
    }

    /// Voice mail, call waiting and roaming travel in one carrier order.
    pub fn touches_voice_options(&self) -> bool {
        self.voice_mail.is_some()
            || self.call_waiting.is_some()
            || self.international_roaming.is_some()
    }

    /// Applies the change (what the page shows optimistically).
    pub fn apply(&self, f: &SimFeatures) -> SimFeatures {
        SimFeatures {
            voice_mail: self.voice_mail.unwrap_or(f.voice_mail),
            call_waiting: self.call_waiting.unwrap_or(f.call_waiting),
            international_roaming: self
                .international_roaming
                .unwrap_or(f.international_roaming),
            network_type: self.network_type.or(f.network_type),
        }
    }

    /// "voice mail on, 4G": for messages and the timeline.
    pub fn describe(&self) -> String {
        let on_off = |b: bool| if b { "on" } else { "off" };
        let mut parts = Vec::new();
        if let Some(v) = self.voice_mail {
            parts.push(crate::t!("domain-feature-voice-mail", state = on_off(v)));
        }
        if let Some(v) = self.call_waiting {
            parts.push(crate::t!("domain-feature-call-waiting", state = on_off(v)));
        }
        if let Some(v) = self.international_roaming {
            parts.push(crate::t!("domain-feature-roaming", state = on_off(v)));
        }
        if let Some(n) = self.network_type {
            parts.push(crate::t!("domain-feature-network", network = n.to_string()));
        }
        parts.join(&crate::t!("domain-list-separator"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: SimFeatures = SimFeatures {
        voice_mail: true,
        call_waiting: false,
        international_roaming: false,
        network_type: Some(NetworkType::G5),
    };

    #[test]
    fn only_differences_are_changes() {
        let wanted = SimFeatures {
            call_waiting: true,
            network_type: Some(NetworkType::G4),
            ..NOW
        };
        let c = FeatureChange::between(&NOW, &wanted);
        assert_eq!(
            c,
            FeatureChange {
                call_waiting: Some(true),
                network_type: Some(NetworkType::G4),
                ..Default::default()
            }
        );
        assert_eq!(c.apply(&NOW), wanted);
        assert_eq!(c.describe(), "call waiting on, network 4G");
        assert!(FeatureChange::between(&NOW, &NOW).is_empty());
    }

    #[test]
    fn asking_for_the_current_state_is_no_change() {
        let c = FeatureChange {
            voice_mail: Some(true),
            network_type: Some(NetworkType::G5),
            ..Default::default()
        };
        assert!(c.against(&NOW).is_empty());
    }

    #[test]
    fn json_uses_the_seed_names() {
        let c: FeatureChange =
            serde_json::from_str(r#"{"voiceMail":false,"networkType":"4G"}"#).unwrap();
        assert_eq!(c.voice_mail, Some(false));
        assert_eq!(c.network_type, Some(NetworkType::G4));
        assert!(serde_json::from_str::<FeatureChange>(r#"{"networkType":"3G"}"#).is_err());
        assert_eq!("5g".parse::<NetworkType>(), Ok(NetworkType::G5));
    }
}
