#!/usr/bin/env bash
# Store benchmark (not part of the tests): load + parse + migrate a generated dataset
# of all 290 municipalities with 20 events each, in headless Chromium, release build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
cargo test --release --target wasm32-unknown-unknown --test bench_store -- --include-ignored --nocapture 2>&1 \
  | grep -E '^(dataset|stored size|\|)' || { echo "benchmark failed" >&2; exit 1; }
