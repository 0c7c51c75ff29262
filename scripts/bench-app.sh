#!/usr/bin/env bash
# `make bench-app`: the built app under Xvfb, through tauri-driver, on a 1,000- and a
# 100,000-task database: launch to first painted page, the first page of `db_get_tasks` timed in
# the page, and PSS of the app and its WebKit processes. See docs/BENCHMARKS.md, "The real app".
#
#   BENCH_APP_RELEASE=1     also build and measure a release app (~12 min to compile the first time)
#   BENCH_APP_RELEASE=only  measure the release app alone
#   BENCH_APP_RUNS=5        measured launches per build and size (after one warm-up launch)
#   BENCH_APP_SIZES=1k,100k which databases
#   BENCH_APP_BUILD=0       measure target/app/tasklane-release as it is, without cargo build
#   BENCH_APP_DEBUG_APP=…   measure this debug app instead of target/app/tasklane
#
# Expects `make app` to have built target/app/tasklane (the Makefile target does that first).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

debug_app=${BENCH_APP_DEBUG_APP:-target/app/tasklane}
release_app=target/app/tasklane-release
data=target/tmp/bench-data
out_dir=target/tmp/bench-app
mkdir -p "$data" "$out_dir"

builds=()
if [[ ${BENCH_APP_RELEASE:-0} != only ]]; then
  [[ -x $debug_app ]] || { echo "error: $debug_app is missing; run \`make app\` first" >&2; exit 1; }
  builds+=("debug=$(realpath "$debug_app")")
fi
if [[ ${BENCH_APP_RELEASE:-0} == 1 || ${BENCH_APP_RELEASE:-0} == only ]]; then
  if [[ ${BENCH_APP_BUILD:-1} != 0 ]]; then
    # Its own target folder: `cargo bench` and `cargo build --release` without the feature write
    # target/release/tasklane too (a dev-server build), and each would rebuild Tauri for the other.
    echo "==> release app (cargo build --release --features custom-protocol into target/bench-app; embeds dist/ from \`make app\`)"
    start=$SECONDS
    CARGO_TARGET_DIR=target/bench-app cargo build --release --locked -p tasklane --features custom-protocol
    install -D target/bench-app/release/tasklane "$release_app"
    echo "==> release build took $((SECONDS - start)) s"
  fi
  [[ -x $release_app ]] || { echo "error: $release_app is missing; run without BENCH_APP_BUILD=0" >&2; exit 1; }
  builds+=("release=$root/$release_app")
fi

# The 100k file is the one `make bench` seeds and caches; its name follows the generator's
# version and the number of migrations (src-tauri/benches/harness/fixture.rs).
migrations=$(find migration/src -maxdepth 1 -name 'm[0-9]*_*.rs' | wc -l)
generator=$(sed -n 's/^const GENERATOR_VERSION: u32 = \([0-9]*\);/\1/p' src-tauri/benches/harness/fixture.rs)
big=$data/tasklane-v$generator-100000t-50p-200g-10000b-100s-seed2026-m$migrations.db
if [[ ,${BENCH_APP_SIZES:-1k,100k}, == *,100k,* ]]; then
  if [[ ! -f $big && -f ${big%.db}.partial ]]; then
    echo "==> another \`make bench\` is seeding $big; waiting for it"
    for _ in $(seq 600); do [[ -f $big ]] && break; sleep 1; done
  fi
  if [[ ! -f $big ]]; then
    echo "==> $big is missing: seeding it with the database bench (cargo bench; builds in release)"
    cargo bench --locked -p tasklane --bench database
  fi
fi
# The 1k file is made through the app's own IPC on the first run and cached next to it.
small=$data/bench-app-v1-1000t-m$migrations.db

stamp=$(date -u +%Y%m%dT%H%M%SZ)
log=$out_dir/bench-app-$stamp.txt
# Measure copies, outside target/: `make app` (run by anyone, any time) replaces
# target/app/tasklane in place.
snapshot=$(mktemp -d "${TMPDIR:-/tmp}/tasklane-bench-app-XXXXXX")
trap 'rm -rf "$snapshot"' EXIT
for i in "${!builds[@]}"; do
  name=${builds[$i]%%=*}
  install -D "${builds[$i]#*=}" "$snapshot/$name/tasklane"
  touch -r "${builds[$i]#*=}" "$snapshot/$name/tasklane"
  builds[$i]="$name=$snapshot/$name/tasklane"
done
{
  echo "==> Tasklane app benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "    commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src src-tauri entity migration isolation || echo ' + uncommitted changes in the app sources')"
  echo "    $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "    WebKitGTK $(dpkg-query -W -f '${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo '?'), $(rustc --version)"
  for build in "${builds[@]}"; do
    echo "    ${build%%=*} app: built $(date -u -r "${build#*=}" '+%Y-%m-%d %H:%M:%S UTC') from the work tree then"
  done
  echo "    100k: $big"
  echo "    1k:   $small"
} | tee "$log"

TASKLANE_APP=${builds[0]#*=} TAURI_DRIVER=$root/.tools/bin/tauri-driver \
  BENCH_APP_BUILDS=$(IFS=,; echo "${builds[*]}") BENCH_APP_DB_1K=$root/$small BENCH_APP_DB_100K=$root/$big \
  BENCH_APP_OUT=$root/$out_dir/bench-app-$stamp.json \
  xvfb-run -a -s "-screen 0 1280x800x24" node e2e/bench/run.mjs 2>&1 | tee -a "$log"
echo "==> load average after: $(cut -d' ' -f1-3 /proc/loadavg); log $log, raw figures ${log%.txt}.json" | tee -a "$log"
