//! The operator console at a million SIMs (issue 11): `cargo run --release -p bench -- ops`
//! (`scripts/bench-ops.sh`). Starts the release server on a fresh PostgreSQL schema, loads
//! 1,000,000 SIMs (with their customers, tariffs, a year of events and the dashboard counts)
//! straight into the database, then measures each list, filter, search and dashboard request
//! of the JSON API the pages use — sequentially over loopback, so each time is the server's
//! work plus well under a millisecond — and a 100,000-row CSV import end to end.
//! `OPS_BENCH_SIMS` and `OPS_BENCH_REPEAT` shrink a trial run.

use crate::server::Portal;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A valid ICCID (8981, 14 digits, Luhn check digit).
fn iccid(serial: u64) -> String {
    let body = format!("8981{:014}", serial % 100_000_000_000_000);
    for d in 0..10 {
        let s = format!("{body}{d}");
        let sum: u32 = s
            .bytes()
            .rev()
            .enumerate()
            .map(|(i, b)| {
                let n = u32::from(b - b'0');
                if i % 2 == 1 {
                    let x = n * 2;
                    if x > 9 {
                        x - 9
                    } else {
                        x
                    }
                } else {
                    n
                }
            })
            .sum();
        if sum.is_multiple_of(10) {
            return s;
        }
    }
    unreachable!("one check digit always fits")
}

/// The inventory written by PostgreSQL itself (`generate_series`): a million rows in
/// seconds, not a million round trips. ICCIDs here skip the check digit (nothing reads it).
const LOAD: &[&str] = &[
    "INSERT INTO tariff_plans (id, name, monthly_price_yen, description, kind, created_at, updated_at) \
     SELECT 900000 + g, 'Bench plan ' || g, 1000 + g * 100, 'bench', 'mobile', 0, 0 FROM generate_series(1, 12) g",
    "INSERT INTO inventory_customers (id, first_name, last_name, email, phone, created_at) \
     SELECT 2000000 + g, 'First' || (g % 97), 'Last' || (g % 1009), 'c' || g || '@example.jp', NULL, 0 \
     FROM generate_series(1::bigint, {customers}) g",
    "INSERT INTO sim_cards (id, iccid, msisdn, status, card_type, customer_id, tariff_id, version, created_at, updated_at) \
     SELECT g * 1000, '8982' || lpad(g::text, 15, '0'), \
       CASE WHEN g % 100 BETWEEN 18 AND 86 THEN '090' || lpad(g::text, 8, '0') END, \
       CASE WHEN g % 100 < 18 THEN 'AVAILABLE' WHEN g % 100 < 23 THEN 'RESERVED' WHEN g % 100 < 75 THEN 'ACTIVE' \
            WHEN g % 100 < 84 THEN 'SUSPENDED' WHEN g % 100 < 87 THEN 'LOST_STOLEN' ELSE 'TERMINATED' END, \
       CASE g % 3 WHEN 0 THEN 'prepaid' WHEN 1 THEN 'postpaid' ELSE 'data-only' END, \
       CASE WHEN g % 100 >= 18 THEN 2000001 + (g * 7919) % {customers} END, \
       CASE WHEN g % 100 BETWEEN 18 AND 86 THEN 900001 + g % 12 END, \
       0, extract(epoch from now())::bigint - (g % 31536000), extract(epoch from now())::bigint - (g % 31536000) \
     FROM generate_series(1::bigint, {sims}) g",
    "INSERT INTO sim_events (id, sim_id, kind, old_status, new_status, note, source, created_at) \
     SELECT id + 1, id, 'IMPORTED', NULL, 'AVAILABLE', NULL, 'system', created_at FROM sim_cards",
    "INSERT INTO sim_events (id, sim_id, kind, old_status, new_status, note, source, created_at) \
     SELECT id + 2, id, 'ACTIVATED', 'AVAILABLE', 'ACTIVE', NULL, 'system', created_at + 3600 \
     FROM sim_cards WHERE status NOT IN ('AVAILABLE', 'RESERVED')",
    "INSERT INTO activation_days (day, count) \
     SELECT (created_at + 32400) / 86400 AS d, COUNT(*) FROM sim_events WHERE kind = 'ACTIVATED' GROUP BY d",
    "INSERT INTO sim_counts (status, tariff_id, count) \
     SELECT status, COALESCE(tariff_id, 0), COUNT(*) FROM sim_cards GROUP BY status, COALESCE(tariff_id, 0)",
    "ANALYZE",
];

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// The server's own time from its `Server-Timing: app;dur=<ms>` header.
fn server_ms(r: &reqwest::Response) -> Option<f64> {
    r.headers()
        .get("server-timing")?
        .to_str()
        .ok()?
        .split(';')
        .find_map(|p| p.trim().strip_prefix("dur="))?
        .parse()
        .ok()
}

