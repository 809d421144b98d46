#!/usr/bin/env bash
# Run the whole test suite on a fresh machine: installs what it needs first
# (the package with its test extras, Debian's Chromium, the npm tools the
# browser tests use), then runs pytest. Exit status is pytest's, except that
# "no tests collected" (pytest's 5) is a failure too.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'

if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# axe-core and the Nu Html Checker, pinned in tests/tools/package.json.
if [ ! -d tests/tools/node_modules ]; then
  (cd tests/tools && npm ci --no-audit --no-fund --silent)
fi

set +e
python3 -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "error: pytest collected no tests" >&2
  exit 1
fi
exit "$status"
