//! The portal's benchmark (issue 10). Runs the release server (`target/release/server`, built
//! with its site by `cargo leptos build --release --precompress`) on its simulators with 100 ms
//! of upstream latency, and prints one table against the budgets. Ratios are measured in one
//! run on one machine, so they compare like with like.
//!
//! `scripts/bench.sh` builds and runs it. `BENCH_SECS` (load duration, default 60) and
//! `BENCH_USERS` (concurrent logged-in customers, default 200) shorten a trial run.

mod browser;
mod bundle;
mod load;
mod ops;
mod server;
mod shared;
mod store;

use load::Target;
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

const UPSTREAM_LATENCY_MS: u64 = 100;

pub struct Row {
    pub what: &'static str,
    pub value: String,
    pub budget: &'static str,
    /// `None`: not measured by this benchmark yet.
    pub ok: Option<bool>,
}

pub fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub struct Customer {
    pub token: String,
    pub page: String,
}

async fn customer(http: &reqwest::Client, url: &str) -> Customer {
    let c: Value = http
        .post(format!("{url}/_sim/control/demo-customer"))
        .send()
        .await
        .expect("demo customer")
        .json()
        .await
        .expect("demo customer JSON");
    let sim = c["services"][0]["serviceId"].as_u64().expect("a SIM");
    let (email, password) = (
        c["email"].as_str().expect("email"),
        c["password"].as_str().expect("password"),
    );
    Customer {
        token: login_token(http, url, email, password).await,
        page: format!("{url}/subscriptions/{sim}/sim"),
    }
}

pub async fn customers(http: &reqwest::Client, url: &str, n: usize) -> Vec<Customer> {
    let mut out = Vec::with_capacity(n);
    // A few at a time: logins hash passwords on a small fixed pool.
    for chunk in (0..n).collect::<Vec<_>>().chunks(4) {
        let batch = chunk.iter().map(|_| customer(http, url));
        for c in futures_join(batch).await {
            out.push(c);
        }
    }
    out
}

async fn futures_join<F: std::future::Future>(fs: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut out = Vec::new();
    for f in fs {
        out.push(f.await);
    }
    out
}

/// 100 ms on every upstream operation (the simulators' latency rule; auth included).
pub async fn slow_upstreams(http: &reqwest::Client, url: &str) {
    for upstream in ["freebit", "whmcs"] {
        let r = http
            .post(format!("{url}/_sim/control/faults"))
            .json(&json!({"upstream": upstream, "kind": "latency", "latency_ms": UPSTREAM_LATENCY_MS}))
            .send()
            .await
            .expect("latency rule");
        assert!(r.status().is_success());
    }
}

