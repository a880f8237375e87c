#!/usr/bin/env bash
# The cost of one edit as the register grows (not part of the tests): builds release into
# target/bench/dist, writes the 290 × 20 and 290 × 80 registers, then measures in headless
# Chromium and prints one table (see scripts/bench-save.mjs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
mkdir -p target/bench
trunk build --release --dist target/bench/dist
for events in 20 80; do
  cargo run --quiet --release --example generate -- "$events" > "target/bench/generated-290x$events.json"
done
node scripts/bench-save.mjs target/bench/dist target/bench/generated-290x20.json target/bench/generated-290x80.json
