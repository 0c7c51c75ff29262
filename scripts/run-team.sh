#!/usr/bin/env bash
# `make run-team`: two Tasklane instances on one throwaway PostgreSQL server (started by
# scripts/pg-server.sh, which sets TASKLANE_TEST_PG_URL), as two people on two machines would run
# it. Each instance has its own app-data folder. A change made in one window appears in the other.
# Closing both windows stops the server and removes its data and the instances' folders.
set -euo pipefail

app=${1:?usage: scripts/run-team.sh APP_BINARY}
: "${TASKLANE_TEST_PG_URL:?run through scripts/pg-server.sh run DIR -- scripts/run-team.sh APP}"
people=(ana ravi)
pids=()
homes=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  rm -rf "${homes[@]}"
}
trap cleanup EXIT INT TERM
for person in "${people[@]}"; do
  home=$(mktemp -d "/tmp/tasklane-team-$person.XXXXXX")
  homes+=("$home")
  echo "==> starting Tasklane for $person (its own app data in $home) on $TASKLANE_TEST_PG_URL"
  # A separate home gives each instance its own app-data and config folders, like another machine.
  HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config \
    TASKLANE_DB_URL=$TASKLANE_TEST_PG_URL "$app" &
  pids+=($!)
done
echo "==> make a change in one window and watch it appear in the other; close both windows to stop"
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
exit "$status"
