#!/usr/bin/env bash
# The doctor: every check that tells why Alexa cannot reach the home, as a table, each
# failure with its one-line fix ({"action":"doctor"}, see README "Troubleshooting").
# Usage:
#   scripts/doctor.sh                                  runs the function here (lambda-local)
#                                                      with this shell's settings
#                                                      (HOME_ASSISTANT_URL, …; the demo
#                                                      Home Assistant when it is not set)
#   scripts/doctor.sh --function NAME [--region R]     asks the deployed function, with your
#                                                      AWS credentials (profiles, SSO, …)
# Exits 1 when a check failed. Installs what it needs first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then
  scripts/setup.sh deploy
  exec .tools/deploy/bin/python scripts/deploy/doctor.py "$@"
fi
scripts/invoke.sh events/doctor.json 2>/dev/null | python3 scripts/deploy/doctor.py
