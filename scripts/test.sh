#!/usr/bin/env bash
# Runs every check: formatting, unit and integration tests (against the simulators and a real
# database), clippy for app as ssr and as hydrate on wasm32, the release build and the
# Playwright suite in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

start=$(date +%s)
step() { printf '\n==> [%ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "Unit and integration tests (app as ssr, server)"
# cargo-nextest (on every machine of this kind) runs each test in its own process with a time
# limit (.config/nextest.toml); plain cargo test where it is missing. There are no doctests.
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --locked -p app -p server -p simulators
else
  cargo test --locked -p app -p server -p simulators
fi

step "Clippy: app + server as ssr"
cargo clippy --locked -p app -p server -p simulators -p bench --all-targets -- -D warnings

step "Clippy: app + frontend as hydrate on wasm32"
cargo clippy --locked -p frontend --target wasm32-unknown-unknown -- -D warnings

step "Release build + Playwright in Chromium"
# A fresh database for every run (the simulators start fresh too). The simulated carrier
# finishes asynchronous work in seconds here (minutes by default), so the browser tests see
# pending options, 4G/5G switches and reissues complete; a paid top-up the carrier refused
# is retried after a second (30 s by default), and so is an order's fulfilment step. `--precompress` writes .br and .gz next to every
# static file, which the server sends to browsers that accept them; `--split` cuts the wasm into a
# main module and one set of chunks per lazy route (README, Scale and speed).
rm -f target/e2e.db target/e2e.db-shm target/e2e.db-wal
PORTAL_MODE=demo DATABASE_URL="sqlite://target/e2e.db?mode=rwc" \
SIM_TALK_OPTION_DELAY_MS=1500 SIM_CONTRACT_LINE_DELAY_MS=3000 SIM_ESIM_REISSUE_DELAY_MS=2000 \
TOPUP_RETRY_BASE_MS=1000 TOPUP_MAX_ATTEMPTS=3 ORDER_RETRY_BASE_MS=1000 USAGE_ALERT_EVERY_MS=1000 \
  cargo leptos end-to-end --release --precompress --split

echo
echo "All checks passed in $(( $(date +%s) - start ))s; target/ holds $(du -sh target | cut -f1)."
