#!/usr/bin/env bash
# Every test layer, after the same setup as the run command:
#   1. formatting and lints (native and wasm32),
#   2. domain tests, natively,
#   3. component and store tests in headless Chromium (wasm-bindgen-test, real localStorage),
#   4. end-to-end journeys in Chromium against release builds served as static files,
#      at the root and under /klimat/.
#
# Two lanes run side by side, since neither keeps two cores busy for long (the release
# build ends in single-threaded LTO, the journeys wait on the browser): the release builds
# and then the journeys in front, and lints and tests (1–3) behind, whose output is shown
# when the run ends. They share cargo's target folder without waiting for each other (a
# release and a debug build lock different folders). Each stage's time is printed in one
# table at the end (scripts/stages.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/stages.sh
stage "setup" . scripts/setup.sh
. scripts/target-cache.sh

stage "format" cargo fmt --all -- --check

# The 290 × 20 dataset the report and the sheet import are timed with (end to end), and the
# 290 × 80 one (10 MB) the register in the browser's database is proven with (#32).
KC_GENERATED="$CARGO_TARGET_DIR/generated-290x20.json"
KC_GENERATED_80="$CARGO_TARGET_DIR/generated-290x80.json"
export KC_GENERATED KC_GENERATED_80
rm -f "$KC_GENERATED" "$KC_GENERATED_80"

lints_and_tests() {
  stage "generated datasets" sh -c 'cargo run --quiet --example generate -- 80 > "$KC_GENERATED_80" && cargo run --quiet --example generate -- 20 > "$KC_GENERATED.part" && mv "$KC_GENERATED.part" "$KC_GENERATED"'
  stage "clippy native, all targets" cargo clippy --all-targets -- -D warnings
  stage "clippy wasm32, all targets" cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
  stage "clippy wasm32, split" cargo clippy --target wasm32-unknown-unknown --features split -- -D warnings
  stage "domain tests (native)" cargo test
  stage "component tests (headless Chromium)" cargo test --target wasm32-unknown-unknown --test web --test store
}
behind="$(mktemp "${TMPDIR:-/tmp}/klimatcoachning-lints-and-tests.XXXXXX")"
lints_and_tests >"$behind" 2>&1 &
behind_pid=$!
# Stopped with the run (Ctrl-C or a failed stage in front).
kill_tree() {
  local child
  for child in $(pgrep -P "$1" || true); do kill_tree "$child"; done
  kill "$1" 2>/dev/null || true
}
trap 'status=$?; [ -z "$behind_pid" ] || kill_tree "$behind_pid"; stages_table "$status"; rm -f "$behind"' EXIT

# Ends the run with the lints' and tests' output when they are over: at once when they
# failed (no need to wait for the journeys to learn that), else (`wait`) when they end.
behind() {
  [ -n "$behind_pid" ] || return 0
  if [ "${1:-}" = wait ] || ! kill -0 "$behind_pid" 2>/dev/null; then
    local status=0
    wait "$behind_pid" || status=$?
    printf '\n== lints and tests (run beside the builds and journeys): their output\n'
    cat "$behind"
    if [ "$status" -ne 0 ]; then
      printf '\nlints and tests FAILED (%s): see their output above\n' "$status"
      exit "$status"
    fi
    behind_pid=""
  fi
}

stage "release build /" trunk build --release --dist dist
behind
stage "release build /klimat/" trunk build --release --dist dist-klimat --public-url /klimat/
behind
while [ -n "$behind_pid" ] && [ ! -s "$KC_GENERATED" ]; do
  sleep 1
  behind
done
front=0
stage "end-to-end tests (Chromium)" node --test --test-concurrency=1 tests/e2e/ || front=$?
behind wait
exit "$front"
