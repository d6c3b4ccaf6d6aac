//! What the simulated subscriber does with an eSIM, driven through the control endpoint:
//! install the profile, attach to a network, use data. Each change fires the callbacks the
//! real API sends (contract §5): ProfileStatusChange, FirstAttachment, FirstUse when a bundle
//! starts, Utilisation at 1/50/80/100 % used. The answers are the deliveries made.

use super::state::{rfc3339, Assignment};
use super::{Delivery, EsimGoSim};
use serde_json::{json, Value};

/// Percent-used thresholds of the Utilisation callback.
const THRESHOLDS: [u8; 4] = [1, 50, 80, 100];

impl EsimGoSim {
    /// The phone downloads and installs the profile. `None` for an unknown ICCID.
    pub async fn install(&self, iccid: &str) -> Option<Vec<Delivery>> {
        let event = {
            let mut st = self.lock();
            let now = st.now();
            let e = st.esim_mut(iccid)?;
            if e.profile_status == "Installed" {
                return Some(Vec::new());
            }
            e.profile_status = "Installed";
            e.first_installed.get_or_insert(now);
            e.note(now, "eSIM Installed", None, None);
            json!({"alertType": "ProfileStatusChange", "iccid": iccid, "profileStatus": "Installed",
                "date": rfc3339(now),
                "device": {"imei": "356938035643809", "make": "Apple", "model": "iPhone 15"}})
        };
        Some(self.callbacks.send_all(vec![event]).await)
    }

    /// The phone first attaches to a network (once per eSIM).
    pub async fn attach(&self, iccid: &str, country: &str) -> Option<Vec<Delivery>> {
        let events = {
            let mut st = self.lock();
            let now = st.now();
            let e = st.esim_mut(iccid)?;
            let first = !e
                .history
                .iter()
                .any(|h| h["name"] == "eSIM First Attachment");
            let mut events = Vec::new();
            if first {
                e.note(now, "eSIM First Attachment", None, None);
                events.push(json!({"alertType": "FirstAttachment", "iccid": iccid}));
            }
            let name = super::catalogue::country(country).map_or(country, |(_, n, _)| n);
            events.push(json!({"alertType": "CountryChange", "iccid": iccid,
                "country": {"code": country, "name": name}}));
            events
        };
        Some(self.callbacks.send_all(events).await)
    }

    /// The subscriber uses `bytes` of data: taken from the active bundle, else the oldest
    /// queued one (which starts then); what one bundle cannot hold goes to the next.
    /// `None` for an unknown ICCID.
    pub async fn consume(&self, iccid: &str, mut bytes: u64) -> Option<Vec<Delivery>> {
        let events = {
            let mut st = self.lock();
            let now = st.now();
            let e = st.esim_mut(iccid)?;
            let mut events = Vec::new();
            while bytes > 0 {
                let idx = e
                    .assignments
                    .iter()
                    .position(|a| a.state(now) == "active")
                    .or_else(|| e.assignments.iter().position(|a| a.state(now) == "queued"));
                let Some(idx) = idx else { break };
                let a = &mut e.assignments[idx];
                if a.start.is_none() {
                    a.start = Some(now);
                    events.push(
                        json!({"alertType": "FirstUse", "iccid": iccid, "bundle": bundle_json(a)}),
                    );
                }
                let take = bytes.min(a.remaining);
                a.remaining -= take;
                bytes -= take;
                let used_pct = ((a.initial - a.remaining) * 100)
                    .checked_div(a.initial)
                    .map_or(100, |p| u8::try_from(p).unwrap_or(100));
                for t in THRESHOLDS {
                    if used_pct >= t && !a.alerted.contains(&t) {
                        a.alerted.push(t);
                        events.push(json!({"iccid": iccid, "alertType": "Utilisation", "bundle": bundle_json(a)}));
                    }
                }
                let bundle = a.bundle.clone();
                if used_pct >= 50
                    && !e
                        .history
                        .iter()
                        .any(|h| h["alertType"] == "50% Used" && h["bundleName"] == bundle.as_str())
                {
                    e.note(
                        now,
                        "Bundle Utilisation",
                        Some(&bundle),
                        Some("50% Used".into()),
                    );
                }
                if take == 0 {
                    break;
                }
            }
            events
        };
        Some(self.callbacks.send_all(events).await)
    }
}

/// The V3 `bundle` object of a callback.
fn bundle_json(a: &Assignment) -> Value {
    json!({
        "id": a.id.to_string(),
        "reference": a.reference,
        "name": a.bundle,
        "description": a.description,
        "initialQuantity": a.initial,
        "remainingQuantity": a.remaining,
        "startTime": a.start.map(rfc3339),
        "endTime": a.end().map(rfc3339),
        "unlimited": a.unlimited,
    })
}
