//! What the simulated eSIM Go organisation holds: its balance, the orders placed, the eSIMs
//! made for them and each eSIM's bundle assignments with their byte counters and states
//! (contract §3–§4). Time is the simulator's clock (real time plus an offset tests move).

use super::catalogue::Bundle;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde_json::{json, Value};

/// The SM-DP+ host every simulated eSIM downloads from.
pub(crate) const SMDP_HOST: &str = "rsp.esimgo-sim.example";

#[derive(Debug, Clone)]
pub(crate) struct Order {
    pub reference: String,
    pub created: DateTime<Utc>,
    pub items: Vec<OrderItem>,
    pub total: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct OrderItem {
    pub bundle: String,
    pub quantity: u32,
    pub price: f64,
    pub iccids: Vec<String>,
    pub allow_reassign: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Esim {
    pub iccid: String,
    pub matching_id: String,
    pub pin: String,
    pub puk: String,
    pub customer_ref: String,
    pub assigned: DateTime<Utc>,
    /// Released | Downloaded | Installed | Deactivated
    pub profile_status: &'static str,
    pub first_installed: Option<DateTime<Utc>>,
    pub suspended: bool,
    pub order_reference: String,
    pub last_action: &'static str,
    pub action_date: DateTime<Utc>,
    pub history: Vec<Value>,
    pub assignments: Vec<Assignment>,
}

#[derive(Debug, Clone)]
pub(crate) struct Assignment {
    pub id: u64,
    pub reference: String,
    pub bundle: String,
    pub description: String,
    pub initial: u64,
    pub remaining: u64,
    pub unlimited: bool,
    pub days: u32,
    pub assigned: DateTime<Utc>,
    pub start: Option<DateTime<Utc>>,
    pub revoked: bool,
    /// Utilisation thresholds (percent used) already announced.
    pub alerted: Vec<u8>,
}

impl Assignment {
    pub fn end(&self) -> Option<DateTime<Utc>> {
        self.start.map(|s| s + Duration::days(i64::from(self.days)))
    }

    /// `bundleState` at `now` (contract §4): queued until first use, then active until the
    /// data runs out (depleted) or the days do (expired); unused for a year: lapsed.
    pub fn state(&self, now: DateTime<Utc>) -> &'static str {
        if self.revoked {
            return "revoked";
        }
        match self.end() {
            None if now > self.assigned + Duration::days(365) => "lapsed",
            None => "queued",
            Some(end) if now >= end => "expired",
            Some(_) if self.remaining == 0 => "depleted",
            Some(_) => "active",
        }
    }

    pub fn json(&self, now: DateTime<Utc>) -> Value {
        let mb = |b: u64| b / 1_000_000;
        json!({
            "id": self.id.to_string(),
            "callTypeGroup": "data",
            "initialQuantity": self.initial,
            "remainingQuantity": self.remaining,
            "assignmentDateTime": rfc3339(self.assigned),
            "assignmentReference": self.reference,
            "bundleState": self.state(now),
            "unlimited": self.unlimited,
            "startTime": self.start.map(rfc3339),
            "endTime": self.end().map(rfc3339),
            "allowances": [{"type": "DATA", "service": "ROAMING", "initialAmount": mb(self.initial),
                "remainingAmount": mb(self.remaining), "unit": "MB", "unlimited": self.unlimited}],
        })
    }
}

impl Esim {
    pub fn state(&self) -> &'static str {
        if self.profile_status == "Deactivated" {
            "deactivated"
        } else if self.suspended {
            "suspended"
        } else {
            "active"
        }
    }

    pub fn note(
        &mut self,
        now: DateTime<Utc>,
        name: &'static str,
        bundle: Option<&str>,
        alert: Option<String>,
    ) {
        self.last_action = name;
        self.action_date = now;
        let mut entry = json!({"name": name, "date": rfc3339(now)});
        if let Some(b) = bundle {
            entry["bundleName"] = json!(b);
        }
        if let Some(a) = alert {
            entry["alertType"] = json!(a);
        }
        self.history.push(entry);
    }

    /// `GET /esims/{iccid}` (`firstInstalledDateTime` in epoch ms here, contract §4).
    pub fn details_json(&self) -> Value {
        json!({
            "iccid": self.iccid,
            "pin": self.pin,
            "puk": self.puk,
            "matchingId": self.matching_id,
            "smdpAddress": SMDP_HOST,
            "profileStatus": self.profile_status,
            "firstInstalledDateTime": self.first_installed.map(|t| t.timestamp_millis()),
            "customerRef": self.customer_ref,
            "appleInstallUrl": format!(
                "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA:1${SMDP_HOST}${}",
                self.matching_id
            ),
            "brandingId": "(default)",
            "profileName": "Profile 1",
            "state": self.state(),
        })
    }

    /// One row of `GET /esims/assignments` as JSON (ISO time here).
    pub fn assignment_json(&self) -> Value {
        json!({
            "iccid": self.iccid,
            "matchingId": self.matching_id,
            "smdpAddress": SMDP_HOST,
            "profileStatus": self.profile_status,
            "pin": self.pin,
            "puk": self.puk,
            "firstInstalledDateTime": self.first_installed.map(rfc3339),
        })
    }

