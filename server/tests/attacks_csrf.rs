//! Cross-site requests over real HTTP: a write another site makes the browser send — REST,
//! server functions, login (login CSRF) and logout (forced logout) — is refused with 403 and
//! changes nothing; the portal's own pages and API clients are unaffected.

// Helpers outside #[test] fns panic on purpose: the panic is the test failure.
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::{json, Value};

const EVIL: &str = "https://evil.example";

#[tokio::test]
async fn cross_site_writes_are_refused_everywhere() {
    let p = common::portal().await;
    let c = p.login("demo@example.com").await;
    let demo = server::simulator::demo::DEMO_PASSWORD;

    // Login CSRF: the attacker's form logs the victim's browser into the attacker's account.
    let r = common::cookie_client()
        .post(format!("{}/api/fn/login", p.url))
        .header("origin", EVIL)
        .form(&[("email", "demo2@example.com"), ("password", demo)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(
        r.headers().get("set-cookie").is_none(),
        "no session was opened"
    );
    let r = common::cookie_client()
        .post(format!("{}/api/auth/login", p.url))
        .header("sec-fetch-site", "cross-site")
        .json(&json!({"email": "demo2@example.com", "password": demo}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "forbidden");

    // Forced logout and SIM writes with the victim's cookie: refused, nothing changes.
    for path in ["/api/auth/logout", "/api/fn/logout"] {
        let r = c
            .post(format!("{}{path}", p.url))
            .header("origin", EVIL)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{path}");
    }
    let r = c
        .post(format!("{}/api/subscriptions/2001/sim/top-up", p.url))
        .header("origin", "null")
        .json(&json!({"quotaMb": 1000}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = c
        .post(format!("{}/api/fn/change_plan", p.url))
        .header("origin", EVIL)
        .form(&[("id", "2001"), ("new_plan_code", "PASI_25G")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(p.sims.whmcs.ledger(1001).unwrap().invoices.is_empty());
    let me = c.get(format!("{}/api/me", p.url)).send().await.unwrap();
    assert_eq!(me.status(), 200, "still logged in");

    // The portal's own pages (same origin) and API clients (no Origin) work as before.
    let r = c
        .post(format!("{}/api/fn/get_sim_overview", p.url))
        .header("origin", &p.url)
        .header("sec-fetch-site", "same-origin")
        .form(&[("id", "2001")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = c
        .post(format!("{}/api/auth/logout", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let p = common::portal().await;
    let c = p.login("demo@example.com").await;
    for (path, expect) in [
        ("/login", 200),
        ("/subscriptions", 200),
        ("/api/me", 200),
        ("/api/subscriptions/999/sim", 404),
        ("/no-such-page", 404),
        ("/health/whmcs-api", 200),
    ] {
        let r = c.get(format!("{}{path}", p.url)).send().await.unwrap();
        assert_eq!(r.status(), expect, "{path}");
        let h = r.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert!(h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'"));
        assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
        assert!(h.get("permissions-policy").is_some());
        // Served over plain http here (loopback): no HSTS.
        assert!(h.get("strict-transport-security").is_none(), "{path}");
    }
}

#[tokio::test]
async fn pages_only_run_scripts_carrying_this_responses_nonce() {
    let p = common::portal().await;
    let c = p.login("demo@example.com").await;
    let mut nonces = Vec::new();
    for path in [
        "/login",
        "/subscriptions",
        "/subscriptions/2001/sim",
        "/no-such-page",
    ] {
        let r = c.get(format!("{}{path}", p.url)).send().await.unwrap();
        let csp = r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: no nonce in {csp}"))
            .to_string();
        assert!(
            csp.contains("'strict-dynamic'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        let html = r.text().await.unwrap();
        let scripts: Vec<&str> = html.split("<script").skip(1).collect();
        assert!(!scripts.is_empty(), "{path}: no scripts");
        for s in scripts {
            let tag = s.split('>').next().unwrap();
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: <script{tag}>"
            );
        }
        nonces.push(nonce);
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), 4, "a fresh nonce per response");
    // Plain HTTP endpoints keep the policy without script rules.
    let r = c.get(format!("{}/api/me", p.url)).send().await.unwrap();
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(!csp.contains("nonce"), "{csp}");
}
