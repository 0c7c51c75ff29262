#!/usr/bin/env bash
# Regenerates src/bindings/ from the Rust types and fails when the committed files differ.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf src/bindings
cargo test --workspace --locked --quiet export_bindings >/dev/null
stale=$(git status --porcelain -- src/bindings)
if [[ -n "$stale" ]]; then
  echo "error: src/bindings/ is stale; run \`make bindings\` and commit the result:" >&2
  echo "$stale" >&2
  exit 1
fi
echo "==> src/bindings/: up to date with the Rust types"
