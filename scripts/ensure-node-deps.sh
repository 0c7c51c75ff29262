#!/usr/bin/env bash
# Runs `npm ci` in each given folder whose node_modules is missing or older than its lock file.
set -euo pipefail
for dir in "${@:-.}"; do
  lock="$dir/package-lock.json"
  stamp="$dir/node_modules/.package-lock.json"
  if [[ -f "$stamp" && ! "$lock" -nt "$stamp" ]]; then
    echo "==> npm packages in $dir: up to date"
  else
    echo "==> npm packages in $dir: npm ci"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done
