#!/usr/bin/env bash
# The benchmark (issue 10): builds the release server and site (precompressed), then runs the
# bench crate against it and prints one table against the budgets. BENCH_SECS / BENCH_USERS
# shorten a trial run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo leptos build --release --precompress
cargo run --release -p bench
