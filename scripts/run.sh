#!/usr/bin/env bash
# Builds and starts the portal on the embedded default: SQLite, in-process Freebit and WHMCS
# simulators, demo customers. Prints the URL and the demo logins.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# --precompress: brotli/gzip copies of the static files, served to browsers that accept them;
# --split: the wasm cut per lazy route (each page loads only its own code).
PORTAL_MODE=demo exec cargo leptos serve --release --precompress --split
