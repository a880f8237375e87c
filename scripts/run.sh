#!/usr/bin/env bash
# Builds the release app with its built-in dataset and serves it on
# http://127.0.0.1:8080 the way a static host would, beside the embedded sync server
# (pouchdb-server on http://127.0.0.1:5984, its data in .couchdb/; it prints the user and
# password). Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
trunk build --release
port="${PORT:-8080}"
node scripts/embedded-couch.mjs --dir .couchdb --port "${COUCH_PORT:-5984}" --origin "http://127.0.0.1:$port" &
couch=$!
trap 'kill "$couch" 2>/dev/null; wait "$couch" 2>/dev/null || true' EXIT
node scripts/serve.mjs --dir dist --port "$port"
