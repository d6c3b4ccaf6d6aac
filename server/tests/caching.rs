//! The cache over real HTTP, counted at the simulators: a warm SIM page costs no upstream
//! call, a burst of cold reads costs one per upstream read, every write the portal makes is
//! seen by the next read, and one customer's entries never answer another's reads.
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Every read the SIM page makes, over REST and as the page itself.
const SIM_READS: [&str; 5] = [
    "/api/subscriptions",
    "/api/subscriptions/2001/sim",
    "/api/subscriptions/2001/sim/details",
    "/api/subscriptions/2001/sim/usage",
    "/api/subscriptions/2001/sim/timeline",
];

async fn read_all(p: &common::TestPortal, c: &reqwest::Client) {
    for path in SIM_READS {
        let r = c.get(format!("{}{path}", p.url)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
    }
    let page = c
        .get(format!("{}/subscriptions/2001/sim", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    page.text().await.unwrap();
}

/// Calls the SIM page's upstreams received (not the order intake's Salesforce stream, which
/// runs in the background whatever the page does).
fn upstream_calls(p: &common::TestPortal) -> BTreeMap<String, u64> {
    let mut calls = p.sims.faults.calls();
    calls.retain(|k, _| k.starts_with("whmcs ") || k.starts_with("freebit "));
    calls
}

#[tokio::test]
async fn a_warm_sim_page_makes_no_upstream_call() {
    let p = common::portal().await;
    let c = p.login("demo@example.com").await;
    read_all(&p, &c).await;
    let cold = upstream_calls(&p);
    assert_eq!(cold.get("whmcs getclientsproducts"), Some(&1), "{cold:?}");
    assert!(cold.contains_key("freebit mvno/getdetail"), "{cold:?}");

    p.sims.faults.reset_calls();
    read_all(&p, &c).await;
    read_all(&p, &c).await;
    let warm = upstream_calls(&p);
    assert!(warm.is_empty(), "warm reads reached upstreams: {warm:?}");
}

#[tokio::test]
async fn a_burst_of_cold_reads_reaches_each_upstream_once() {
    let p = common::portal().await;
    let c = p.login("demo@example.com").await;
    p.sims.faults.reset_calls();
    let url = format!("{}/api/subscriptions/2001/sim/usage", p.url);
    let reads = (0..40).map(|_| {
        let (c, url) = (c.clone(), url.clone());
        tokio::spawn(async move { c.get(url).send().await.unwrap().status() })
    });
    for r in reads.collect::<Vec<_>>() {
        assert_eq!(r.await.unwrap(), 200);
    }
    let calls = upstream_calls(&p);
    assert_eq!(calls.get("whmcs getclientsproducts"), Some(&1), "{calls:?}");
    assert_eq!(
        calls.get("freebit mvno/gettrafficinfo"),
        Some(&1),
        "{calls:?}"
    );
    assert_eq!(calls.get("freebit mvno/getdetail"), Some(&1), "{calls:?}");
}

#[tokio::test]
async fn every_write_is_seen_by_the_next_read() {
    let p = common::portal().await;
    let c = p.login("demo@example.com").await;
    let overview = |c: reqwest::Client| {
        let url = format!("{}/api/fn/get_sim_overview", p.url);
        async move {
            let r = c.post(url).form(&[("id", "2001")]).send().await.unwrap();
            assert_eq!(r.status(), 200);
            r.json::<Value>().await.unwrap()
        }
    };
    let before = overview(c.clone()).await;
    assert_eq!(before["features"]["networkType"], "5G", "{before}");

    // A 4G/5G switch: the carrier takes it; the page must show it pending at once (not the
    // cached "nothing in flight" overview), and after it settles, the new state.
    let r = c
        .post(format!("{}/api/subscriptions/2001/sim/features", p.url))
        .json(&json!({"networkType": "4G"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202, "{}", r.text().await.unwrap());
    let during = overview(c.clone()).await;
    assert!(
        !during["pending"].as_array().unwrap().is_empty(),
        "{during}"
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let now = overview(c.clone()).await;
        if now["pending"].as_array().unwrap().is_empty() {
            assert_eq!(now["features"]["networkType"], "4G", "{now}");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "never settled: {now}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn one_customers_entries_never_answer_another() {
    let p = common::portal().await;
    let demo = p.login("demo@example.com").await;
    let demo2 = p.login("demo2@example.com").await;
    let list = |c: &reqwest::Client| {
        let (c, url) = (c.clone(), format!("{}/api/subscriptions", p.url));
        async move { common::get_json::<Value>(&c, &url).await }
    };
    let mine = list(&demo).await;
    let theirs = list(&demo2).await;
    assert_ne!(mine, theirs);
    assert_eq!(list(&demo).await, mine);
    assert_eq!(list(&demo2).await, theirs);
    // And a SIM of demo's stays 404 for demo2 however warm demo's entries are.
    let r = demo2
        .get(format!("{}/api/subscriptions/2001/sim", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

/// With a cold cache (a restarted instance), the carrier is asked about the number the SIM
/// had last time while WHMCS confirms ownership: the page costs about one upstream round
/// trip, not two, and the prefetched answers are the ones the page uses. Measured by order,
/// not by the page's time: with WHMCS held for `HELD`, the carrier's first read arrives
/// before WHMCS could answer only if it was prefetched.
#[tokio::test]
async fn a_cold_page_costs_about_one_upstream_round_trip() {
    use std::time::{Duration, Instant};
    // Below the tests' upstream timeout (1.5 s), far above a prefetch's start.
    const HELD: Duration = Duration::from_millis(1000);
    let db = common::temp_db();
    let start = |sims: Option<server::simulator::Simulators>| {
        let settings = server::settings::Settings::for_tests(&db);
        async move {
            let p = server::build_with(settings, sims).await.unwrap();
            let (url, sims) = (p.url(), p.simulators.clone().unwrap());
            tokio::spawn(p.serve_until(std::future::pending()));
            (url, sims)
        }
    };
    let (a, sims) = start(None).await;
    sims.faults.add(
        serde_json::from_value(
            json!({"upstream": "whmcs", "operation": "GetClientsProducts",
            "kind": "latency", "latency_ms": HELD.as_millis()}),
        )
        .unwrap(),
    );
    // How long after the page was asked for the carrier's first read arrived.
    let view = |url: String| {
        let sims = sims.clone();
        async move {
            let c = common::cookie_client();
            let r = common::post_login(&c, &url, "demo@example.com", "portal-demo").await;
            assert_eq!(r.status(), 200);
            sims.faults.reset_calls();
            let began = Instant::now();
            let page = tokio::spawn(async move {
                let r = c
                    .get(format!("{url}/subscriptions/2001/sim"))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 200);
                assert!(r.text().await.unwrap().contains("080-7705-2946"));
            });
            let carrier_after = loop {
                if sims.faults.calls().contains_key("freebit mvno/getdetail") {
                    break began.elapsed();
                }
                assert!(
                    !page.is_finished(),
                    "the page never asked the carrier: {:?}",
                    sims.faults.calls()
                );
                tokio::time::sleep(Duration::from_millis(5)).await;
            };
            page.await.unwrap();
            carrier_after
        }
    };
    // First view ever: nothing is known, so WHMCS, then the carrier.
    let first = view(a).await;
    assert!(first >= HELD, "carrier asked after {first:?}");

    // A restarted instance (empty cache) on the same database and upstreams.
    let (b, _) = start(Some(sims.clone())).await;
    let cold = view(b).await;
    assert!(
        cold < HELD,
        "carrier asked {cold:?} after the page, not while WHMCS was held"
    );
    let calls = upstream_calls_of(&sims);
    assert_eq!(calls.get("freebit mvno/getdetail"), Some(&1), "{calls:?}");
    assert_eq!(
        calls.get("freebit mvno/gettrafficinfo"),
        Some(&1),
        "{calls:?}"
    );
    assert_eq!(calls.get("whmcs getclientsproducts"), Some(&1), "{calls:?}");
}

fn upstream_calls_of(sims: &server::simulator::Simulators) -> BTreeMap<String, u64> {
    sims.faults.calls()
}
