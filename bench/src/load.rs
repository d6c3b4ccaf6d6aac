//! Driving requests: a fixed number of workers for a fixed time, latencies recorded.

use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct Run {
    pub latencies: Vec<Duration>,
    pub errors: usize,
    pub elapsed: Duration,
}

impl Run {
    pub fn per_sec(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    /// `p50 / p99 ms, req/s, errors`, as the table shows a load run.
    pub fn summary(&self) -> String {
        format!(
            "{:.1} / {:.1} ms, {:.0} req/s, {} errors",
            self.percentile(0.5).as_secs_f64() * 1000.0,
            self.percentile(0.99).as_secs_f64() * 1000.0,
            self.per_sec(),
            self.errors
        )
    }

    pub fn percentile(&self, p: f64) -> Duration {
        let mut l = self.latencies.clone();
        l.sort();
        if l.is_empty() {
            return Duration::ZERO;
        }
        let i = ((l.len() as f64 - 1.0) * p).round() as usize;
        l[i.min(l.len() - 1)]
    }
}

/// One request a worker makes: a URL and the bearer token to send, if any.
#[derive(Clone)]
pub struct Target {
    pub url: String,
    pub token: Option<String>,
}

/// `workers` concurrent loops, worker `i` requesting `targets[i % len]`, for `duration`.
pub async fn drive(
    http: &reqwest::Client,
    targets: &[Target],
    workers: usize,
    duration: Duration,
) -> Run {
    let targets: Arc<Vec<Target>> = Arc::new(targets.to_vec());
    let started = Instant::now();
    let end = started + duration;
    let mut tasks = Vec::new();
    for w in 0..workers {
        let (http, targets) = (http.clone(), targets.clone());
        tasks.push(tokio::spawn(async move {
            let t = &targets[w % targets.len()];
            let mut run = Run::default();
            while Instant::now() < end {
                let began = Instant::now();
                let mut req = http.get(&t.url);
                if let Some(token) = &t.token {
                    req = req.bearer_auth(token);
                }
                let ok = match req.send().await {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if ok {
                    run.latencies.push(began.elapsed());
                } else {
                    run.errors += 1;
                }
            }
            run
        }));
    }
    let mut total = Run::default();
    for t in tasks {
        let r = t.await.expect("worker");
        total.latencies.extend(r.latencies);
        total.errors += r.errors;
    }
    total.elapsed = started.elapsed();
    total
}

/// One request, timed; panics on failure (the benchmark is meaningless then).
pub async fn once(http: &reqwest::Client, t: &Target) -> (Duration, usize) {
    let began = Instant::now();
    let mut req = http.get(&t.url);
    if let Some(token) = &t.token {
        req = req.bearer_auth(token);
    }
    let r = req.send().await.expect("request");
    assert!(r.status().is_success(), "{} answered {}", t.url, r.status());
    let body = r.bytes().await.expect("body");
    (began.elapsed(), body.len())
}
