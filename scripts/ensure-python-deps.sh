#!/usr/bin/env bash
# Creates .tools/venv with the Python parsers that read Tasklane's exports in tests/verifiers.rs
# (readers that did not write the files), once; pinned, so a new release cannot change a test.
set -euo pipefail
requirements=(icalendar==7.3.0 pytodotxt==3.1.0)
venv="$(cd "$(dirname "$0")/.." && pwd)/.tools/venv"
installed() {
  "$venv/bin/python" -c 'import sys, importlib.metadata as m
sys.exit(any(m.version(name) != version for name, version in (r.split("==") for r in sys.argv[1:])))' "$@"
}
if [[ -x "$venv/bin/python" ]] && installed "${requirements[@]}" 2>/dev/null; then
  echo "==> Python parsers (${requirements[*]}): present"
else
  echo "==> Python parsers (${requirements[*]}): pip install into .tools/venv"
  # Debian's python3 (python3-venv): a python3 earlier on PATH (pyenv) may lack venv or ensurepip.
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${requirements[@]}"
fi
