#!/usr/bin/env bash
# The benchmark (not part of the tests): builds release into target/bench/dist,
# writes the 290 × 20 dataset, then measures in headless Chromium and prints one
# table (see scripts/bench.mjs). Every figure is measured on this run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
mkdir -p target/bench
trunk build --release --dist target/bench/dist
cargo run --quiet --release --example generate -- 20 > target/bench/generated.json
node scripts/bench.mjs target/bench/dist target/bench/generated.json
