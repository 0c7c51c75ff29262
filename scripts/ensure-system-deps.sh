#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Tasklane needs, skipping quickly when they are present.
#   scripts/ensure-system-deps.sh build   # to build and run the app
#   scripts/ensure-system-deps.sh test    # to build, plus Xvfb and WebKitWebDriver for e2e, and
#                                         # PostgreSQL for the team-mode tests (a throwaway server:
#                                         # scripts/pg-server.sh; Debian's own cluster is not used),
#                                         # and Taskwarrior and python3-venv for the readers that
#                                         # check each export (tests/verifiers.rs)
set -euo pipefail

build_packages=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libayatana-appindicator3-dev librsvg2-dev
)
test_packages=(xvfb xauth webkit2gtk-driver sqlite3 postgresql python3 python3-venv taskwarrior)

packages=("${build_packages[@]}")
[[ "${1:-build}" == "test" ]] && packages+=("${test_packages[@]}")

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "==> system packages: all ${#packages[@]} present"
else
  echo "==> system packages: installing ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for tool in cargo node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "error: \`$tool\` is not installed. Install Rust with https://rustup.rs and Node.js 20+ first." >&2
    exit 1
  fi
done