async fn login_token(http: &reqwest::Client, url: &str, email: &str, password: &str) -> String {
    let login: Value = http
        .post(format!("{url}/api/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("login JSON");
    login["token"].as_str().expect("token").to_string()
}

fn median_ms(v: &mut [Duration]) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

pub fn target(c: &Customer) -> Target {
    Target {
        url: c.page.clone(),
        token: Some(c.token.clone()),
    }
}

fn gzip_len(p: &Path) -> Option<u64> {
    let data = std::fs::read(p).ok()?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&data).ok()?;
    Some(gz.finish().ok()?.len() as u64)
}

fn kb(n: Option<u64>) -> String {
    n.map_or_else(|| "n/a".into(), |n| format!("{:.0} KB", n as f64 / 1000.0))
}

#[tokio::main]
async fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    // Another build's server and site can be measured with BENCH_SERVER / BENCH_SITE.
    let binary = std::env::var_os("BENCH_SERVER")
        .map_or_else(|| root.join("target/release/server"), PathBuf::from);
    let site =
        std::env::var_os("BENCH_SITE").map_or_else(|| root.join("target/site"), PathBuf::from);
    // `bench ops`: the operator console at a million SIMs instead (scripts/bench-ops.sh).
    if std::env::args().nth(1).as_deref() == Some("ops") {
        ops::run(&binary, &site).await;
        return;
    }
    // `bench store`: the travel eSIM store (catalogue, GraphQL, purchases, eSIM Go calls).
    if std::env::args().nth(1).as_deref() == Some("store") {
        store::run(&binary, &site).await;
        return;
    }
    let secs = env_num("BENCH_SECS", 60);
    let users = env_num("BENCH_USERS", 200) as usize;
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(512)
        .build()
        .expect("client");

    let mut portal = server::Portal::start(&binary, &site, &http).await;
    let url = portal.url.clone();
    slow_upstreams(&http, &url).await;
    let idle_rss = portal.rss_mib();
    eprintln!("logging in {users} customers…");
    let all = customers(&http, &url, users + 10).await;
    let logged_in_rss = portal.rss_mib();
    let (cold_set, load_set) = all.split_at(10);
    let mut rows = Vec::new();

    // Warm SSR page vs a static file of the same size, same server, same concurrency.
    let one = target(&load_set[0]);
    let (_, page_bytes) = load::once(&http, &one).await;
    let static_name = format!("bench-static-{page_bytes}.html");
    let static_path = site.join(&static_name);
    std::fs::write(&static_path, vec![b'x'; page_bytes]).expect("static file");
    let static_target = Target {
        url: format!("{url}/{static_name}"),
        token: None,
    };
    let window = Duration::from_secs(5);
    let page_run = load::drive(&http, std::slice::from_ref(&one), 16, window).await;
    let static_run = load::drive(&http, &[static_target], 16, window).await;
    let _ = std::fs::remove_file(&static_path);
    let ratio = page_run.per_sec() / static_run.per_sec();
    rows.push(Row {
        what: "warm SSR SIM page ÷ static file of the same size (req/s)",
        value: format!(
            "{ratio:.2} ({:.0} ÷ {:.0} req/s, {page_bytes} B)",
            page_run.per_sec(),
            static_run.per_sec()
        ),
        budget: "≥ 0.35",
        ok: Some(ratio >= 0.35),
    });

    // Upstream calls per warm page view, counted by the simulators.
    http.delete(format!("{url}/_sim/control/calls"))
        .send()
        .await
        .expect("reset calls");
    for _ in 0..20 {
        load::once(&http, &one).await;
    }
    let calls: Value = http
        .get(format!("{url}/_sim/control/calls"))
        .send()
        .await
        .expect("calls")
        .json()
        .await
        .expect("calls JSON");
    let total: u64 = calls
        .as_object()
        .map(|m| m.values().filter_map(Value::as_u64).sum())
        .unwrap_or(0);
    rows.push(Row {
        what: "upstream calls per warm page view",
        value: format!("{:.2}", total as f64 / 20.0),
        budget: "0",
        ok: Some(total == 0),
    });

    // A new customer's very first view: nothing known yet, so WHMCS, then the carrier.
    let mut first = Vec::new();
    for c in cold_set {
        first.push(load::once(&http, &target(c)).await.0);
    }
    let first_ratio = median_ms(&mut first) / UPSTREAM_LATENCY_MS as f64;
    rows.push(Row {
        what: "a new customer's first view ÷ upstream latency (for information)",
        value: format!("{first_ratio:.2} (median {:.0} ms)", median_ms(&mut first)),
        budget: "—",
        ok: None,
    });

    // Load: every customer keeps requesting their own SIM page.
    eprintln!("{users} customers for {secs} s…");
    let targets: Vec<Target> = load_set.iter().map(target).collect();
    let run = load::drive(&http, &targets, users, Duration::from_secs(secs)).await;
    rows.push(Row {
        what: "one instance: p50 / p99 latency, req/s, errors",
        value: run.summary(),
        budget: "0 errors",
        ok: Some(run.errors == 0),
    });
    let rss = portal.peak_rss_mib();
    let mib = |m: Option<f64>| m.map_or_else(|| "n/a".into(), |m| format!("{m:.0} MiB"));
    rows.push(Row {
        what: "server peak RSS (RSS idle / after the logins / after the load)",
        value: format!(
            "{} ({} / {} / {})",
            mib(rss),
            mib(idle_rss),
            mib(logged_in_rss),
            mib(portal.rss_mib())
        ),
        budget: "≤ 120 MB",
        ok: rss.map(|m| m * 1.048_576 <= 120.0),
    });

    rows.extend(bundle::rows(&site.join("pkg")));
    let chart = gzip_len(&site.join("js/echarts.js"));
    rows.push(Row {
        what: "chart library gzip (loaded only with a chart)",
        value: kb(chart),
        budget: "≤ 150 KB",
        ok: chart.map(|c| c <= 150_000),
    });
    // In a real browser: the SIM page of a customer whose caches are warm.
    let page = load_set[1].page.clone();
    rows.push(browser::hydrated(&root, &page, &load_set[1].token).await);
    rows.extend(browser::lighthouse(&root, &page, &load_set[1].token).await);

    // Cold cache: the portal restarted (every cache empty; the database, with its sessions
    // and the SIMs' last known numbers, stays), a seeded demo customer's SIM page.
    let demo = Customer {
        token: login_token(&http, &url, "demo@example.com", "portal-demo").await,
        page: format!("{url}/subscriptions/2001/sim"),
    };
    load::once(&http, &target(&demo)).await;
    let mut cold = Vec::new();
    for _ in 0..5 {
        portal = portal.restart(&http).await;
        slow_upstreams(&http, &url).await;
        // The carrier's login key is renewed every few minutes, not per page: get it first.
        http.get(format!("{url}/health/freebit-api"))
            .send()
            .await
            .expect("health");
        cold.push(load::once(&http, &target(&demo)).await.0);
    }
    let cold_ms = median_ms(&mut cold);
    let cold_ratio = cold_ms / UPSTREAM_LATENCY_MS as f64;
    rows.push(Row {
        what: "cold-cache page latency ÷ upstream latency (100 ms)",
        value: format!("{cold_ratio:.2} (median {cold_ms:.0} ms, after a restart)"),
        budget: "≤ 1.15",
        ok: Some(cold_ratio <= 1.15),
    });
    drop(portal);

    eprintln!("two instances on PostgreSQL + Redis, {users} customers for {secs} s…");
    rows.push(shared::two_instances(&binary, &site, &http, users, Duration::from_secs(secs)).await);

    println!("\n| measure | value | budget | |\n|---|---|---|---|");
    for r in &rows {
        let flag = match r.ok {
            Some(true) => "ok",
            Some(false) => "**OVER**",
            None => "—",
        };
        println!("| {} | {} | {} | {flag} |", r.what, r.value, r.budget);
    }
}
