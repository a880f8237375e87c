# Where cargo builds (sourced by scripts/test.sh after the setup).
#
# A checkout builds into its own ./target, as cargo does. CI (.ci/run) starts from a clean
# clone each time and sets KC_TARGET_CACHE to a folder outside it: the compiled
# dependencies are kept there across clones, as CI systems do (GitHub's rust-cache). The
# folder is keyed by the compiler (`rustc -vV`): another compiler starts afresh and the old
# folder goes. Cargo's own fingerprints decide what is rebuilt within it (a changed lockfile
# or flag builds the changed crates beside the old ones), so it only grows when dependencies
# change; past KC_TARGET_CACHE_MAX_GB (default 16) it is emptied and filled again.
if [ -n "${KC_TARGET_CACHE:-}" ]; then
  mkdir -p "$KC_TARGET_CACHE"
  kc_key="$(rustc -vV | sha256sum | cut -c1-16)"
  CARGO_TARGET_DIR="$KC_TARGET_CACHE/target-$kc_key"
  for kc_old in "$KC_TARGET_CACHE"/target-*; do
    if [ -d "$kc_old" ] && [ "$kc_old" != "$CARGO_TARGET_DIR" ]; then
      printf 'target cache: removing %s (another compiler)\n' "$kc_old"
      rm -rf "$kc_old"
    fi
  done
  if [ -d "$CARGO_TARGET_DIR" ]; then
    kc_gb="$(du -s --block-size=1G "$CARGO_TARGET_DIR" | cut -f1)"
    if [ "$kc_gb" -gt "${KC_TARGET_CACHE_MAX_GB:-16}" ]; then
      printf 'target cache: %s GB is over %s GB, starting afresh\n' "$kc_gb" "${KC_TARGET_CACHE_MAX_GB:-16}"
      rm -rf "$CARGO_TARGET_DIR"
    else
      printf 'target cache: %s (%s GB)\n' "$CARGO_TARGET_DIR" "$kc_gb"
    fi
  else
    printf 'target cache: %s (new)\n' "$CARGO_TARGET_DIR"
  fi
  unset kc_key kc_old kc_gb
else
  CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
fi
# Made now: the test run writes its generated dataset there before cargo has built anything.
mkdir -p "$CARGO_TARGET_DIR"
export CARGO_TARGET_DIR