/// p50 and p99 of the request as the server measured it (`Server-Timing`), and as this
/// client saw it over loopback.
async fn time(
    http: &reqwest::Client,
    url: &str,
    token: &str,
    path: &str,
    repeat: usize,
) -> ((f64, f64), (f64, f64)) {
    let mut times = Vec::with_capacity(repeat);
    let mut server = Vec::with_capacity(repeat);
    for i in 0..repeat + 3 {
        let started = Instant::now();
        let r = http
            .get(format!("{url}{path}"))
            .bearer_auth(token)
            .send()
            .await
            .expect("request");
        let status = r.status();
        let on_server = server_ms(&r);
        let _ = r.bytes().await;
        assert!(status.is_success(), "{path}: {status}");
        // The first few warm the connection and the database's cache.
        if i >= 3 {
            times.push(started.elapsed());
            server.push(Duration::from_secs_f64(
                on_server.expect("the server sends Server-Timing") / 1000.0,
            ));
        }
    }
    times.sort();
    server.sort();
    (
        (percentile(&server, 0.5), percentile(&server, 0.99)),
        (percentile(&times, 0.5), percentile(&times, 0.99)),
    )
}

pub async fn run(binary: &Path, site: &Path) {
    let sims = env_num("OPS_BENCH_SIMS", 1_000_000);
    let repeat = env_num("OPS_BENCH_REPEAT", 100) as usize;
    let http = reqwest::Client::new();
    let db = match crate::shared::fresh_schema().await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("the console benchmark needs PostgreSQL: {e}");
            std::process::exit(1);
        }
    };
    let env = vec![
        ("DATABASE_URL".to_string(), db.clone()),
        ("OPS_DEMO_SIMS".to_string(), "0".to_string()),
    ];
    let portal = Portal::start_with(binary, site, env, &http).await;
    let url = portal.url.clone();

    eprintln!("loading {sims} SIMs into PostgreSQL…");
    let started = Instant::now();
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&db).await.expect("PostgreSQL");
    for sql in LOAD {
        let sql = sql
            .replace("{sims}", &sims.to_string())
            .replace("{customers}", &(sims / 3).max(1).to_string());
        sqlx::query(&sql).execute(&pool).await.expect("load");
    }
    let load_secs = started.elapsed().as_secs_f64();
    pool.close().await;

    let login: Value = http
        .post(format!("{url}/api/ops/auth/login"))
        .json(&json!({"email": "admin@example.com", "password": "portal-demo"}))
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("login JSON");
    let token = login["token"].as_str().expect("token").to_string();
    let some_iccid = format!("8982{:015}", sims / 2);
    let some_msisdn = format!("090{:08}", (sims / 2 / 100) * 100 + 50);
    let deep = (sims / 100 / 50).clamp(1, 2000);
    let cases: Vec<(String, String)> = vec![
        (
            "list, first page (by ICCID)".into(),
            "/api/ops/sim-cards".into(),
        ),
        (
            "list, newest first".into(),
            "/api/ops/sim-cards?sort=-created".into(),
        ),
        (
            "filter: status=ACTIVE".into(),
            "/api/ops/sim-cards?status=ACTIVE".into(),
        ),
        (
            "filter: status + type".into(),
            "/api/ops/sim-cards?status=SUSPENDED&type=prepaid".into(),
        ),
        (
            "filter: tariff".into(),
            "/api/ops/sim-cards?tariff=900005".into(),
        ),
        (
            "filter: customer".into(),
            "/api/ops/sim-cards?customer=2000777".into(),
        ),
        (
            format!("filter: status=ACTIVE, page {deep}"),
            format!("/api/ops/sim-cards?status=ACTIVE&page={deep}"),
        ),
        (
            "search: ICCID prefix".into(),
            format!("/api/ops/sim-cards?q={}", &some_iccid[..14]),
        ),
        (
            "search: full ICCID".into(),
            format!("/api/ops/sim-cards?q={some_iccid}"),
        ),
        (
            "search: phone number".into(),
            format!("/api/ops/sim-cards?q={some_msisdn}"),
        ),
        (
            "SIM detail with history".into(),
            format!("/api/ops/sim-cards/{}", sims / 2 * 1000),
        ),
        (
            "dashboard: SIMs by status".into(),
            "/api/ops/stats/sim-by-status".into(),
        ),
        (
            "dashboard: SIMs by tariff".into(),
            "/api/ops/stats/sim-by-tariff".into(),
        ),
        ("dashboard: activations, 1 year by day".into(), {
            let today = (chrono::Utc::now() + chrono::Duration::hours(9)).date_naive();
            let from = today - chrono::Duration::days(364);
            format!("/api/ops/stats/activations-over-time?from={from}&to={today}")
        }),
    ];
    println!();
    println!("Operator console at {sims} SIMs (PostgreSQL; loaded in {load_secs:.0} s)");
    println!(
        "{:<42} {:>12} {:>12} {:>12} {:>12}",
        "request", "server p50", "server p99", "client p50", "client p99"
    );
    for (what, path) in &cases {
        let ((s50, s99), (c50, c99)) = time(&http, &url, &token, path, repeat).await;
        println!("{what:<42} {s50:>9.1} ms {s99:>9.1} ms {c50:>9.1} ms {c99:>9.1} ms");
    }

    // A 100,000-row file through the API: dry run, then the import.
    let mut csv = String::from("iccid,pin,puk,type,msisdn\n");
    for i in 0..100_000u64 {
        let msisdn = if i % 2 == 0 {
            format!("070{:08}", 40_000_000 + i)
        } else {
            String::new()
        };
        csv += &format!("{},1234,12345678,prepaid,{msisdn}\n", iccid(30_000_000 + i));
    }
    let post = |dry: bool| {
        http.post(format!(
            "{url}/api/ops/imports{}",
            if dry { "?dryRun=true" } else { "" }
        ))
        .bearer_auth(&token)
        .header("content-type", "text/csv")
        .body(csv.clone())
        .send()
    };
    let started = Instant::now();
    let r = post(true).await.expect("dry run");
    assert!(r.status().is_success(), "dry run: {}", r.status());
    let _ = r.bytes().await;
    let preview = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let r = post(false).await.expect("import");
    assert_eq!(r.status().as_u16(), 201, "import");
    let done: Value = r.json().await.expect("import JSON");
    let import = started.elapsed().as_secs_f64();
    assert_eq!(done["counts"]["new"], 100_000);
    println!(
        "{:<42} {:>10.2} s {:>8.0} rows/s",
        "import 100,000 rows: preview",
        preview,
        100_000.0 / preview
    );
    println!(
        "{:<42} {:>10.2} s {:>8.0} rows/s",
        "import 100,000 rows: commit",
        import,
        100_000.0 / import
    );
    drop(portal);
}
