//! The demo world both simulators start from, and the portal logins that go with it.
//! Deterministic: the same data on every start, so tests can assert exact values. Tests that
//! change lines should rather provision a customer of their own
//! ([`crate::Simulators::provision_demo_client`]).

/// Password of every demo login (shown by `cargo leptos watch`/the run command).
pub const DEMO_PASSWORD: &str = "portal-demo";

/// Custom-field id of the MSISDN on the simulated WHMCS services.
pub const MSISDN_FIELD_ID: u64 = 12;

/// Custom-field id of the Salesforce customer number on the simulated WHMCS clients.
pub const CUSTOMER_NUMBER_FIELD_ID: u64 = 11;

/// Custom-field id of the Salesforce order id on the simulated WHMCS services (AddOrder has
/// no `notes`; the order's services carry it instead).
pub const SF_ORDER_FIELD_ID: u64 = 13;

/// The simulated WHMCS's products: id and name (AddOrder refuses any other `pid`).
pub const WHMCS_PRODUCTS: &[(u64, &str)] = &[
    (49, "SonixNet SIM Data-only 3GB (legacy)"),
    (50, "SonixNet SIM Data-only 5GB"),
    (51, "SonixNet SIM Data-only 10GB"),
    (52, "SonixNet SIM Data-only 25GB"),
    (53, "SonixNet SIM Data-only 50GB"),
    (54, "SonixNet eSIM Data-only 50GB (4G & 5G)"),
    (55, "SonixNet eSIM Data-only 5GB (4G & 5G)"),
    (56, "SonixNet eSIM Data-only 10GB (4G & 5G)"),
    (57, "SonixNet eSIM Data-only 25GB (4G & 5G)"),
    (58, "SonixNet eSIM Spring 3GB"),
    (59, "SonixNet eSIM Data-only 100GB"),
    (60, "SonixNet Home Fibre 1 Gbps"),
    (61, "SonixNet Travel VPN"),
    (70, "eSIM activation fee"),
    (71, "Voice mail & call waiting pack"),
    (72, "VPN activation fee"),
    (90, "Other service"),
];

/// Credentials the simulators accept and the portal uses against them.
pub const FREEBIT_OEM_ID: &str = "SIMOEM01";
pub const FREEBIT_OEM_KEY: &str = "sim-oem-key";
pub const WHMCS_IDENTIFIER: &str = "sim-api-identifier";
pub const WHMCS_SECRET: &str = "sim-api-secret";

pub struct DemoClient {
    pub id: u64,
    pub email: &'static str,
    pub firstname: &'static str,
    pub lastname: &'static str,
}

pub struct DemoSim {
    pub service_id: u64,
    pub client_id: u64,
    pub product_name: &'static str,
    pub pid: u64,
    /// WHMCS service status.
    pub service_status: &'static str,
    pub msisdn: &'static str,
    pub iccid: &'static str,
    pub eid: Option<&'static str>,
    pub plan_code: &'static str,
    /// Freebit line state.
    pub line_state: &'static str,
    pub contract_line: &'static str,
    pub remaining_mb: u64,
    pub voicemail: bool,
    pub callwaiting: bool,
    pub worldwing: bool,
}

pub const CLIENTS: &[DemoClient] = &[
    DemoClient {
        id: 1001,
        email: "demo@example.com",
        firstname: "Hana",
        lastname: "Sato",
    },
    DemoClient {
        id: 1002,
        email: "demo2@example.com",
        firstname: "Kenji",
        lastname: "Ito",
    },
];

pub const SIMS: &[DemoSim] = &[
    DemoSim {
        service_id: 2001,
        client_id: 1001,
        product_name: "SonixNet eSIM Data-only 50GB (4G & 5G)",
        pid: 54,
        service_status: "Active",
        msisdn: "08077052946",
        iccid: "8981100005000012345",
        eid: Some("89049032004008882600016781234567"),
        plan_code: "PASI_50G",
        line_state: "active",
        contract_line: "5G",
        remaining_mb: 48_256,
        voicemail: true,
        callwaiting: false,
        worldwing: false,
    },
    DemoSim {
        service_id: 2002,
        client_id: 1001,
        product_name: "SonixNet SIM Data-only 10GB",
        pid: 51,
        service_status: "Active",
        msisdn: "09012345678",
        iccid: "8981100001000067890",
        eid: None,
        plan_code: "PASI_10G",
        line_state: "active",
        contract_line: "4G",
        remaining_mb: 7_372,
        voicemail: false,
        callwaiting: true,
        worldwing: false,
    },
    DemoSim {
        service_id: 2003,
        client_id: 1001,
        product_name: "SonixNet SIM Data-only 5GB",
        pid: 50,
        service_status: "Suspended",
        msisdn: "07011112222",
        iccid: "8981100000500011111",
        eid: None,
        plan_code: "PASI_5G",
        line_state: "suspended",
        contract_line: "4G",
        remaining_mb: 1_200,
        voicemail: false,
        callwaiting: false,
        worldwing: false,
    },
    DemoSim {
        service_id: 2004,
        client_id: 1001,
        product_name: "SonixNet SIM Data-only 10GB",
        pid: 51,
        service_status: "Cancelled",
        msisdn: "08055556666",
        iccid: "8981100001000055555",
        eid: None,
        plan_code: "PASI_10G",
        line_state: "canceled",
        contract_line: "4G",
        remaining_mb: 0,
        voicemail: false,
        callwaiting: false,
        worldwing: false,
    },
    DemoSim {
        service_id: 2101,
        client_id: 1002,
        product_name: "SonixNet SIM Data-only 25GB",
        pid: 52,
        service_status: "Active",
        msisdn: "08033334444",
        iccid: "8981100002500033333",
        eid: None,
        plan_code: "PASI_25G",
        line_state: "active",
        contract_line: "5G",
        remaining_mb: 20_480,
        voicemail: true,
        callwaiting: true,
        worldwing: true,
    },
];

