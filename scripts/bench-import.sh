#!/usr/bin/env bash
# Import benchmark (not part of the tests): check, preview and merge a generated
# file of about 5 MB in headless Chromium, release build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
cargo test --release --target wasm32-unknown-unknown --test bench_import -- --include-ignored --nocapture 2>&1 \
  | grep -E '^(file|\|)' || { echo "benchmark failed" >&2; exit 1; }
