//! Rate limits over real HTTP: password guessing backs off per account and per address (a
//! throttled attempt is refused even with the right password), spoofed `X-Forwarded-For`
//! does not escape it, and a customer's SIM actions are limited.
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::{json, Value};
use server::portal::limits::LimitConfig;
use server::settings::Settings;
use std::time::{Duration, Instant};

fn settings(limits: LimitConfig) -> Settings {
    let mut s = Settings::for_tests(&common::temp_db());
    s.limits = limits;
    s
}

async fn login(p: &common::TestPortal, email: &str, password: &str) -> reqwest::Response {
    common::post_login(&common::cookie_client(), &p.url, email, password).await
}

async fn assert_throttled(r: reqwest::Response) -> u64 {
    assert_eq!(r.status(), 429);
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1, "{retry}");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("Please wait"), "{message}");
    retry
}

#[tokio::test]
async fn guessing_one_password_backs_off_then_recovers() {
    let p = common::portal_with(settings(LimitConfig {
        account_free_failures: 3,
        backoff_base: Duration::from_millis(500),
        ..LimitConfig::default()
    }))
    .await;
    for _ in 0..3 {
        assert_eq!(login(&p, "demo@example.com", "guess").await.status(), 401);
    }
    // Now even the right password waits: the guesser cannot tell a hit from the throttle.
    let retry = assert_throttled(login(&p, "DEMO@example.com", "portal-demo").await).await;
    assert_eq!(retry, 1);
    // Other accounts are not held up.
    assert_eq!(
        login(&p, "demo2@example.com", "portal-demo").await.status(),
        200
    );
    // After the wait the owner gets in, and success clears the count.
    let started = Instant::now();
    loop {
        let r = login(&p, "demo@example.com", "portal-demo").await;
        if r.status() == 200 {
            break;
        }
        assert_eq!(r.status(), 429);
        assert!(started.elapsed() < Duration::from_secs(5), "never let in");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        login(&p, "demo@example.com", "guess").await.status(),
        401,
        "a fresh count after the success"
    );
}

#[tokio::test]
async fn the_wait_doubles_with_each_further_failure() {
    let p = common::portal_with(settings(LimitConfig {
        account_free_failures: 1,
        backoff_base: Duration::from_secs(10),
        ..LimitConfig::default()
    }))
    .await;
    assert_eq!(login(&p, "demo@example.com", "x").await.status(), 401);
    assert_eq!(
        assert_throttled(login(&p, "demo@example.com", "x").await).await,
        10
    );
}

#[tokio::test]
async fn one_address_spraying_many_accounts_is_throttled_and_xff_does_not_help() {
    let p = common::portal_with(settings(LimitConfig {
        ip_free_failures: 5,
        backoff_base: Duration::from_secs(30),
        ..LimitConfig::default()
    }))
    .await;
    for i in 0..5 {
        let r = common::cookie_client()
            .post(format!("{}/api/auth/login", p.url))
            // Not trusted (TRUST_X_FORWARDED_FOR is off): each looks like a new address.
            .header("x-forwarded-for", format!("198.51.100.{i}"))
            .json(&json!({"email": format!("user{i}@example.com"), "password": "Winter2026!"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
    }
    let r = common::cookie_client()
        .post(format!("{}/api/auth/login", p.url))
        .header("x-forwarded-for", "198.51.100.99")
        .json(&json!({"email": "demo@example.com", "password": "portal-demo"}))
        .send()
        .await
        .unwrap();
    assert!(assert_throttled(r).await >= 29);
}

#[tokio::test]
async fn a_customer_hammering_sim_actions_gets_429_and_others_do_not() {
    let p = common::portal_with(settings(LimitConfig {
        action_burst: 3,
        action_period: Duration::from_secs(60),
        ..LimitConfig::default()
    }))
    .await;
    let c = p.login("demo@example.com").await;
    // Withdrawing a plan change that was never scheduled: refused by the SIM's state, after
    // the limiter has counted it (every action is counted, whatever its outcome).
    let change = |c: &reqwest::Client| {
        c.post(format!(
            "{}/api/subscriptions/2001/sim/cancel-plan-change",
            p.url
        ))
        .send()
    };
    for _ in 0..3 {
        assert_eq!(change(&c).await.unwrap().status(), 409);
    }
    let retry = assert_throttled(change(&c).await.unwrap()).await;
    assert!((50..=60).contains(&retry), "{retry}");
    // Reads are not limited, and another customer has their own allowance.
    let r = c
        .get(format!("{}/api/subscriptions/2001/sim/details", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let other = p.login("demo2@example.com").await;
    let r = other
        .post(format!(
            "{}/api/subscriptions/2101/sim/cancel-plan-change",
            p.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
}
