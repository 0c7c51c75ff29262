#!/usr/bin/env bash
# Installs tauri-driver (the WebDriver bridge for Tauri apps) into .tools/, once.
set -euo pipefail
version="2.1.0"
root="$(cd "$(dirname "$0")/.." && pwd)/.tools"
if [[ -x "$root/bin/tauri-driver" ]] && grep -q "tauri-driver v$version" "$root/.crates.toml" 2>/dev/null; then
  echo "==> tauri-driver $version: present"
else
  echo "==> tauri-driver $version: cargo install into .tools/"
  cargo install tauri-driver --locked --version "=$version" --root "$root" --quiet
fi
