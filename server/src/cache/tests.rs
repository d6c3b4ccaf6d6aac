//! The cache's rules, in memory (the Redis side is tested over a real Redis in
//! `tests/cache_redis.rs`).
#![allow(clippy::unwrap_used)]

use super::*;
use std::sync::atomic::{AtomicUsize, Ordering};

async fn read(cache: &Cache, customer: i64, name: &str, loads: &AtomicUsize, value: u32) -> u32 {
    cache
        .get_or_load(
            customer,
            name,
            |_| ttl::SIM_DETAILS,
            || async {
                loads.fetch_add(1, Ordering::SeqCst);
                Ok(value)
            },
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_value_is_loaded_once_and_kept_per_customer() {
    let cache = Cache::memory();
    let loads = AtomicUsize::new(0);
    assert_eq!(read(&cache, 1, "line", &loads, 10).await, 10);
    assert_eq!(read(&cache, 1, "line", &loads, 11).await, 10, "cached");
    assert_eq!(loads.load(Ordering::SeqCst), 1);
    // Another customer's key with the same name is theirs alone.
    assert_eq!(read(&cache, 2, "line", &loads, 20).await, 20);
    assert_eq!(loads.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_burst_of_cold_reads_makes_one_load() {
    let cache = Cache::memory();
    let loads = Arc::new(AtomicUsize::new(0));
    let reads = (0..100).map(|_| {
        let (cache, loads) = (cache.clone(), loads.clone());
        tokio::spawn(async move {
            cache
                .get_or_load(
                    7,
                    "usage",
                    |_| ttl::USAGE,
                    || async {
                        loads.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        Ok(42u32)
                    },
                )
                .await
                .unwrap()
        })
    });
    for r in futures_join(reads).await {
        assert_eq!(r, 42);
    }
    assert_eq!(loads.load(Ordering::SeqCst), 1);
}

async fn futures_join<T: 'static>(
    handles: impl Iterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<T> {
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test]
async fn forgetting_a_customer_drops_only_their_values() {
    let cache = Cache::memory();
    let loads = AtomicUsize::new(0);
    read(&cache, 1, "a", &loads, 1).await;
    read(&cache, 2, "a", &loads, 2).await;
    cache.forget(1).await;
    assert_eq!(read(&cache, 1, "a", &loads, 3).await, 3, "reloaded");
    assert_eq!(read(&cache, 2, "a", &loads, 4).await, 2, "untouched");
}

#[tokio::test]
async fn a_load_that_raced_a_write_is_not_served_after_it() {
    let cache = Cache::memory();
    let (started_tx, started_rx) = tokio::sync::oneshot::channel();
    let (go_tx, go_rx) = tokio::sync::oneshot::channel::<()>();
    let slow = {
        let cache = cache.clone();
        tokio::spawn(async move {
            cache
                .get_or_load(
                    1,
                    "line",
                    |_| ttl::SIM_DETAILS,
                    || async {
                        started_tx.send(()).unwrap();
                        go_rx.await.unwrap();
                        Ok("before the change".to_string())
                    },
                )
                .await
                .unwrap()
        })
    };
    started_rx.await.unwrap();
    cache.forget(1).await; // the write happens while the old state is being read
    go_tx.send(()).unwrap();
    assert_eq!(slow.await.unwrap(), "before the change");
    let now: String = cache
        .get_or_load(
            1,
            "line",
            |_| ttl::SIM_DETAILS,
            || async { Ok("after the change".to_string()) },
        )
        .await
        .unwrap();
    assert_eq!(now, "after the change");
}

#[tokio::test]
async fn errors_and_zero_ttls_are_not_kept() {
    let cache = Cache::memory();
    let loads = AtomicUsize::new(0);
    let failed: Result<u32, _> = cache
        .get_or_load(
            1,
            "x",
            |_| ttl::USAGE,
            || async {
                loads.fetch_add(1, Ordering::SeqCst);
                Err(PortalError::UpstreamUnavailable("down".into()))
            },
        )
        .await;
    assert!(failed.is_err());
    assert_eq!(
        read(&cache, 1, "x", &loads, 5).await,
        5,
        "the error was not kept"
    );

    for v in [1u32, 2] {
        let got = cache
            .get_or_load(1, "pending", |_| ttl::NONE, || async { Ok(v) })
            .await
            .unwrap();
        assert_eq!(got, v, "a zero-ttl value is read live each time");
    }
}
