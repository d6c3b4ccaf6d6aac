//! Two release portal instances on one PostgreSQL schema and one Redis, the second using the
//! first one's simulators (`SIM_BASE_URL`), with the logged-in customers' page views spread
//! over both: what scaling out looks like on this machine.

use crate::server::Portal;
use crate::{customers, load, slow_upstreams, Row};
use std::path::Path;
use std::time::Duration;

const WHAT: &str = "two instances (PostgreSQL + Redis): p50 / p99 latency, req/s, errors";

/// A new schema on the machine's PostgreSQL (`BENCH_POSTGRES_URL`, default the test
/// database), as a `DATABASE_URL`.
pub(crate) async fn fresh_schema() -> Result<String, String> {
    let base = std::env::var("BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://root@127.0.0.1:5432/test".into());
    let schema = format!(
        "portal_bench_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    );
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&base)
        .await
        .map_err(|e| format!("PostgreSQL at {base}: {e}"))?;
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&pool)
        .await
        .map_err(|e| format!("create schema: {e}"))?;
    pool.close().await;
    let sep = if base.contains('?') { '&' } else { '?' };
    Ok(format!("{base}{sep}options=-c%20search_path%3D{schema}"))
}

async fn redis_reachable(url: &str) -> Result<(), String> {
    let addr = url
        .trim_start_matches("redis://")
        .split('/')
        .next()
        .unwrap_or("127.0.0.1:6379")
        .to_string();
    tokio::net::TcpStream::connect(&addr)
        .await
        .map(|_| ())
        .map_err(|e| format!("Redis at {addr}: {e}"))
}

pub async fn two_instances(
    binary: &Path,
    site: &Path,
    http: &reqwest::Client,
    users: usize,
    duration: Duration,
) -> Row {
    let redis =
        std::env::var("BENCH_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    let db = match async {
        redis_reachable(&redis).await?;
        fresh_schema().await
    }
    .await
    {
        Ok(db) => db,
        Err(e) => {
            return Row {
                what: WHAT,
                value: format!("not measured: {e}"),
                budget: "0 errors",
                ok: None,
            }
        }
    };
    let env = vec![
        ("DATABASE_URL".to_string(), db),
        ("REDIS_URL".to_string(), redis),
    ];
    let a = Portal::start_with(binary, site, env.clone(), http).await;
    let mut b_env = env;
    b_env.push(("SIM_BASE_URL".into(), format!("{}/_sim", a.url)));
    let b = Portal::start_with(binary, site, b_env, http).await;
    slow_upstreams(http, &a.url).await;
    let all = customers(http, &a.url, users).await;
    // Every other customer is served by the second instance.
    let targets: Vec<load::Target> = all
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut t = crate::target(c);
            if i % 2 == 1 {
                t.url = t.url.replacen(&a.url, &b.url, 1);
            }
            t
        })
        .collect();
    let run = load::drive(http, &targets, users, duration).await;
    drop((a, b));
    Row {
        what: WHAT,
        value: run.summary(),
        budget: "0 errors",
        ok: Some(run.errors == 0),
    }
}
