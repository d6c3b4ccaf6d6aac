//! Callbacks (contract §5): V3 JSON POSTed to the organisation's callback URL, signed in
//! `X-Signature-SHA256` with HMAC-SHA256 of the raw body keyed by the API key, hex or base64
//! (the sources disagree, so the simulator can send either). Every delivery is logged with
//! the answer it got, for tests and the control endpoint.

use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::Sha256;
use std::sync::Mutex;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    #[default]
    Hex,
    Base64,
}

/// One callback sent (or attempted) and what the receiver answered.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub body: Value,
    /// HTTP status, or `None` when the receiver could not be reached.
    pub status: Option<u16>,
}

/// How callbacks are sent; changed through the control endpoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallbackSettings {
    /// `None`: callbacks are off (no URL set in the organisation).
    pub url: Option<String>,
    #[serde(default)]
    pub encoding: Encoding,
}

pub(crate) struct Callbacks {
    key: String,
    settings: Mutex<CallbackSettings>,
    log: Mutex<Vec<Delivery>>,
    http: reqwest::Client,
}

impl Callbacks {
    pub fn new(key: &str, url: Option<String>) -> Self {
        Callbacks {
            key: key.to_string(),
            settings: Mutex::new(CallbackSettings {
                url,
                encoding: Encoding::Hex,
            }),
            log: Mutex::new(Vec::new()),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
        }
    }

    pub fn settings(&self) -> CallbackSettings {
        self.settings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set(&self, s: CallbackSettings) {
        *self.settings.lock().unwrap_or_else(|p| p.into_inner()) = s;
    }

    pub fn deliveries(&self) -> Vec<Delivery> {
        self.log.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The signature header's value for `body` under `encoding`.
    pub fn sign(&self, body: &[u8], encoding: Encoding) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(self.key.as_bytes()) else {
            return String::new(); // HMAC takes keys of any length
        };
        mac.update(body);
        let tag = mac.finalize().into_bytes();
        match encoding {
            Encoding::Hex => tag.iter().map(|b| format!("{b:02x}")).collect(),
            Encoding::Base64 => base64::engine::general_purpose::STANDARD.encode(tag),
        }
    }

    /// Sends each event in order and waits for the answers (so a control call that fires
    /// callbacks returns once the portal has seen them).
    pub async fn send_all(&self, events: Vec<Value>) -> Vec<Delivery> {
        let mut out = Vec::new();
        for body in events {
            out.push(self.send(body).await);
        }
        out
    }

    async fn send(&self, body: Value) -> Delivery {
        let settings = self.settings();
        let status = match settings.url {
            None => None,
            Some(url) => {
                let raw = body.to_string();
                let signature = self.sign(raw.as_bytes(), settings.encoding);
                match self
                    .http
                    .post(url)
                    .header("content-type", "application/json")
                    .header("x-signature-sha256", signature)
                    .body(raw)
                    .send()
                    .await
                {
                    Ok(r) => Some(r.status().as_u16()),
                    Err(e) => {
                        tracing::warn!(error = %e, "eSIM Go simulator: callback not delivered");
                        None
                    }
                }
            }
        };
        let d = Delivery { body, status };
        self.log
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(d.clone());
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_hmac_sha256_of_the_raw_body() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let c = Callbacks::new("Jefe", None);
        let body = b"what do ya want for nothing?";
        assert_eq!(
            c.sign(body, Encoding::Hex),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            c.sign(body, Encoding::Base64),
            "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="
        );
    }
}
