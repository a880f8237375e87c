#!/usr/bin/env bash
# Installs what building and testing need, and only what is missing:
# the wasm32 target, Trunk, wasm-bindgen-cli (the version in Cargo.lock), wasm-split-cli, the npm
# packages (binaryen's wasm-opt, playwright-core), Chromium and ChromeDriver.
# Source it (`. scripts/setup.sh`) to also get the tools on PATH and CHROMEDRIVER set.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION="0.21.14"
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
WASM_SPLIT_VERSION="0.2.4"
installed=()

say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
  installed+=("wasm32 target")
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 7 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
  installed+=("trunk $TRUNK_VERSION")
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # Without --locked: the pinned lockfile of wasm-bindgen-cli names a crate this registry lacks.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  installed+=("wasm-bindgen-cli $WASM_BINDGEN_VERSION")
fi

# wasm-split-cli has no --version: ask cargo what it installed.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  # Splits the release wasm by route (scripts/split-wasm.mjs), as cargo-leptos does.
  say "installing wasm_split_cli_support $WASM_SPLIT_VERSION (about 2 minutes)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
  installed+=("wasm-split-cli $WASM_SPLIT_VERSION")
fi

if ! npm ls --depth=0 >/dev/null 2>&1; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
  installed+=("npm packages")
fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  say "installing chromium and chromium-driver from Debian"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium chromium-driver
  installed+=("chromium")
fi

CHROMEDRIVER="$(command -v chromedriver)"
export CHROMEDRIVER
CHROMIUM="$(command -v chromium)"
export CHROMIUM

if [ ${#installed[@]} -eq 0 ]; then
  say "everything already installed"
else
  say "installed: ${installed[*]}"
fi
