#!/usr/bin/env bash
# The real SPID/CIE provider for the tests: Developers Italia's reference implementation
# (spid-cie-oidc, pinned, in a venv under $TOOLS_DIR), run as two Django processes on
# 127.0.0.2 — the Trust Anchor with the SPID provider, and the CIE provider — seeded afresh
# with the test users and with our server onboarded (its federation keys, its trust marks).
#
#   scripts/oidc-provider.sh --install
#   scripts/oidc-provider.sh with SERVER_BIN STATE_DIR RP_URL[,RP_URL…] -- COMMAND…
#
# `with` generates our keys in STATE_DIR/rp-keys (with the server's own `oidc-keys`), seeds,
# starts both processes, runs COMMAND with OIDC_TEST_* in its environment, and stops them.
set -euo pipefail
cd "$(dirname "$0")/.."

SPID_CIE_OIDC_VERSION=1.6.3
TOOLS_DIR="${TOOLS_DIR:-$HOME/.cache/cassetto-tools}"
VENV="$TOOLS_DIR/oidc-venv"
HOST="${OIDC_TEST_HOST:-127.0.0.2}"

install() {
  if ! "$VENV/bin/python" -c "import spid_cie_oidc, bootstrap_italia_template" 2>/dev/null ||
     ! "$VENV/bin/pip" show spid-cie-oidc 2>/dev/null | grep -qx "Version: $SPID_CIE_OIDC_VERSION"; then
    if ! python3 -m venv "$VENV"; then
      sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv
      python3 -m venv "$VENV"
    fi
    "$VENV/bin/pip" install -q "spid-cie-oidc==$SPID_CIE_OIDC_VERSION" "design-django-theme==2.18.1" \
      "Django==4.2.30" "pydantic==1.10.27" "cryptojwt==1.11.0"
  fi
}

if [ "${1:-}" = "--install" ]; then
  install
  exit 0
fi
[ "${1:-}" = "with" ] || { echo "usage: $0 --install | with SERVER_BIN STATE_DIR RP_URLS -- COMMAND" >&2; exit 2; }
server_bin="$2"; state="$3"; rps="$4"; shift 4
[ "${1:-}" = "--" ] && shift
install

mkdir -p "$state"
state="$(cd "$state" && pwd)"
if [ ! -f "$state/rp-keys/federation.pem" ]; then
  "$server_bin" oidc-keys generate --dir "$state/rp-keys"
fi
"$server_bin" oidc-keys public --dir "$state/rp-keys" > "$state/rp-jwks.json"

export OIDC_STATE="$state" OIDC_TA="http://$HOST:8000" OIDC_SPID="http://$HOST:8000/oidc/op" \
  OIDC_CIE="http://$HOST:8001/oidc/op" OIDC_RPS="$rps" OIDC_RP_JWKS="$state/rp-jwks.json"
# fiscal number;given name;family name;e-mail;password at the provider. The last one is no
# user of the service.
export OIDC_USERS="RSSMRA80A01H501U;Mario;Rossi;mario.rossi@example.it;Prova-SPID-1,\
VRDGPP70C15L219C;Giuseppe;Verdi;studio.verdi@example.it;Prova-SPID-1,\
SCNSCN90A01H501X;Sconosciuto;Sconosciuti;nessuno@example.it;Prova-SPID-1"

py="$VENV/bin/python"
provider_dir="$PWD/scripts/oidc-provider"
rm -f "$state"/spid.sqlite3 "$state"/cie.sqlite3 "$state"/trust-marks-*.json
(cd "$provider_dir" && OIDC_PROFILE=spid OIDC_DB="$state/keys.sqlite3" "$py" seed.py keys)
(cd "$provider_dir" && OIDC_PROFILE=spid OIDC_DB="$state/spid.sqlite3" "$py" seed.py spid) &
seed_spid=$!
(cd "$provider_dir" && OIDC_PROFILE=cie OIDC_DB="$state/cie.sqlite3" "$py" seed.py cie) &
seed_cie=$!
wait "$seed_spid"; wait "$seed_cie"

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT
for profile in spid cie; do
  port=8000; [ "$profile" = cie ] && port=8001
  (cd "$provider_dir" && OIDC_PROFILE=$profile OIDC_DB="$state/$profile.sqlite3" \
    exec "$py" manage.py runserver "$HOST:$port" --noreload --insecure) > "$state/$profile.log" 2>&1 &
  pids+=($!)
done
for url in "$OIDC_TA/.well-known/openid-federation" "$OIDC_CIE/.well-known/openid-federation"; do
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && break
    sleep 0.2
  done
  curl -fsS -o /dev/null "$url" || { echo "the test provider did not start: $url" >&2; cat "$state"/*.log >&2; exit 1; }
done

export OIDC_TEST_STATE="$state" OIDC_TEST_TA="$OIDC_TA" OIDC_TEST_SPID="$OIDC_SPID" OIDC_TEST_CIE="$OIDC_CIE"
"$@"
