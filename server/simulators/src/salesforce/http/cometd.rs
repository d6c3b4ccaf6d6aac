//! Platform events (contract A8): the event log the org keeps (published through the REST
//! API or by the approval Flow, each with a `replayId`), and the CometD subset a subscriber
//! speaks — `POST /cometd/NN.0` with a JSON array of Bayeux messages: handshake, subscribe
//! (with the `replay` extension: -1 new events only, -2 every retained event, N after N),
//! long-polling connect, disconnect. A bad token is `403::Handshake denied`.

use super::{OrgState, SalesforceSim};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::time::Duration;

/// One published event.
#[derive(Debug, Clone)]
pub(super) struct Event {
    pub channel: String,
    pub replay_id: i64,
    pub uuid: String,
    pub payload: Value,
}

/// A handshaken CometD client: the last replay id it was given, per subscribed channel.
#[derive(Debug, Default)]
pub(super) struct CometClient {
    cursors: HashMap<String, i64>,
}

impl OrgState {
    /// Publishes `payload` on `/event/{event}`; the id answered to the publisher (not unique,
    /// as the contract warns).
    pub(super) fn publish(&mut self, event: &str, mut payload: Map<String, Value>) -> String {
        let replay_id = self.events.len() as i64 + 1;
        payload.insert(
            "CreatedDate".into(),
            json!(chrono::Utc::now()
                .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                .to_string()),
        );
        payload.insert("CreatedById".into(), json!("005SIM000000001AAA"));
        self.events.push(Event {
            channel: format!("/event/{event}"),
            replay_id,
            uuid: format!("{:032x}", rand::random::<u128>()),
            payload: Value::Object(payload),
        });
        self.events_changed.notify_waiters();
        "e00xx000000000BAAA".to_string()
    }

    /// The events `client` has not been given yet, moving its cursors past them.
    fn deliver(&mut self, client_id: &str) -> Option<Vec<Value>> {
        let client = self.comet_clients.get_mut(client_id)?;
        let mut out = Vec::new();
        for e in &self.events {
            if let Some(cursor) = client.cursors.get_mut(&e.channel) {
                if e.replay_id > *cursor {
                    *cursor = e.replay_id;
                    out.push(json!({
                        "channel": e.channel,
                        "data": {
                            "schema": "sim-OrderProvisionRequested-v1",
                            "payload": e.payload,
                            "event": {"replayId": e.replay_id, "EventUuid": e.uuid},
                        },
                    }));
                }
            }
        }
        Some(out)
    }
}

fn token(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get("authorization")?.to_str().ok()?;
    v.strip_prefix("OAuth ")
        .or_else(|| v.strip_prefix("Bearer "))
}

fn reply(msg: &Value, channel: &str, extra: Value) -> Value {
    let mut r = json!({"channel": channel});
    if let Some(id) = msg.get("id") {
        r["id"] = id.clone();
    }
    if let (Some(r), Some(extra)) = (r.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            r.insert(k.clone(), v.clone());
        }
    }
    r
}

fn advice(timeout: Duration) -> Value {
    json!({"reconnect": "retry", "interval": 0, "timeout": timeout.as_millis() as u64})
}

/// `POST /cometd/{version}`.
pub(super) async fn cometd(
    State(sim): State<SalesforceSim>,
    Path(_version): Path<String>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Json<Value> {
    let messages = match body {
        Value::Array(m) => m,
        one => vec![one],
    };
    let authorized = token(&headers).is_some_and(|t| sim.lock().tokens.contains(t));
    let mut out = Vec::new();
    for msg in &messages {
        let channel = msg["channel"].as_str().unwrap_or_default();
        if !authorized {
            out.push(reply(
                msg,
                channel,
                json!({"successful": false, "error": "403::Handshake denied",
                       "ext": {"sfdc": {"failureReason": "401::Authentication invalid"}},
                       "advice": {"reconnect": "none"}}),
            ));
            continue;
        }
        let client_id = msg["clientId"].as_str().unwrap_or_default().to_string();
        match channel {
            "/meta/handshake" => {
                let mut s = sim.lock();
                s.comet_issued += 1;
                let id = format!("sim-client-{}", s.comet_issued);
                s.comet_clients.insert(id.clone(), CometClient::default());
                out.push(reply(
                    msg,
                    channel,
                    json!({"successful": true, "clientId": id, "version": "1.0",
                           "minimumVersion": "1.0",
                           "supportedConnectionTypes": ["long-polling"],
                           "ext": {"replay": true, "payload.format": true},
                           "advice": advice(s.connect_timeout)}),
                ));
            }
            "/meta/subscribe" => out.push(subscribe(&sim, msg, &client_id)),
            "/meta/connect" => {
                let (events, ack) = connect(&sim, msg, &client_id).await;
                out.extend(events);
                out.push(ack);
            }
            "/meta/disconnect" => {
                sim.lock().comet_clients.remove(&client_id);
                out.push(reply(msg, channel, json!({"successful": true, "clientId": client_id})));
            }
            _ => out.push(reply(
                msg,
                channel,
                json!({"successful": false, "error": format!("400::Unsupported channel {channel}")}),
            )),
        }
    }
    Json(Value::Array(out))
}

fn unknown_client(msg: &Value, channel: &str) -> Value {
    reply(
        msg,
        channel,
        json!({"successful": false, "error": "403::Unknown client",
               "advice": {"reconnect": "handshake", "interval": 0}}),
    )
}

fn subscribe(sim: &SalesforceSim, msg: &Value, client_id: &str) -> Value {
    let channel = "/meta/subscribe";
    let subscription = msg["subscription"].as_str().unwrap_or_default().to_string();
    let mut s = sim.lock();
    let last = s.events.len() as i64;
    let Some(client) = s.comet_clients.get_mut(client_id) else {
        return unknown_client(msg, channel);
    };
    if subscription != format!("/event/{}", super::rules::PROVISION_EVENT) {
        return reply(
            msg,
            channel,
            json!({"successful": false, "subscription": subscription,
                   "error": format!("400::The channel you requested to subscribe to does not exist {{{subscription}}}")}),
        );
    }
    let from = msg["ext"]["replay"][&subscription].as_i64().unwrap_or(-1);
    let cursor = match from {
        -2 => 0,
        -1 => last,
        n => n,
    };
    client.cursors.insert(subscription.clone(), cursor);
    reply(
        msg,
        channel,
        json!({"successful": true, "clientId": client_id, "subscription": subscription}),
    )
}

/// Answers at once when events are waiting, else holds the request until one is published
/// or the connect timeout passes.
async fn connect(sim: &SalesforceSim, msg: &Value, client_id: &str) -> (Vec<Value>, Value) {
    let channel = "/meta/connect";
    let (notify, timeout) = {
        let s = sim.lock();
        (s.events_changed.clone(), s.connect_timeout)
    };
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let notified = notify.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let delivered = sim.lock().deliver(client_id);
        let Some(events) = delivered else {
            return (Vec::new(), unknown_client(msg, channel));
        };
        if !events.is_empty() || tokio::time::Instant::now() >= deadline {
            let ack = reply(
                msg,
                channel,
                json!({"successful": true, "clientId": client_id, "advice": advice(timeout)}),
            );
            return (events, ack);
        }
        let _ = tokio::time::timeout_at(deadline, notified).await;
    }
}
