#!/usr/bin/env bash
# The OpenAPI document against the server it describes: schemathesis (every check) as a
# contributor, an intermediary and an operator, on a fresh demo database, a bounded number of examples per
# operation. Installs schemathesis when missing.
# Usage: scripts/fuzz-api.sh SERVER_BIN [STATIC_DIR], or scripts/fuzz-api.sh --install.
# FUZZ_EXAMPLES (25) sets the examples; FUZZ_DATABASE_URL an empty PostgreSQL database instead.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
if ! st --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  python3 -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
[ "${1:-}" = "--install" ] && exit 0

SERVER_BIN="${1:?the server binary}"
STATIC_DIR="${2:-dist}"
EXAMPLES="${FUZZ_EXAMPLES:-25}"

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$SERVER_BIN" --bind "127.0.0.1:$port" --database-url "${FUZZ_DATABASE_URL:-sqlite://$work/fuzz.sqlite}" \
  --static-dir "$STATIC_DIR" --demo > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "$base/healthz" > /dev/null && break; sleep 0.1; done

cookie() {
  curl -sf -o /dev/null -D - -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo2026\"}" "$base/api/session" |
    tr -d '\r' | sed -n 's/^set-cookie: \(cassetto_session=[^;]*\).*/\1/Ip'
}

status=0
for who in RSSMRA80A01H501U VRDGPP70C15L219C operatore.roma; do
  echo "schemathesis as $who ($EXAMPLES examples per operation)"
  # DELETE /api/session (log_out) would end the very session the run uses; every other
  # operation, DELETEs included, is fuzzed.
  st --config-file e2e/fuzz/schemathesis.toml run "$base/api/openapi.json" \
    -H "Cookie: $(cookie "$who")" --max-examples "$EXAMPLES" --exclude-operation-id log_out \
    --no-color --warnings off || status=1
done
if grep -q "internal error" "$work/server.log"; then
  echo "The server logged internal errors:"; grep "internal error" "$work/server.log" | head -20; status=1
fi
exit $status
