//! `bench store`: the travel eSIM store (issue 12) on the release server with 100 ms of
//! latency on eSIM Go and WHMCS: the catalogue through GraphQL and the `/store` page (served
//! from the database copy, no upstream call), purchases end to end (validate + balance, invoice,
//! capture, transaction, install data: several upstream calls, and eSIM Go's 3 s between
//! orders of one instance), and the eSIM Go client's own time per call (the seed's target is
//! < 200 ms on our side).

use crate::server::Portal;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

const LATENCY_MS: u64 = 100;

fn percentiles(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0;
    (at(0.5), at(0.99))
}

async fn graphql(http: &reqwest::Client, url: &str, query: &str) -> Duration {
    let started = Instant::now();
    let r: Value = http
        .post(format!("{url}/graphql"))
        .json(&json!({ "query": query }))
        .send()
        .await
        .expect("graphql")
        .json()
        .await
        .expect("graphql JSON");
    assert!(r["errors"].is_null(), "{r}");
    started.elapsed()
}

/// Sum and count of a Prometheus histogram's series whose labels contain `labels`.
fn histogram(text: &str, name: &str, labels: &str) -> (f64, f64) {
    let value = |suffix: &str| -> f64 {
        text.lines()
            .filter(|l| l.starts_with(&format!("{name}_{suffix}{{")) && l.contains(labels))
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .sum()
    };
    (value("sum"), value("count"))
}

async fn metrics(http: &reqwest::Client, url: &str) -> String {
    http.get(format!("{url}/metrics"))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("metrics text")
}

pub async fn run(binary: &Path, site: &Path) {
    let http = reqwest::Client::new();
    let portal = Portal::start(binary, site, &http).await;
    let url = portal.url.clone();
    // The catalogue's first sync runs at start; wait for it.
    for _ in 0..100 {
        let r: Value = http
            .post(format!("{url}/graphql"))
            .json(&json!({"query": "{ featuredPlans { id } }"}))
            .send()
            .await
            .expect("graphql")
            .json()
            .await
            .expect("JSON");
        if r["errors"].is_null() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for upstream in ["esimgo", "whmcs"] {
        let r = http
            .post(format!("{url}/_sim/control/faults"))
            .json(&json!({"upstream": upstream, "kind": "latency", "latency_ms": LATENCY_MS}))
            .send()
            .await
            .expect("latency rule");
        assert!(r.status().is_success());
    }

    let before = metrics(&http, &url).await;
    println!();
    println!("Travel eSIM store (release server, {LATENCY_MS} ms on eSIM Go and WHMCS)");
    println!("{:<52} {:>10} {:>10}", "request", "p50 ms", "p99 ms");
    let row = |what: &str, times: Vec<Duration>| {
        let (p50, p99) = percentiles(times);
        println!("{what:<52} {p50:>10.1} {p99:>10.1}");
    };
    let mut times = Vec::new();
    for _ in 0..200 {
        times.push(graphql(&http, &url, "{ featuredPlans { name price } }").await);
    }
    row("GraphQL featuredPlans (the seed's example)", times);
    let mut times = Vec::new();
    for _ in 0..200 {
        times.push(
            graphql(&http, &url, r#"{ dataPlans(filter: {country: "JP"}) { id name price duration countries { name iso } } }"#)
                .await,
        );
    }
    row("GraphQL dataPlans(country JP) with countries", times);
    let mut times = Vec::new();
    for _ in 0..100 {
        let started = Instant::now();
        let r = http
            .get(format!("{url}/store?country=JP"))
            .send()
            .await
            .expect("page");
        assert!(r.status().is_success());
        let _ = r.bytes().await;
        times.push(started.elapsed());
    }
    row("/store?country=JP page (server-rendered)", times);

    // Purchases: new customers, one eSIM each, one after another.
    let purchases = crate::env_num("STORE_BENCH_PURCHASES", 10) as usize;
    let buyers = crate::customers(&http, &url, purchases).await;
    let mut times = Vec::new();
    for (i, b) in buyers.iter().enumerate() {
        let started = Instant::now();
        let r = http
            .post(format!("{url}/api/fn/buy_esim"))
            .bearer_auth(&b.token)
            .form(&[
                ("plan", "esim_1GB_7D_JP_V2".to_string()),
                ("quantity", "1".to_string()),
                ("idempotency_key", format!("bench-buy-{i:04}")),
            ])
            .send()
            .await
            .expect("buy");
        let status = r.status();
        let order: Value = r.json().await.expect("order JSON");
        assert!(
            status.is_success() && order["stage"] == "Ready",
            "{status}: {order}"
        );
        times.push(started.elapsed());
    }
    let first = times.first().copied().unwrap_or_default();
    row(
        "purchase, end to end (incl. eSIM Go's 3 s order gap)",
        times,
    );
    println!(
        "{:<52} {:>10.1}",
        "purchase, the first (no order before it)",
        first.as_secs_f64() * 1000.0
    );

    // The eSIM Go calls made since the latency rule was set.
    let after = metrics(&http, &url).await;
    let series = r#"upstream="esimgo""#;
    let (s0, c0) = histogram(&before, "upstream_call_duration_seconds", series);
    let (s1, c1) = histogram(&after, "upstream_call_duration_seconds", series);
    let (sum, count) = (s1 - s0, c1 - c0);
    if count > 0.0 {
        let mean_ms = sum / count * 1000.0;
        println!(
            "{:<52} {:>10.1} ms mean over {count:.0} calls ({:.1} ms ours beyond the {LATENCY_MS} ms injected)",
            "eSIM Go call, client side",
            mean_ms,
            mean_ms - LATENCY_MS as f64
        );
    }
    drop(portal);
}
