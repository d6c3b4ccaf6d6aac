//! Fresh demo customers for isolated tests: [`crate::Simulators::provision_demo_client`]
//! (and `POST /_sim/control/clients`) creates a WHMCS client with its own copy of the
//! [`STANDARD_SET`] of SIMs and the matching Freebit lines, under numbers no other line uses.
//!
//! The fixed demo customers are shared by every test of a run; a test that changes a line
//! (tops up, cancels, reissues) provisions a customer of its own instead, so tests can run in
//! any order and in parallel.

use crate::freebit::wire::state;
use crate::freebit::{FreebitSim, Line};
use crate::whmcs::{NewService, WhmcsSim};
use rand::seq::SliceRandom;
use rand::Rng;
use serde::{Deserialize, Serialize};

/// What a provisioned customer got, as the control endpoint answers it (camelCase JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProvisionedClient {
    /// WHMCS client id.
    pub client_id: u64,
    /// `demo+<clientId>@example.com`; the password is [`crate::demo::DEMO_PASSWORD`].
    pub email: String,
    /// In [`STANDARD_SET`] order.
    pub services: Vec<ProvisionedService>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProvisionedService {
    /// WHMCS service id.
    pub service_id: u64,
    /// 11 digits, 070/080/090.
    pub msisdn: String,
    /// 19 digits, 8981….
    pub iccid: String,
    /// 32 digits, eSIM only.
    pub eid: Option<String>,
    pub plan_code: String,
    pub sim_type: SimType,
    /// Freebit line state: `active`, `suspended` or `canceled`.
    pub line_state: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SimType {
    Esim,
    Physical,
}

/// One SIM of the standard set.
#[derive(Debug, Clone, Copy)]
pub struct SimTemplate {
    pub product_name: &'static str,
    pub pid: u64,
    /// WHMCS service status.
    pub service_status: &'static str,
    pub plan_code: &'static str,
    /// Freebit line state.
    pub line_state: &'static str,
    pub contract_line: &'static str,
    pub remaining_mb: u64,
    pub sim_type: SimType,
    pub voicemail: bool,
    pub callwaiting: bool,
}

/// Every provisioned customer gets these four SIMs, in this order.
pub const STANDARD_SET: [SimTemplate; 4] = [
    SimTemplate {
        product_name: "SonixNet eSIM Data-only 50GB (4G & 5G)",
        pid: 54,
        service_status: "Active",
        plan_code: "PASI_50G",
        line_state: state::ACTIVE,
        contract_line: "5G",
        remaining_mb: 48_256,
        sim_type: SimType::Esim,
        voicemail: true,
        callwaiting: false,
    },
    SimTemplate {
        product_name: "SonixNet SIM Data-only 10GB",
        pid: 51,
        service_status: "Active",
        plan_code: "PASI_10G",
        line_state: state::ACTIVE,
        contract_line: "4G",
        remaining_mb: 7_372,
        sim_type: SimType::Physical,
        voicemail: false,
        callwaiting: true,
    },
    SimTemplate {
        product_name: "SonixNet SIM Data-only 5GB",
        pid: 50,
        service_status: "Suspended",
        plan_code: "PASI_5G",
        line_state: state::SUSPENDED,
        contract_line: "4G",
        remaining_mb: 1_200,
        sim_type: SimType::Physical,
        voicemail: false,
        callwaiting: false,
    },
    SimTemplate {
        product_name: "SonixNet SIM Data-only 10GB",
        pid: 51,
        service_status: "Cancelled",
        plan_code: "PASI_10G",
        line_state: state::CANCELED,
        contract_line: "4G",
        remaining_mb: 0,
        sim_type: SimType::Physical,
        voicemail: false,
        callwaiting: false,
    },
];

const LAST_NAMES: [&str; 10] = [
    "Tanaka",
    "Suzuki",
    "Takahashi",
    "Watanabe",
    "Yamamoto",
    "Nakamura",
    "Kobayashi",
    "Kato",
    "Yoshida",
    "Yamada",
];
const FIRST_NAMES: [&str; 10] = [
    "Yui", "Haruto", "Aoi", "Sota", "Mei", "Ren", "Sakura", "Riku", "Hina", "Yuto",
];

/// Random digits until `taken` says no; the spaces are large enough that this ends at once.
fn unique_number(prefix: &str, len: usize, taken: impl Fn(&str) -> bool) -> String {
    let mut rng = rand::thread_rng();
    loop {
        let mut n = prefix.to_string();
        while n.len() < len {
            n.push(char::from(b'0' + rng.gen_range(0..10u8)));
        }
        if !taken(&n) {
            return n;
        }
    }
}

/// Creates the Freebit lines (under the Freebit lock, so numbers are unique), then the WHMCS
/// client and services (under the WHMCS lock, so ids are unique). The two locks are never
/// held together.
pub(crate) fn provision(freebit: &FreebitSim, whmcs: &WhmcsSim) -> ProvisionedClient {
    let lines: Vec<Line> = {
        let mut s = freebit.lock();
        STANDARD_SET
            .iter()
            .map(|t| {
                let prefix = ["070", "080", "090"]
                    .choose(&mut rand::thread_rng())
                    .copied()
                    .unwrap_or("090");
                let msisdn = unique_number(prefix, 11, |n| s.number_in_use(n));
                let iccid = unique_number("8981", 19, |n| s.number_in_use(n));
                let eid = (t.sim_type == SimType::Esim)
                    .then(|| unique_number("89049032", 32, |n| s.number_in_use(n)));
                let line = Line {
                    msisdn: msisdn.clone(),
                    iccid,
                    eid,
                    plan_code: t.plan_code.into(),
                    state: t.line_state.into(),
                    contract_line: t.contract_line.into(),
                    quota_kb: t.remaining_mb * 1024,
                    voicemail: t.voicemail,
                    callwaiting: t.callwaiting,
                    worldwing: false,
                    history: Vec::new(),
                    add_spec_calls: 0,
                    each_quota_calls: 0,
                    pending: Vec::new(),
                };
                s.lines.insert(msisdn, line.clone());
                line
            })
            .collect()
    };
    let (first, last) = {
        let mut rng = rand::thread_rng();
        (
            FIRST_NAMES.choose(&mut rng).copied().unwrap_or("Yui"),
            LAST_NAMES.choose(&mut rng).copied().unwrap_or("Tanaka"),
        )
    };
    let services = STANDARD_SET
        .iter()
        .zip(&lines)
        .map(|(t, l)| NewService {
            pid: t.pid,
            name: t.product_name.into(),
            status: t.service_status.into(),
            msisdn: l.msisdn.clone(),
        })
        .collect();
    let (client_id, email, service_ids) = whmcs.add_client(first, last, services);
    let services = STANDARD_SET
        .iter()
        .zip(lines)
        .zip(service_ids)
        .map(|((t, l), service_id)| ProvisionedService {
            service_id,
            msisdn: l.msisdn,
            iccid: l.iccid,
            eid: l.eid,
            plan_code: l.plan_code,
            sim_type: t.sim_type,
            line_state: l.state,
        })
        .collect();
    tracing::debug!(client_id, %email, "simulators: demo client provisioned");
    ProvisionedClient {
        client_id,
        email,
        services,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_their_shape_and_avoid_taken_ones() {
        let n = unique_number("8981", 19, |_| false);
        assert_eq!(n.len(), 19);
        assert!(n.starts_with("8981") && n.bytes().all(|b| b.is_ascii_digit()));
        let first = unique_number("090", 11, |_| false);
        let other = unique_number("090", 11, |n| n == first);
        assert_ne!(first, other);
    }

    #[test]
    fn the_control_json_is_camel_case() {
        let c = ProvisionedClient {
            client_id: 7,
            email: "demo+7@example.com".into(),
            services: vec![ProvisionedService {
                service_id: 8,
                msisdn: "09000000000".into(),
                iccid: "8981000000000000000".into(),
                eid: None,
                plan_code: "PASI_5G".into(),
                sim_type: SimType::Physical,
                line_state: "active".into(),
            }],
        };
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v["clientId"], 7);
        assert_eq!(v["services"][0]["serviceId"], 8);
        assert_eq!(v["services"][0]["simType"], "physical");
        assert_eq!(v["services"][0]["planCode"], "PASI_5G");
        assert_eq!(v["services"][0]["lineState"], "active");
    }
}
