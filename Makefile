# Tasklane — every task a developer or CI runs. `make help` lists them.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

.PHONY: deps deps-test
deps: ## Install what building and running needs (apt packages)
	@scripts/ensure-system-deps.sh build
deps-test:
	@scripts/ensure-system-deps.sh test

.PHONY: test test-rust
test: deps-test test-rust ## Install what is missing, then run every test layer
	@echo "==> all test layers passed"

test-rust: ## Rust: unit, operation, migration and IPC tests
	@echo "==> cargo test --workspace"
	$(CARGO) test --workspace --locked
