#!/usr/bin/env bash
# Every test layer, after the same setup as the run command:
#   1. formatting and lints (native and wasm32),
#   2. domain tests, natively,
#   3. component and store tests in headless Chromium (wasm-bindgen-test, real localStorage),
#   4. end-to-end journeys in Chromium against release builds served as static files,
#      at the root and under /klimat/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh

step() { printf '\n== %s\n' "$*"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --features split -- -D warnings

step "domain tests (native)"
cargo test

step "component tests (headless Chromium)"
cargo test --target wasm32-unknown-unknown --test web --test store

step "release builds"
trunk build --release --dist dist
trunk build --release --dist dist-klimat --public-url /klimat/

step "end-to-end tests (Chromium)"
# The 290 × 20 dataset the report is timed with (tests/e2e/report.test.mjs).
cargo run --quiet --example generate -- 20 > target/generated-290x20.json
node --test --test-concurrency=1 tests/e2e/
