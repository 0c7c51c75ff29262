# Tasklane — every task a developer or CI runs. `make help` lists them.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo
# CI builds once from a fresh clone: incremental caches would only add gigabytes to target/.
ifeq ($(CI),true)
export CARGO_INCREMENTAL ?= 0
endif
# `cargo test` rebuilds target/debug/tasklane without the embedded UI, so the app is copied here.
APP_BIN := target/app/tasklane

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# --- set-up: each step skips quickly when its requirement is present -------------------------

.PHONY: deps deps-test node-deps tauri-driver
deps: ## Install what building and running needs (apt packages, npm packages)
	@scripts/ensure-system-deps.sh build
	@scripts/ensure-node-deps.sh .
deps-test: ## Install what the tests need too (Xvfb, WebKitWebDriver, tauri-driver, e2e packages, export readers)
	@scripts/ensure-system-deps.sh test
	@scripts/ensure-python-deps.sh
	@scripts/ensure-node-deps.sh . e2e
	@scripts/ensure-tauri-driver.sh

# --- run --------------------------------------------------------------------------------------

.PHONY: run app
app: deps ## Build the UI and the app (debug build with the UI embedded)
	@echo "==> building the UI (npm run build) and the app (cargo build --features custom-protocol)"
	@start=$$SECONDS; npm run build --silent; \
	  $(CARGO) build --locked -p tasklane --features custom-protocol; \
	  install -D target/debug/tasklane $(APP_BIN); \
	  echo "==> building the app took $$((SECONDS - start)) s"

run: app ## Install what is missing, build, and open Tasklane on the default database
	@if [[ -z "$${DISPLAY:-}" && -z "$${WAYLAND_DISPLAY:-}" ]]; then \
	  echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset), so no window can open."; \
	  echo "On a headless machine, run it inside a virtual X server:  xvfb-run -a make run"; \
	  exit 1; \
	fi
	@echo "==> starting Tasklane ($${TASKLANE_DB_URL:-default database in the app-data folder})"
	$(APP_BIN)

.PHONY: run-team
run-team: app ## Team mode on one machine: a throwaway PostgreSQL server and two Tasklane instances on it
	@if [[ -z "$${DISPLAY:-}" && -z "$${WAYLAND_DISPLAY:-}" ]]; then \
	  echo "No display found, so no window can open. On a headless machine: xvfb-run -a make run-team"; \
	  exit 1; \
	fi
	@scripts/ensure-system-deps.sh test
	scripts/pg-server.sh run target/tmp/pg-team -- scripts/run-team.sh $(CURDIR)/$(APP_BIN)

# --- tests ------------------------------------------------------------------------------------

.PHONY: test lint test-rust check-bindings bindings test-ts test-e2e
test: deps-test ## Install what is missing, then run every test layer
	@$(MAKE) --no-print-directory lint test-rust check-bindings test-ts test-e2e
	@echo "==> all test layers passed"

lint: ## Lint gates, fast ones first: rustfmt, TypeScript type-check, ESLint, clippy (warnings fail)
	@echo "==> lint: cargo fmt --check, tsc, eslint, cargo clippy"
	@start=$$SECONDS; \
	  step() { local t=$$SECONDS; "$$@"; echo "    $$* took $$((SECONDS - t)) s"; }; \
	  step $(CARGO) fmt --all --check; \
	  step npm run typecheck --silent; \
	  step npm run lint --silent; \
	  step $(CARGO) clippy --workspace --all-targets --locked --quiet -- -D warnings; \
	  echo "==> lint took $$((SECONDS - start)) s"

# The suites whose results must be the same on both engines run a second time on PostgreSQL. Tests
# that only mean something for a SQLite file (VACUUM, its disk faults, crashes of its writer) are
# named sqlite_only_* or live in their own files, which the second run leaves out.
PG_SUITES := --test task_operations --test project_operations --test settings_operations --test ipc \
  --test properties --test bad_input --test concurrency --test transcripts --test data --test task_order

test-rust: ## Rust: unit, operations, migrations, IPC (mock runtime); on SQLite, then again on PostgreSQL
	@echo "==> Rust tests (cargo test --workspace), with a throwaway PostgreSQL server for team mode"
	@start=$$SECONDS; scripts/pg-server.sh run target/tmp/pg-test -- bash -c '\
	  set -e; t=$$SECONDS; $(CARGO) test --workspace --locked; \
	  echo "==> Rust tests on SQLite (and team.rs on PostgreSQL) took $$((SECONDS - t)) s"; t=$$SECONDS; \
	  echo "==> the same suites on PostgreSQL (TASKLANE_TEST_ENGINE=postgres)"; \
	  TASKLANE_TEST_ENGINE=postgres $(CARGO) test --locked -p tasklane $(PG_SUITES) -- --skip sqlite_only; \
	  git diff --exit-code --stat -- src/bindings/ipc-transcript.json || { echo "error: the IPC transcript \
	    recorded on PostgreSQL differs from the committed one (recorded on SQLite; make check-bindings checks that)" >&2; exit 1; }; \
	  echo "==> Rust tests on PostgreSQL took $$((SECONDS - t)) s"'; \
	  echo "==> Rust tests took $$((SECONDS - start)) s"

bindings: ## Regenerate src/bindings/ (TypeScript types of the IPC contract) from Rust
	rm -rf src/bindings
	$(CARGO) test --workspace --locked --quiet export_bindings

check-bindings: ## Fail when src/bindings/ is stale
	@scripts/check-bindings.sh

test-ts: ## TypeScript: vitest (the type-check runs in `make lint`)
	@echo "==> TypeScript: vitest"
	@start=$$SECONDS; npm test --silent; echo "==> TypeScript layer took $$((SECONDS - start)) s"

test-e2e: app ## End-to-end: the built app in WebKit under Xvfb, driven through tauri-driver
	@echo "==> end-to-end tests (xvfb-run + tauri-driver + WebKitWebDriver)"
	@start=$$SECONDS; \
	  TASKLANE_APP=$(CURDIR)/$(APP_BIN) TAURI_DRIVER=$(CURDIR)/.tools/bin/tauri-driver \
	  xvfb-run -a -s "-screen 0 1280x800x24" npm --prefix e2e test --silent; \
	  echo "==> end-to-end tests took $$((SECONDS - start)) s"

# --- benchmarks (not part of `make test`) -----------------------------------------------------

.PHONY: bench
bench: deps ## Database benchmarks at 100k tasks: IPC vs hand-written SQL, SQLite then PostgreSQL (docs/BENCHMARKS.md)
	$(CARGO) bench --locked -p tasklane --bench database
	$(CARGO) bench --locked -p tasklane --bench data
	@scripts/ensure-system-deps.sh test
	scripts/pg-server.sh run target/tmp/pg-bench -- $(CARGO) bench --locked -p tasklane --bench team

.PHONY: bench-app
bench-app: app deps-test ## The built app under Xvfb at 1k and 100k tasks: start-up, first page, memory
	@scripts/bench-app.sh
