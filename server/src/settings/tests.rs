//! Reading the configuration: modes, required variables, refusals.
#![allow(clippy::unwrap_used)]
use super::*;
use std::collections::HashMap;

fn settings(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Settings::from_vars(&|name| map.get(name).cloned())
}

const KEY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/simulators/src/salesforce/demo_keys/private.pem"
);

const LIVE: [(&str, &str); 15] = [
    ("FREEBIT_BASE_URL", "https://i.mvno.net/emptool/api/"),
    ("FREEBIT_OEM_ID", "PASI"),
    ("FREEBIT_OEM_KEY", "k"),
    ("WHMCS_BASE_URL", "https://billing.example.jp/"),
    ("WHMCS_IDENTIFIER", "id"),
    ("WHMCS_SECRET", "s"),
    ("WHMCS_MSISDN_FIELD_ID", "7"),
    ("WHMCS_CUSTOMER_NUMBER_FIELD_ID", "8"),
    ("WHMCS_SF_ORDER_FIELD_ID", "9"),
    ("SF_LOGIN_URL", "https://login.salesforce.com/"),
    ("SF_CLIENT_ID", "3MVG9consumer"),
    ("SF_USERNAME", "integration@example.jp"),
    ("SF_PRIVATE_KEY_PATH", KEY),
    ("ESIM_GO_API_KEY", "esim-go-key"),
    (
        "OPS_SECRET_KEY",
        "c2ltLXBvcnRhbC1kZW1vLXBpbi1rZXktMzItYnl0ZXM=",
    ),
];

#[test]
fn nothing_configured_refuses_to_start_instead_of_becoming_a_demo() {
    let e = settings(&[]).err().unwrap().to_string();
    assert!(e.contains("FREEBIT_BASE_URL is required"), "{e}");
    assert!(e.contains("PORTAL_MODE=demo"), "{e}");
}

#[test]
fn every_upstream_variable_is_required_in_live_mode() {
    for missing in LIVE.iter().map(|(k, _)| *k) {
        let vars: Vec<_> = LIVE
            .iter()
            .copied()
            .filter(|(k, _)| *k != missing)
            .collect();
        let e = settings(&vars).err().unwrap().to_string();
        assert!(e.contains(missing), "{missing}: {e}");
    }
    let s = settings(&LIVE).unwrap();
    assert_eq!(s.mode, Mode::Live);
    assert!(matches!(s.upstreams, Upstreams::Real { .. }));
    assert!(s.secure_cookies, "live cookies are always Secure");
}

#[test]
fn live_upstreams_must_be_https() {
    for name in ["FREEBIT_BASE_URL", "WHMCS_BASE_URL", "SF_LOGIN_URL"] {
        let vars: Vec<_> = LIVE
            .iter()
            .map(|(k, v)| {
                (
                    *k,
                    if *k == name {
                        "http://upstream.example/"
                    } else {
                        *v
                    },
                )
            })
            .collect();
        let e = settings(&vars).err().unwrap().to_string();
        assert!(e.contains(name) && e.contains("https"), "{e}");
    }
}

#[test]
fn live_cookies_stay_secure_on_loopback_behind_a_proxy() {
    let mut vars = LIVE.to_vec();
    vars.push(("LEPTOS_SITE_ADDR", "127.0.0.1:3000"));
    vars.push(("SECURE_COOKIES", "false"));
    assert!(settings(&vars).unwrap().secure_cookies);
}

#[test]
fn demo_mode_is_explicit_loopback_and_without_upstreams() {
    let s = settings(&[("PORTAL_MODE", "demo")]).unwrap();
    assert_eq!(s.mode, Mode::Demo);
    assert!(matches!(s.upstreams, Upstreams::Simulated(_)));
    assert!(!s.secure_cookies);

    let public = [
        ("PORTAL_MODE", "demo"),
        ("LEPTOS_SITE_ADDR", "0.0.0.0:3000"),
    ];
    let e = settings(&public).err().unwrap().to_string();
    assert!(e.contains("PORTAL_DEMO_PUBLIC"), "{e}");
    let mut allowed = public.to_vec();
    allowed.push(("PORTAL_DEMO_PUBLIC", "true"));
    assert!(settings(&allowed).is_ok());

    let e = settings(&[
        ("PORTAL_MODE", "demo"),
        ("WHMCS_BASE_URL", "https://billing.example.jp/"),
    ])
    .err()
    .unwrap()
    .to_string();
    assert!(e.contains("WHMCS_BASE_URL is set"), "{e}");

    let e = settings(&[("PORTAL_MODE", "test")])
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("PORTAL_MODE"), "{e}");
}

fn with(
    base: &[(&'static str, &'static str)],
    extra: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    base.iter().chain(extra).copied().collect()
}

