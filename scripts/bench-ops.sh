#!/usr/bin/env bash
# The operator console's benchmark (issue 11): a million SIMs in PostgreSQL, list / filter /
# search / dashboard latency through the JSON API, and a 100,000-row import. Needs the local
# PostgreSQL (BENCH_POSTGRES_URL overrides it). OPS_BENCH_SIMS shrinks a trial run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo leptos build --release --precompress --split
cargo run --release -p bench -- ops
