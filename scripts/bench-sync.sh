#!/usr/bin/env bash
# Sync through the embedded server (not part of the tests): builds release into
# target/bench/dist, writes the 290 × 20 register, then times in headless Chromium against a
# fresh pouchdb-server: the push, a new browser's pull, and 20 edits from A to B
# (see scripts/bench-sync.mjs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
mkdir -p target/bench
trunk build --release --dist target/bench/dist
cargo run --quiet --release --example generate -- 20 > target/bench/generated-290x20.json
node scripts/bench-sync.mjs target/bench/dist target/bench/generated-290x20.json
