#!/usr/bin/env bash
# The benchmark (issue 10): builds the release server and site (precompressed), then runs the
# bench crate against it and prints one table against the budgets. BENCH_SECS / BENCH_USERS
# shorten a trial run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Lighthouse and playwright-core for the browser measures (only the benchmark needs them).
if [ ! -d bench/browser/node_modules/lighthouse ] || [ bench/browser/package-lock.json -nt bench/browser/node_modules/.package-lock.json ]; then
  (cd bench/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
cargo leptos build --release --precompress --split
cargo run --release -p bench
