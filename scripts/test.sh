#!/usr/bin/env bash
# The project's test command: every Swift test, unit and end-to-end, plus the deployment
# checks. It builds the deployment zip (scripts/package.sh) for the package tests and
# validates template.yaml (scripts/check-template.sh). The end-to-end suites run the real
# bootstrap under lambda-local against the demo Home Assistant, which this starts (and
# stops afterwards, if it was not already running), directly and through the home link. Then a short soak and a short fuzz
# run keep those tools working (scripts/soak.sh and scripts/fuzz.sh run the full sizes).
# It installs what it needs first (scripts/setup.sh test), so a fresh clone needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export LEE_TEST_PYTHON=$PWD/.tools/test/bin/python
swift build --build-tests
LEE_PACKAGE_ZIP=$PWD/$(scripts/package.sh dist/lee-swift.zip)
export LEE_PACKAGE_ZIP
scripts/check-template.sh
if ! scripts/demo-ha.sh status >/dev/null 2>&1; then
  scripts/demo-ha.sh start
  trap 'scripts/demo-ha.sh stop' EXIT
fi
LEE_DEMO_HA_URL=$(scripts/demo-ha.sh url)
LEE_DEMO_HA_TOKEN=$(scripts/demo-ha.sh token)
{ read -r LEE_DEMO_PUSH_URL; read -r LEE_DEMO_PUSH_SECRET; } < <(scripts/demo-ha.sh push)
export LEE_DEMO_HA_URL LEE_DEMO_HA_TOKEN LEE_DEMO_PUSH_URL LEE_DEMO_PUSH_SECRET
swift test --skip-build
# The Smart Home and custom-skill suites again, through the home link: the function with no
# Home Assistant setting, lee-bridge reaching the demo, SQS from moto's server.
LEE_THROUGH_HOME_LINK=1 swift test --skip-build --filter 'DemoHomeAssistantTests|DemoSkillTests'
scripts/soak.sh "${SOAK_INVOCATIONS:-5000}"
scripts/fuzz.sh "${FUZZ_RUNS:-20000}"
