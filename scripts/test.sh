#!/usr/bin/env bash
# The project's test command: every Swift test (unit and end-to-end through lambda-local).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build
