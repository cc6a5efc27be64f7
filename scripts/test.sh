#!/usr/bin/env bash
# The project's test command: every Swift test, unit and end-to-end. The end-to-end
# suites run the real bootstrap under lambda-local against the demo Home Assistant,
# which this starts (and stops afterwards, if it was not already running).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
if ! scripts/demo-ha.sh status >/dev/null 2>&1; then
  scripts/demo-ha.sh start
  trap 'scripts/demo-ha.sh stop' EXIT
fi
LEE_DEMO_HA_URL=$(scripts/demo-ha.sh url)
LEE_DEMO_HA_TOKEN=$(scripts/demo-ha.sh token)
export LEE_DEMO_HA_URL LEE_DEMO_HA_TOKEN
swift test --skip-build
