# The two commands of the README: `make run` and `make test`. Each installs what a fresh
# machine lacks first (scripts/install-tools.sh skips whatever is already there).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

export CARGO_TARGET_DIR ?= $(CURDIR)/target
export TOOLS_DIR ?= $(HOME)/.cache/cassetto-tools
export PATH := $(TOOLS_DIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

SERVER_BIN := $(CARGO_TARGET_DIR)/release/cassetto-server
# The reference SPID/CIE provider (scripts/oidc-provider.sh) and the entity ids of our server it
# onboards: the e2e server, the integration tests on SQLite and on PostgreSQL.
OIDC_STATE := $(CARGO_TARGET_DIR)/oidc-test
E2E_OIDC_PORT := 8091
OIDC_RPS := http://127.0.0.1:$(E2E_OIDC_PORT),http://127.0.0.1:8092,http://127.0.0.1:8093
WITH_PROVIDER := scripts/oidc-provider.sh with $(SERVER_BIN) $(OIDC_STATE) $(OIDC_RPS) --
# A real clamd (installed when missing) with a database that knows the EICAR test file.
WITH_CLAMD := scripts/clamd.sh --

.PHONY: run test bench tools browser app server lint unit fuzz e2e e2e-deps provider clean

## Build everything and start the service with demo data at http://127.0.0.1:8080
run: app server
	@echo
	$(SERVER_BIN) --demo

## Every check: format, lints, unit and integration tests (SQLite, and PostgreSQL when
## TEST_DATABASE_URL is set; SPID and CIE against the reference provider, installed in a venv
## when missing; the antivirus against a real clamd, installed when missing), the release build of the app, schemathesis against the OpenAPI document, the
## Playwright suite.
test: lint server unit app fuzz e2e

tools:
	@scripts/install-tools.sh

browser:
	@scripts/install-tools.sh --browser

app: tools
	trunk build --release

server: tools
	cargo build --release -p server

lint: tools
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

unit: server
	$(WITH_CLAMD) $(WITH_PROVIDER) cargo test --workspace
ifneq ($(strip $(TEST_DATABASE_URL)),)
	@echo "Integration tests on PostgreSQL ($(TEST_DATABASE_URL))"
	$(WITH_CLAMD) $(WITH_PROVIDER) cargo test -p server --test api --test statements
endif

## schemathesis (installed from PyPI when missing) against the running server's own document.
fuzz: app server
	scripts/fuzz-api.sh $(SERVER_BIN) dist

e2e-deps: browser
	@cd e2e && if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then \
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; fi

e2e: e2e-deps app server
	$(WITH_CLAMD) $(WITH_PROVIDER) sh -c 'cd e2e && E2E_OIDC_PORT=$(E2E_OIDC_PORT) SERVER_BIN=$(SERVER_BIN) \
	  E2E_SERVER_LOG=$(CARGO_TARGET_DIR)/e2e-server.log npx playwright test' || \
	  { echo "The e2e server's last log lines ($(CARGO_TARGET_DIR)/e2e-server.log):"; \
	    tail -n 150 $(CARGO_TARGET_DIR)/e2e-server.log; exit 1; }

## The reference SPID/CIE provider for trying the login by hand: `make provider`, then in
## another terminal the `cassetto-server` command it prints.
provider: server
	@$(WITH_PROVIDER) sh -c 'echo "Trust Anchor e provider SPID: $$OIDC_TEST_SPID, CIE: $$OIDC_TEST_CIE"; \
	  echo "$(SERVER_BIN) --demo --oidc-entity-id http://127.0.0.1:$(E2E_OIDC_PORT) --bind 127.0.0.1:$(E2E_OIDC_PORT) --oidc-allow-http --oidc-trust-anchor $$OIDC_TEST_TA --oidc-provider $$OIDC_TEST_SPID --oidc-provider cie=$$OIDC_TEST_CIE --oidc-keys $(OIDC_STATE)/rp-keys --oidc-trust-marks $(OIDC_STATE)/trust-marks-$(E2E_OIDC_PORT).json"; \
	  echo "Utenti di prova: rssmra80a01h501u, vrdgpp70c15l219c (password Prova-SPID-1). Ctrl-C per fermare."; \
	  sleep infinity'

## First-load bytes and time of the login page in headless Chromium; Lighthouse scores; the
## statements per booking and the SQLite fair ceiling against Prenota + Conferma; availability
## under load; memory. PostgreSQL's figures too (one server, two) when the local server answers
## (or BENCH_POSTGRES_URL names one).
BENCH_POSTGRES_URL ?= $(shell pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && echo postgres://postgres@127.0.0.1:5432/postgres)
bench: e2e-deps app server
	@scripts/install-tools.sh --lighthouse
	cd e2e && SERVER_BIN=$(SERVER_BIN) node bench/first-load.mjs
	cd e2e && SERVER_BIN=$(SERVER_BIN) node bench/lighthouse.mjs
	BENCH_POSTGRES_URL=$(BENCH_POSTGRES_URL) SERVER_BIN=$(SERVER_BIN) cargo bench -p server --bench agenda

clean:
	cargo clean
	rm -rf dist e2e/test-results
