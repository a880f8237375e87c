#!/usr/bin/env bash
# Builds the release app with its built-in dataset and serves it on
# http://127.0.0.1:8080 the way a static host would. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
trunk build --release
exec node scripts/serve.mjs --dir dist --port "${PORT:-8080}"
