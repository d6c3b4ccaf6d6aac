//! The call policy both upstream clients share: reads are retried with exponential backoff
//! and jitter on transient failures; writes are sent exactly once, because a write that
//! timed out may still have been applied (the caller reconciles with a read instead).

use backon::{ExponentialBuilder, Retryable};
use std::future::Future;
use std::time::Duration;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CallKind {
    Read,
    Write,
}

/// Runs `attempt` once (writes) or with up to `retries` retries while `transient` says the
/// failure taught us nothing (reads). `what` names the call in the retry log line.
pub async fn call_with_policy<T, E, F, Fut>(
    upstream: &'static str,
    kind: CallKind,
    retries: usize,
    what: &str,
    attempt: F,
    transient: fn(&E) -> bool,
) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: std::fmt::Display,
{
    let started = std::time::Instant::now();
    let result = with_policy(kind, retries, what, attempt, transient).await;
    crate::telemetry::upstream_call(upstream, what, result.is_ok(), started);
    result
}

async fn with_policy<T, E, F, Fut>(
    kind: CallKind,
    retries: usize,
    what: &str,
    attempt: F,
    transient: fn(&E) -> bool,
) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: std::fmt::Display,
{
    let mut attempt = attempt;
    match kind {
        CallKind::Write => attempt().await,
        CallKind::Read => {
            attempt
                .retry(
                    ExponentialBuilder::default()
                        .with_min_delay(Duration::from_millis(100))
                        .with_max_delay(Duration::from_secs(2))
                        .with_max_times(retries)
                        .with_jitter(),
                )
                .when(transient)
                .notify(
                    |e, after| tracing::warn!(what, error = %e, ?after, "retrying upstream read"),
                )
                .await
        }
    }
}
