//! A CometD subscriber for a platform event channel (contract A8): handshake, subscribe with
//! the replay extension, then long-polling connects. The caller keeps the replay id of the
//! last event it has durably handled and passes it when it subscribes again, so events
//! published while the portal was down are delivered after a restart (Salesforce keeps them
//! 72 hours); replays re-deliver, so whatever handles an event must be idempotent.

use super::client::{SalesforceClient, SalesforceError};
use serde_json::{json, Value};
use std::time::Duration;

/// One delivered event.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformEvent {
    pub replay_id: i64,
    pub payload: Value,
}

/// Replay from here: `-1` new events only, `-2` every retained event, N after event N.
pub const REPLAY_ALL: i64 = -2;

/// How long the org may hold a connect (110 s in Salesforce).
const HOLD: Duration = Duration::from_secs(120);

pub struct Subscription {
    client: SalesforceClient,
    client_id: String,
    channel: String,
}

fn failure(step: &str, answer: Option<&Value>) -> SalesforceError {
    SalesforceError::Api {
        what: format!("cometd {step}"),
        status: 400,
        code: "COMETD".into(),
        message: answer
            .and_then(|a| a["error"].as_str())
            .unwrap_or("no answer")
            .to_string(),
        fields: Vec::new(),
    }
}

impl Subscription {
    /// Handshakes and subscribes to `channel` (`/event/OrderProvisionRequested__e`) from
    /// `replay`.
    pub async fn open(
        client: &SalesforceClient,
        channel: &str,
        replay: i64,
    ) -> Result<Subscription, SalesforceError> {
        let hs = client
            .cometd(
                &json!([{"channel": "/meta/handshake", "version": "1.0", "minimumVersion": "1.0",
                         "supportedConnectionTypes": ["long-polling"], "ext": {"replay": true}}]),
                Duration::ZERO,
            )
            .await?;
        let answer = hs.iter().find(|m| m["channel"] == "/meta/handshake");
        let Some(client_id) = answer
            .filter(|a| a["successful"] == true)
            .and_then(|a| a["clientId"].as_str())
        else {
            return Err(failure("handshake", answer));
        };
        let sub = client
            .cometd(
                &json!([{"channel": "/meta/subscribe", "clientId": client_id,
                         "subscription": channel, "ext": {"replay": {channel: replay}}}]),
                Duration::ZERO,
            )
            .await?;
        let answer = sub.iter().find(|m| m["channel"] == "/meta/subscribe");
        if answer.is_none_or(|a| a["successful"] != true) {
            return Err(failure("subscribe", answer));
        }
        Ok(Subscription {
            client: client.clone(),
            client_id: client_id.to_string(),
            channel: channel.to_string(),
        })
    }

    /// One long-polling connect: the events it delivered (often none). An error means the
    /// subscription is gone (unknown client, lost session): open a new one.
    pub async fn next(&mut self) -> Result<Vec<PlatformEvent>, SalesforceError> {
        let answers = self
            .client
            .cometd(
                &json!([{"channel": "/meta/connect", "clientId": self.client_id,
                         "connectionType": "long-polling"}]),
                HOLD,
            )
            .await?;
        let ack = answers.iter().find(|m| m["channel"] == "/meta/connect");
        if ack.is_none_or(|a| a["successful"] != true) {
            return Err(failure("connect", ack));
        }
        Ok(answers
            .iter()
            .filter(|m| m["channel"] == self.channel.as_str())
            .filter_map(|m| {
                Some(PlatformEvent {
                    replay_id: m["data"]["event"]["replayId"].as_i64()?,
                    payload: m["data"]["payload"].clone(),
                })
            })
            .collect())
    }
}
