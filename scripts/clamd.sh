#!/usr/bin/env bash
# A real clamd for the tests: installs Debian's clamav-daemon when missing, makes a signature
# database with sigtool that knows the EICAR test file (no download of the real signatures),
# starts clamd on a socket of its own, runs the command with CLAMD_TEST_SOCKET set, stops it.
#   scripts/clamd.sh -- command args…
set -euo pipefail
[ "${1:-}" = "--" ] && shift

if ! command -v clamd >/dev/null 2>&1 || ! command -v sigtool >/dev/null 2>&1; then
  echo "Installing clamav-daemon (clamd, sigtool)…"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clamav-daemon >/dev/null
fi
CLAMD=$(command -v clamd || echo /usr/sbin/clamd)

dir=$(mktemp -d /tmp/cassetto-clamd.XXXXXX)
mkdir -p "$dir/db"
printf '%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' > "$dir/eicar.com"
(cd "$dir" && sigtool --md5 eicar.com > db/eicar.hdb)
# The same string anywhere in a file (a PDF that carries it passes our own checks and must be
# stopped by the antivirus): a body signature, any file type, any offset.
printf 'Cassetto.Test.EICAR-inside:0:*:%s\n' "$(sigtool --hex-dump < "$dir/eicar.com" | tr -d '\n')" > "$dir/db/eicar.ndb"
cat > "$dir/clamd.conf" <<CONF
Foreground yes
LocalSocket $dir/clamd.sock
DatabaseDirectory $dir/db
LogFile $dir/clamd.log
StreamMaxLength 10M
CONF
"$CLAMD" -c "$dir/clamd.conf" >"$dir/out.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
for _ in $(seq 1 100); do
  [ -S "$dir/clamd.sock" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/out.log"; exit 1; }
  sleep 0.1
done
[ -S "$dir/clamd.sock" ] || { echo "clamd did not start"; cat "$dir/out.log"; exit 1; }
export CLAMD_TEST_SOCKET="$dir/clamd.sock"
"$@"
