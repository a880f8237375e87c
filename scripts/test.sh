#!/usr/bin/env bash
# Every test layer, after the same setup as the run command:
#   1. formatting and lints (native and wasm32),
#   2. domain tests, natively,
#   3. component and store tests in headless Chromium (wasm-bindgen-test, real localStorage),
#   4. end-to-end journeys in Chromium against release builds served as static files,
#      at the root and under /klimat/.
# Each stage's time is printed in one table at the end (scripts/stages.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/stages.sh
stage "setup" . scripts/setup.sh
. scripts/target-cache.sh

stage "format" cargo fmt --all -- --check
stage "clippy native, all targets" cargo clippy --all-targets -- -D warnings
stage "clippy wasm32, all targets" cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
stage "clippy wasm32, split" cargo clippy --target wasm32-unknown-unknown --features split -- -D warnings

stage "domain tests (native)" cargo test

stage "component tests (headless Chromium)" cargo test --target wasm32-unknown-unknown --test web --test store

stage "release build /" trunk build --release --dist dist
stage "release build /klimat/" trunk build --release --dist dist-klimat --public-url /klimat/

# The 290 × 20 dataset the report is timed with (tests/e2e/report.test.mjs).
KC_GENERATED="$CARGO_TARGET_DIR/generated-290x20.json"
export KC_GENERATED
stage "generated dataset" sh -c 'cargo run --quiet --example generate -- 20 > "$KC_GENERATED"'
stage "end-to-end tests (Chromium)" node --test --test-concurrency=1 tests/e2e/