    pub fn list_json(&self) -> Value {
        json!({
            "iccid": self.iccid,
            "customerRef": self.customer_ref,
            "lastAction": self.last_action,
            "actionDate": rfc3339(self.action_date),
            "physical": false,
            "assignedDate": rfc3339(self.assigned),
            "state": self.state(),
        })
    }
}

#[derive(Debug)]
pub(crate) struct EsimGoState {
    pub catalogue: Vec<Bundle>,
    pub balance: f64,
    pub orders: Vec<Order>,
    pub esims: Vec<Esim>,
    /// Added to real time: tests move the clock to expire bundles.
    pub clock_offset: Duration,
    next_assignment: u64,
}

impl EsimGoState {
    pub fn new(catalogue: Vec<Bundle>, balance: f64) -> Self {
        EsimGoState {
            catalogue,
            balance,
            orders: Vec::new(),
            esims: Vec::new(),
            clock_offset: Duration::zero(),
            next_assignment: 215_009_266,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.clock_offset
    }

    pub fn bundle(&self, name: &str) -> Option<&Bundle> {
        self.catalogue.iter().find(|b| b.name == name)
    }

    pub fn esim(&self, iccid: &str) -> Option<&Esim> {
        self.esims.iter().find(|e| e.iccid == iccid)
    }

    pub fn esim_mut(&mut self, iccid: &str) -> Option<&mut Esim> {
        self.esims.iter_mut().find(|e| e.iccid == iccid)
    }

    /// A new eSIM, not yet installed.
    pub fn new_esim(&mut self, order_reference: &str) -> String {
        let mut rng = rand::thread_rng();
        let iccid = format!("8944{:015}", rng.gen_range(0..1_000_000_000_000_000u64));
        let letters = |n: usize, rng: &mut rand::rngs::ThreadRng| -> String {
            (0..n)
                .map(|_| char::from(b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"[rng.gen_range(0..34)]))
                .collect()
        };
        let matching_id = format!(
            "{}-{}-{}",
            letters(2, &mut rng),
            letters(6, &mut rng),
            letters(6, &mut rng)
        );
        let now = self.now();
        self.esims.push(Esim {
            iccid: iccid.clone(),
            matching_id,
            pin: format!("{:04}", rng.gen_range(0..10_000)),
            puk: format!("{:08}", rng.gen_range(0..100_000_000)),
            customer_ref: String::new(),
            assigned: now,
            profile_status: "Released",
            first_installed: None,
            suspended: false,
            order_reference: order_reference.to_string(),
            last_action: "eSIM Assigned",
            action_date: now,
            history: Vec::new(),
            assignments: Vec::new(),
        });
        iccid
    }

    /// Queues `bundle` on the eSIM (a new assignment; the eSIM's validity starts again).
    pub fn assign(&mut self, iccid: &str, bundle: &Bundle, order_reference: &str) {
        let now = self.now();
        self.next_assignment += 1;
        let id = self.next_assignment;
        let Some(esim) = self.esim_mut(iccid) else {
            return;
        };
        let n = esim.assignments.len();
        esim.assignments.push(Assignment {
            id,
            reference: format!("{order_reference}-{n}"),
            bundle: bundle.name.clone(),
            description: bundle.description.clone(),
            initial: bundle.initial_bytes(),
            remaining: bundle.initial_bytes(),
            unlimited: bundle.unlimited,
            days: bundle.days,
            assigned: now,
            start: None,
            revoked: false,
            alerted: Vec::new(),
        });
        esim.note(now, "Bundle Applied", Some(&bundle.name), None);
    }
}

pub(crate) fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

/// A random UUID v4 in its usual text form (order references).
pub(crate) fn uuid() -> String {
    let b: [u8; 16] = rand::thread_rng().gen();
    let h = |r: std::ops::Range<usize>| b[r].iter().map(|x| format!("{x:02x}")).collect::<String>();
    format!(
        "{}-{}-4{}-{:x}{}-{}",
        h(0..4),
        h(4..6),
        &h(6..8)[1..],
        8 + (b[8] & 3),
        &h(8..10)[1..],
        h(10..16)
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn uuids_have_the_v4_shape() {
        let u = uuid();
        let parts: Vec<&str> = u.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12],
            "{u}"
        );
        assert!(parts[2].starts_with('4'), "{u}");
    }

    #[test]
    fn a_bundle_is_queued_then_active_then_depleted_or_expired() {
        let now = Utc::now();
        let mut a = Assignment {
            id: 1,
            reference: "r-0".into(),
            bundle: "b".into(),
            description: "d".into(),
            initial: 10,
            remaining: 10,
            unlimited: false,
            days: 7,
            assigned: now,
            start: None,
            revoked: false,
            alerted: vec![],
        };
        assert_eq!(a.state(now), "queued");
        assert_eq!(a.state(now + Duration::days(366)), "lapsed");
        a.start = Some(now);
        assert_eq!(a.state(now), "active");
        a.remaining = 0;
        assert_eq!(a.state(now), "depleted");
        assert_eq!(a.state(now + Duration::days(7)), "expired");
        a.revoked = true;
        assert_eq!(a.state(now), "revoked");
    }
}
