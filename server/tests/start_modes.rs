//! The binary refuses to start rather than fall back to the demo: a production deployment
//! that forgets its upstream variables must not come up with known passwords and `/_sim`.
#![allow(clippy::unwrap_used)]

use std::process::Command;

/// Runs the server binary with only `vars` (no inherited configuration) and returns its exit
/// code and stderr. Each case fails during configuration, before binding or opening a database.
fn start(vars: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn without_upstream_configuration_the_portal_does_not_start() {
    let (code, err) = start(&[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("FREEBIT_BASE_URL is required"), "{err}");
    assert!(err.contains("PORTAL_MODE=demo"), "{err}");
}

#[test]
fn plain_http_upstreams_are_refused() {
    let (code, err) = start(&[
        ("FREEBIT_BASE_URL", "http://i.mvno.net/emptool/api/"),
        ("FREEBIT_OEM_ID", "PASI"),
        ("FREEBIT_OEM_KEY", "k"),
        ("WHMCS_BASE_URL", "https://billing.example.jp/"),
        ("WHMCS_IDENTIFIER", "id"),
        ("WHMCS_SECRET", "s"),
        ("WHMCS_MSISDN_FIELD_ID", "7"),
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("FREEBIT_BASE_URL must be an https:// URL"),
        "{err}"
    );
}

#[test]
fn demo_mode_does_not_listen_publicly_unless_told_to() {
    let (code, err) = start(&[("PORTAL_MODE", "demo"), ("LEPTOS_SITE_ADDR", "0.0.0.0:0")]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("PORTAL_DEMO_PUBLIC"), "{err}");
}
