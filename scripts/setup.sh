#!/usr/bin/env bash
# Installs what building and testing the portal needs on a fresh Debian machine, idempotently:
# Chromium, the wasm32 target, cargo-leptos 0.3.10, wasm-bindgen-cli matching Cargo.lock,
# and the npm packages (wasm-opt from npm binaryen; the ECharts bundle; Playwright). Nothing is downloaded at
# build time, so every tool must be here first. Also starts the local PostgreSQL if stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }

if ! command -v chromium >/dev/null 2>&1; then
  say "Installing Debian's Chromium (Playwright's own browser download is not reachable)"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Japanese glyphs for the browser tests' screenshots of the Japanese pages (Debian's Chromium
# has no CJK font of its own; without one every kanji is a box).
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=ja 2>/dev/null | head -1)" ]; then
  say "Installing a Japanese font (Noto CJK) for the browser's screenshots"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 0.3.11 needs rustc 1.96; no_downloads because cargo-leptos may not fetch tools at build time.
if ! cargo leptos --version 2>/dev/null | grep -q '0\.3\.10'; then
  say "Installing cargo-leptos 0.3.10 (about 15 minutes on 2 cores)"
  cargo install cargo-leptos --version 0.3.10 --locked --features no_downloads
fi

# The CLI must equal the wasm-bindgen crate in Cargo.lock exactly. (No --locked: its own
# lockfile pins a crate the registry no longer has.)
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${want}\$"; then
  say "Installing wasm-bindgen-cli ${want}"
  cargo install wasm-bindgen-cli --version "${want}" --force
fi

# Root package.json: wasm-opt (npm binaryen; Debian's is too old and breaks hydration).
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing build tools from npm"
  npm ci --no-audit --no-fund --loglevel=error
fi
# The chart library (ECharts, only the parts the charts use) for the browser; git-ignored,
# rebuilt when the entry or the npm lock changes. cargo-leptos copies public/ into the site.
if [ ! -s public/js/echarts.js ] || [ scripts/charts/echarts-entry.js -nt public/js/echarts.js ] \
   || [ package-lock.json -nt public/js/echarts.js ]; then
  say "Bundling the chart library (public/js/echarts.js)"
  node_modules/.bin/esbuild scripts/charts/echarts-entry.js --bundle --minify --format=iife \
    --target=es2019 --log-level=warning --outfile=public/js/echarts.js
fi
if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "Installing Playwright (the test runner only; the browser is Debian's Chromium)"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
fi

# The PostgreSQL tests use the machine's server (127.0.0.1:5432, trust auth, database `test`).
# Start it if it is installed but stopped; the tests report clearly if it is absent.
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    say "Starting the local PostgreSQL server"
    for version in /etc/postgresql/*; do
      pg_ctlcluster --skip-systemctl-redirect "$(basename "$version")" main start || true
    done
  fi
fi
