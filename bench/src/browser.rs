//! The measures taken in Debian's Chromium by the Node scripts in `bench/browser/`
//! (installed by `scripts/bench.sh`): time to hydrated and Lighthouse.

use crate::Row;
use serde_json::Value;
use std::path::Path;

/// Runs `node bench/browser/<script> args…` and parses the JSON it prints; the reason when it
/// cannot (no Node, the packages not installed, the page never hydrated…).
async fn node(root: &Path, script: &str, args: &[&str]) -> Result<Value, String> {
    let dir = root.join("bench/browser");
    let out = tokio::process::Command::new("node")
        .arg(dir.join(script))
        .args(args)
        .current_dir(&dir)
        .output()
        .await
        .map_err(|e| format!("node: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("failed");
        return Err(format!("{script}: {first}"));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("{script} output: {e}"))
}

fn not_measured(what: &'static str, budget: &'static str, why: String) -> Row {
    Row {
        what,
        value: format!("not measured: {why}"),
        budget,
        ok: None,
    }
}

/// Median time from navigation start to hydrated, each run in a fresh browser context.
pub async fn hydrated(root: &Path, page: &str, token: &str) -> Row {
    let what = "time to hydrated (Chromium, loopback, nothing cached; median of 5)";
    match node(root, "hydrate.mjs", &[page, token, "5"]).await {
        Ok(v) => {
            let ms = v["median_ms"].as_f64().unwrap_or(f64::NAN);
            Row {
                what,
                value: format!("{ms:.0} ms"),
                budget: "≤ 800 ms",
                ok: Some(ms <= 800.0),
            }
        }
        Err(e) => not_measured(what, "≤ 800 ms", e),
    }
}

/// Lighthouse's performance and accessibility scores of the page, and what weighs on them.
pub async fn lighthouse(root: &Path, page: &str, token: &str) -> Vec<Row> {
    let what = "Lighthouse performance / accessibility (SIM page, mobile)";
    let budget = "≥ 95 / 100";
    let v = match node(root, "lighthouse.mjs", &[page, token]).await {
        Ok(v) => v,
        Err(e) => return vec![not_measured(what, budget, e)],
    };
    let score = |k: &str| (v[k].as_f64().unwrap_or(0.0) * 100.0).round();
    let (perf, a11y) = (score("performance"), score("accessibility"));
    let ms = |k: &str| {
        v[k].as_f64()
            .map_or_else(|| "?".into(), |x| format!("{x:.0} ms"))
    };
    vec![
        Row {
            what,
            value: format!("{perf:.0} / {a11y:.0}"),
            budget,
            ok: Some(perf >= 95.0 && a11y >= 100.0),
        },
        Row {
            what: "Lighthouse FCP / LCP / TBT, bytes transferred (for information)",
            value: format!(
                "{} / {} / {}, {:.0} KB{}",
                ms("fcp_ms"),
                ms("lcp_ms"),
                ms("tbt_ms"),
                v["transferred_bytes"].as_f64().unwrap_or(0.0) / 1000.0,
                match v["failed"].as_array() {
                    Some(f) if !f.is_empty() => format!(
                        "; failed: {}",
                        f.iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    _ => String::new(),
                }
            ),
            budget: "—",
            ok: None,
        },
    ]
}
