#!/usr/bin/env bash
# Installs what a fresh machine lacks to build the app: each step is skipped when the
# right version is already there, so running it again costs seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132
LIGHTHOUSE_VERSION=12.2.3
TOOLS_DIR="${TOOLS_DIR:-$HOME/.cache/cassetto-tools}"

# `--browser`: Debian's Chromium for the Playwright suite (Playwright cannot download its own here).
if [ "${1:-}" = "--browser" ]; then
  if ! command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
  fi
  exit 0
fi

# `--lighthouse`: Lighthouse for `make bench` only (13.x needs Node 22).
if [ "${1:-}" = "--lighthouse" ]; then
  if [ ! -x "$TOOLS_DIR/lighthouse/node_modules/.bin/lighthouse" ]; then
    mkdir -p "$TOOLS_DIR/lighthouse"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR/lighthouse" -E "lighthouse@$LIGHTHOUSE_VERSION"
  fi
  exit 0
fi

# The server signs and decrypts SPID/CIE tokens with josekit, which links OpenSSL.
if ! pkg-config --exists openssl 2>/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libssl-dev pkg-config
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# No --locked: the CLI's own lock file names a crate version the registry lacks.
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Debian's binaryen is too old; the npm package ships a current wasm-opt.
if [ ! -x "$TOOLS_DIR/node_modules/.bin/wasm-opt" ]; then
  mkdir -p "$TOOLS_DIR"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VERSION"
fi
