//! A login flood stays within a memory bound. Each password check takes argon2's 19 MiB;
//! without a bound, 300 concurrent logins would hash on up to 512 blocking threads at once
//! (gigabytes). The portal hashes a few at a time and turns the rest away with 429.
//!
//! Its own test binary, so the process's peak memory (VmHWM) is this test's alone.
#![allow(clippy::unwrap_used)]

mod common;
use server::portal::limits::LimitConfig;
use server::settings::Settings;
use std::time::Duration;

/// Peak resident memory of this process so far, in MiB (Linux).
fn peak_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kb / 1024
}

/// `count` concurrent wrong logins with fresh emails; their statuses.
async fn flood(base: &str, first: usize, count: usize) -> Vec<u16> {
    let http = reqwest::Client::new();
    let mut attempts = tokio::task::JoinSet::new();
    for i in first..first + count {
        let http = http.clone();
        let url = format!("{base}/api/auth/login");
        attempts.spawn(async move {
            http.post(url)
                .json(
                    &serde_json::json!({"email": format!("flood{i}@example.com"), "password": "x"}),
                )
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        });
    }
    attempts.join_all().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_flood_is_answered_within_a_memory_bound() {
    let mut settings = Settings::for_tests(&common::temp_db());
    settings.limits = LimitConfig {
        concurrent_hashes: 2,
        hash_queue_wait: Duration::from_millis(300),
        // Every attempt reaches the hasher: this test is about memory, not about backoff.
        ip_free_failures: u32::MAX,
        ..LimitConfig::default()
    };
    let p = common::portal_with(settings).await;
    // One login first, so the baseline includes a hash's memory and warm allocations.
    p.login("demo@example.com").await;
    let before = peak_mib();

    let small = flood(&p.url, 0, 300).await;
    let after_small = peak_mib();
    let large = flood(&p.url, 300, 900).await;
    let after_large = peak_mib();
    eprintln!("peak memory: {before} MiB, after 300 logins {after_small} MiB, after 900 more {after_large} MiB");

    for statuses in [&small, &large] {
        assert!(
            statuses.iter().all(|s| *s == 401 || *s == 429),
            "{statuses:?}"
        );
        assert!(statuses.contains(&429), "the queue never overflowed");
    }
    // Two hashing threads at 19 MiB each, plus the requests in flight; unbounded, 300
    // concurrent hashes alone would take 5.7 GiB.
    assert!(
        after_small.saturating_sub(before) < 320,
        "a 300-login flood took peak memory from {before} MiB to {after_small} MiB"
    );
    // And a three times larger flood costs hardly more: the bound does not grow with it.
    assert!(
        after_large.saturating_sub(after_small) < 96,
        "900 more logins took peak memory from {after_small} MiB to {after_large} MiB"
    );
    // The portal still serves the customer right after.
    p.login("demo2@example.com").await;
}