#[test]
fn live_email_needs_a_sender_a_public_https_address_and_encryption() {
    let s = settings(&LIVE).unwrap();
    assert!(s.mail.is_none(), "no SMTP configured: no emails");

    let smtp = ("SMTP_URL", "smtps://portal:pw@mail.example.jp:465");
    let from = ("MAIL_FROM", "SonixNet <no-reply@example.jp>");
    let public = ("PORTAL_PUBLIC_URL", "https://my.example.jp");
    let s = settings(&with(&LIVE, &[smtp, from, public])).unwrap();
    let mail = s.mail.unwrap();
    assert_eq!(mail.from.email.to_string(), "no-reply@example.jp");
    assert_eq!(s.public_url.unwrap().as_str(), "https://my.example.jp/");

    let e = settings(&with(&LIVE, &[smtp, public]))
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("MAIL_FROM is required"), "{e}");
    let e = settings(&with(&LIVE, &[smtp, from]))
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("PORTAL_PUBLIC_URL is required"), "{e}");
    let e = settings(&with(
        &LIVE,
        &[smtp, from, ("PORTAL_PUBLIC_URL", "http://my.example.jp")],
    ))
    .err()
    .unwrap()
    .to_string();
    assert!(e.contains("https"), "{e}");
    let e = settings(&with(
        &LIVE,
        &[smtp, ("MAIL_FROM", "not an address"), public],
    ))
    .err()
    .unwrap()
    .to_string();
    assert!(e.contains("MAIL_FROM"), "{e}");
    let e = settings(&with(&LIVE, &[from])).err().unwrap().to_string();
    assert!(e.contains("SMTP_URL is not"), "{e}");
}

#[test]
fn live_smtp_is_encrypted_unless_the_relay_is_on_this_machine() {
    let from = ("MAIL_FROM", "no-reply@example.jp");
    let public = ("PORTAL_PUBLIC_URL", "https://my.example.jp");
    let plain = ("SMTP_URL", "smtp://portal:secret-pw@mail.example.jp:25");
    let e = settings(&with(&LIVE, &[plain, from, public]))
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("unencrypted"), "{e}");
    assert!(
        !e.contains("secret-pw"),
        "the password is never repeated: {e}"
    );
    for ok in [
        "smtp://portal:pw@mail.example.jp:587?tls=required",
        "smtps://mail.example.jp",
        "smtp://127.0.0.1:25",
        "smtp://localhost:25",
    ] {
        let r = settings(&with(&LIVE, &[("SMTP_URL", ok), from, public]));
        assert!(r.is_ok(), "{ok}: {}", r.err().unwrap());
    }
    let e = settings(&with(
        &LIVE,
        &[("SMTP_URL", "imap://mail.example.jp"), from, public],
    ))
    .err()
    .unwrap()
    .to_string();
    assert!(e.contains("smtps://"), "{e}");
    // A demo may talk to a local test inbox in the clear and link to its own address.
    let demo = settings(&[
        ("PORTAL_MODE", "demo"),
        ("SMTP_URL", "smtp://mailpit.internal:1025"),
        from,
    ])
    .unwrap();
    assert!(demo.mail.is_some() && demo.public_url.is_none());
}

#[test]
fn a_demo_instance_can_use_another_instances_simulators() {
    let s = settings(&[
        ("PORTAL_MODE", "demo"),
        ("SIM_BASE_URL", "http://127.0.0.1:3000/_sim/"),
    ])
    .unwrap();
    match s.upstreams {
        Upstreams::SimulatedElsewhere(u) => assert_eq!(u.as_str(), "http://127.0.0.1:3000/_sim"),
        _ => panic!("expected the other instance's simulators"),
    }
    let e = settings(&[("PORTAL_MODE", "demo"), ("SIM_BASE_URL", "127.0.0.1:3000")])
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("SIM_BASE_URL"), "{e}");
    let mut live = LIVE.to_vec();
    live.push(("SIM_BASE_URL", "http://127.0.0.1:3000/_sim"));
    let e = settings(&live).err().unwrap().to_string();
    assert!(e.contains("demo instances"), "{e}");
}

#[test]
fn salesforce_key_file_audience_and_field_names_are_checked() {
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut vars: Vec<(&str, &str)> = LIVE
            .iter()
            .copied()
            .filter(|(k, _)| !extra.iter().any(|(e, _)| e == k))
            .collect();
        vars.extend_from_slice(extra);
        settings(&vars)
    };
    let Upstreams::Real { salesforce, .. } = with(&[]).unwrap().upstreams else {
        panic!("live")
    };
    assert_eq!(salesforce.audience, "https://login.salesforce.com");
    assert_eq!(salesforce.fields.customer_number, "AccountNumber");
    let Upstreams::Real { salesforce, .. } = with(&[
        ("SF_LOGIN_URL", "https://test.salesforce.com/"),
        ("SF_CUSTOMER_NUMBER_FIELD", "Customer_Number__c"),
    ])
    .unwrap()
    .upstreams
    else {
        panic!("live")
    };
    assert_eq!(salesforce.audience, "https://test.salesforce.com");
    assert_eq!(salesforce.fields.customer_number, "Customer_Number__c");
    let e = with(&[("SF_PRIVATE_KEY_PATH", "/nonexistent/key.pem")])
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("SF_PRIVATE_KEY_PATH"), "{e}");
    let e = with(&[(
        "SF_CUSTOMER_NUMBER_FIELD",
        "Name FROM User WHERE Id != null OR Name",
    )])
    .err()
    .unwrap()
    .to_string();
    assert!(e.contains("not a Salesforce field name"), "{e}");
}