/// Daily usage in kB for `days_ago` (0 = today) of a line: a deterministic function of the
/// MSISDN, so every run and every test sees the same history. Weekends run heavier.
pub fn daily_usage_kb(msisdn: &str, days_ago: u32) -> u64 {
    // SplitMix64 over (seed of the number, day): well spread, no dependency on wall time.
    let seed = msisdn.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut z = seed.wrapping_add(u64::from(days_ago).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    // 200 MB – 1.8 GB a day, in kB.
    let base = 200 * 1024 + z % (1600 * 1024);
    if days_ago % 7 >= 5 {
        base + base / 4
    } else {
        base
    }
}

/// A Salesforce account of the simulated org, with its primary contact.
pub struct DemoSfAccount {
    /// The customer number (`AccountNumber`) a newcomer types on the sign-up page.
    pub customer_number: &'static str,
    pub firstname: &'static str,
    pub lastname: &'static str,
    pub email: &'static str,
    /// Set for accounts already linked to a WHMCS client (and a portal login).
    pub whmcs_client_id: Option<u64>,
}

/// The org's accounts on every start: the two demo customers (linked) and three newcomers
/// who can sign up (shown on the sign-up page of the embedded default).
pub const SF_ACCOUNTS: &[DemoSfAccount] = &[
    DemoSfAccount {
        customer_number: "SNX-100101",
        firstname: "Hana",
        lastname: "Sato",
        email: "demo@example.com",
        whmcs_client_id: Some(1001),
    },
    DemoSfAccount {
        customer_number: "SNX-100102",
        firstname: "Kenji",
        lastname: "Ito",
        email: "demo2@example.com",
        whmcs_client_id: Some(1002),
    },
    DemoSfAccount {
        customer_number: "SNX-300101",
        firstname: "Aiko",
        lastname: "Tanaka",
        email: "aiko.tanaka@example.com",
        whmcs_client_id: None,
    },
    DemoSfAccount {
        customer_number: "SNX-300102",
        firstname: "Daniel",
        lastname: "Brooks",
        email: "daniel.brooks@example.com",
        whmcs_client_id: None,
    },
    DemoSfAccount {
        customer_number: "SNX-300103",
        firstname: "Mei",
        lastname: "Nakamura",
        email: "mei.nakamura@example.com",
        whmcs_client_id: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_is_deterministic_and_in_range() {
        assert_eq!(
            daily_usage_kb("08077052946", 3),
            daily_usage_kb("08077052946", 3)
        );
        assert_ne!(
            daily_usage_kb("08077052946", 3),
            daily_usage_kb("08077052946", 4)
        );
        for d in 0..30 {
            let kb = daily_usage_kb("09012345678", d);
            assert!((200 * 1024..=2250 * 1024).contains(&kb), "{kb}");
        }
    }

    #[test]
    fn demo_world_has_what_the_issue_asks() {
        let mine: Vec<_> = SIMS.iter().filter(|s| s.client_id == 1001).collect();
        assert!(mine
            .iter()
            .any(|s| s.eid.is_some() && s.plan_code == "PASI_50G" && s.service_status == "Active"));
        assert!(mine
            .iter()
            .any(|s| s.eid.is_none() && s.plan_code == "PASI_10G" && s.service_status == "Active"));
        assert!(mine.iter().any(|s| s.service_status == "Suspended"));
        assert!(mine
            .iter()
            .any(|s| s.service_status == "Cancelled" && s.line_state == "canceled"));
        assert_eq!(SIMS.iter().filter(|s| s.client_id == 1002).count(), 1);
    }
}
