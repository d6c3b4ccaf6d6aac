//! Two portal instances on one PostgreSQL database, one Redis and one set of upstreams (the
//! shared simulators): a session works on either, a value cached by one is served by the
//! other without an upstream call, a write on one is seen by the next read on the other, and
//! when Redis goes away reads carry on live. Redis is the machine's (127.0.0.1:6379, or
//! `TEST_REDIS_URL`).
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::{json, Value};
use server::settings::Settings;
use server::simulator::Simulators;
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};

fn redis_url() -> String {
    std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

async fn instance(db: &str, redis: &str, sims: Option<&Simulators>) -> (String, Simulators) {
    let mut s = Settings::for_tests(db);
    s.redis_url = Some(redis.to_string().into());
    let p = server::build_with(s, sims.cloned())
        .await
        .expect("portal starts");
    let url = p.url();
    let sims = p.simulators.clone().unwrap();
    tokio::spawn(p.serve_until(std::future::pending()));
    (url, sims)
}

async fn overview(url: &str, token: &str) -> Value {
    let r = reqwest::Client::new()
        .post(format!("{url}/api/fn/get_sim_overview"))
        .bearer_auth(token)
        .form(&[("id", "2001")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn token(url: &str) -> String {
    let r = common::post_login(
        &common::cookie_client(),
        url,
        "demo@example.com",
        "portal-demo",
    )
    .await;
    assert_eq!(r.status(), 200);
    r.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn two_instances_share_sessions_cache_and_invalidation() {
    let db = common::fresh_schema_url().await;
    let (a, sims) = instance(&db, &redis_url(), None).await;
    let (b, _) = instance(&db, &redis_url(), Some(&sims)).await;

    // Logged in on A, used on B.
    let t = token(&a).await;
    let subs = |url: String| {
        let t = t.clone();
        async move {
            let r = reqwest::Client::new()
                .get(format!("{url}/api/subscriptions"))
                .bearer_auth(&t)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            r.json::<Value>().await.unwrap()
        }
    };
    let on_a = subs(a.clone()).await;
    let before = overview(&a, &t).await;
    assert_eq!(before["features"]["networkType"], "5G");

    // B answers from what A cached: no upstream call.
    sims.faults.reset_calls();
    assert_eq!(subs(b.clone()).await, on_a);
    assert_eq!(overview(&b, &t).await["features"], before["features"]);
    assert!(sims.faults.calls().is_empty(), "{:?}", sims.faults.calls());

    // A change made through B is what A shows next (pending, then the new state).
    let r = reqwest::Client::new()
        .post(format!("{b}/api/subscriptions/2001/sim/features"))
        .bearer_auth(&t)
        .json(&json!({"networkType": "4G"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202);
    let during = overview(&a, &t).await;
    assert!(
        !during["pending"].as_array().unwrap().is_empty(),
        "{during}"
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = overview(&a, &t).await;
        if now["pending"].as_array().unwrap().is_empty() {
            assert_eq!(now["features"]["networkType"], "4G", "{now}");
            break;
        }
        assert!(Instant::now() < deadline, "never settled: {now}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // …and B agrees.
    assert_eq!(overview(&b, &t).await["features"]["networkType"], "4G");

    // Logging out on B ends the session on A too.
    let r = reqwest::Client::new()
        .post(format!("{b}/api/auth/logout"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(
        reqwest::Client::new()
            .get(format!("{a}/api/me"))
            .bearer_auth(&t)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

/// A TCP relay to Redis that the test can cut, like a network failure.
async fn relay(to: &str) -> (String, tokio::task::JoinHandle<()>) {
    let target = to
        .trim_start_matches("redis://")
        .trim_end_matches('/')
        .to_string();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let mut conns = tokio::task::JoinSet::new();
        while let Ok((mut inbound, _)) = listener.accept().await {
            let target = target.clone();
            conns.spawn(async move {
                if let Ok(mut outbound) = TcpStream::connect(&target).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    (format!("redis://{addr}"), task)
}

#[tokio::test]
async fn reads_carry_on_live_when_redis_goes_away() {
    let (redis, relay_task) = relay(&redis_url()).await;
    let (url, sims) = instance(&common::temp_db(), &redis, None).await;
    let t = token(&url).await;
    assert_eq!(overview(&url, &t).await["details"]["subscriptionId"], 2001);

    // Cut: the listener and every relayed connection go (aborting drops the JoinSet).
    relay_task.abort();
    let _ = relay_task.await;
    sims.faults.reset_calls();
    let started = Instant::now();
    for _ in 0..3 {
        assert_eq!(overview(&url, &t).await["details"]["subscriptionId"], 2001);
    }
    let calls = sims.faults.calls();
    // Without the cache every read goes to WHMCS again (the carrier's answers may come from
    // the two-second prefetch of the same page view).
    assert_eq!(
        calls.get("whmcs getclientsproducts").copied(),
        Some(3),
        "read live each time: {calls:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "a dead cache must not stall pages: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_unreachable_redis_stops_the_start_with_a_clear_message() {
    let mut s = Settings::for_tests(&common::temp_db());
    s.redis_url = Some("redis://127.0.0.1:9".to_string().into());
    let e = server::build(s).await.err().unwrap().to_string();
    assert!(e.contains("REDIS_URL"), "{e}");
}
