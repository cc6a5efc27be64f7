#!/usr/bin/env bash
# Runs one event through bootstrap under the local Lambda service (lambda-local).
# Usage: scripts/invoke.sh EVENT.json | -
# The reply (pretty JSON) goes to stdout, logs and START/END/REPORT lines to stderr;
# the exit status is non-zero when the function reports an error.
# Without HOME_ASSISTANT_URL it starts the embedded demo Home Assistant
# (scripts/demo-ha.sh; ~30 s the first time), leaves it running for the next invocations,
# and uses it with a minted token. Installs what it needs first (scripts/setup.sh).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: scripts/invoke.sh EVENT.json | -" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
event=$1
if [ "$event" != "-" ]; then
  [ -f "$event" ] || { echo "invoke: no event file '$event'" >&2; exit 2; }
  event=$(cd "$(dirname "$event")" && pwd)/$(basename "$event")
fi
cd "$root"
if [ -z "${HOME_ASSISTANT_URL:-}" ]; then
  scripts/setup.sh build demo
  if ! scripts/demo-ha.sh status >/dev/null 2>&1; then
    scripts/demo-ha.sh start
    echo "invoke: the demo Home Assistant ($(scripts/demo-ha.sh url)) is left running for the next invocations; stop it with scripts/demo-ha.sh stop" >&2
  fi
  HOME_ASSISTANT_URL=$(scripts/demo-ha.sh url)
  HOME_ASSISTANT_TOKEN=$(scripts/demo-ha.sh token)
  # The sample events carry no linked token: the demo's owner token stands in for the one
  # Alexa would link, and the skill samples come from this placeholder skill id.
  ALLOW_OWNER_TOKEN_FALLBACK=${ALLOW_OWNER_TOKEN_FALLBACK:-true}
  ALEXA_SKILL_ID=${ALEXA_SKILL_ID:-amzn1.ask.skill.00000000-0000-0000-0000-000000000000}
  export HOME_ASSISTANT_URL HOME_ASSISTANT_TOKEN ALLOW_OWNER_TOKEN_FALLBACK ALEXA_SKILL_ID
else
  scripts/setup.sh build
fi
swift build --product bootstrap >&2
swift build --product lambda-local >&2
bin=$(swift build --show-bin-path)
exec "$bin/lambda-local" invoke --pretty --bootstrap "$bin/bootstrap" "$event"
