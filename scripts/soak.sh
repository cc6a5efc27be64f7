#!/usr/bin/env bash
# Soak: INVOCATIONS (default 100,000) mixed invocations — ping, ReportState, TurnOn —
# in one runtime (the packaged bootstrap, with its bundled libcurl) against the demo Home
# Assistant, sampling the runtime's resident memory and open file descriptors. Prints the
# curve and the growth after warm-up, and fails unless RSS grew ≤ 1 MiB, descriptors not at
# all, and every invocation was answered without an error.
# Usage: scripts/soak.sh [INVOCATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh package demo
invocations=${1:-100000}
scripts/package.sh >/dev/null
swift build -c release --product lambda-local >&2
if ! scripts/demo-ha.sh status >/dev/null 2>&1; then
  scripts/demo-ha.sh start
  trap 'scripts/demo-ha.sh stop' EXIT
fi
# The sample events carry no linked token: the demo's owner token stands in (opt-in).
figures=$(HOME_ASSISTANT_URL="$(scripts/demo-ha.sh url)" HOME_ASSISTANT_TOKEN="$(scripts/demo-ha.sh token)" \
  ALLOW_OWNER_TOKEN_FALLBACK=true \
  .build/release/lambda-local soak --bootstrap dist/stage/bootstrap --invocations "$invocations" \
  events/ping.json events/report-state.json events/turn-on.json)
python3 - "$figures" <<'PY'
import json, sys
soak = json.loads(sys.argv[1])
print(f"soak: {soak['invocations']} invocations in {soak['seconds']:.0f} s "
      f"(ping, ReportState, TurnOn against the demo Home Assistant)")
print(f"{'after':>10} {'RSS (MiB)':>10} {'descriptors':>12}")
for point in soak["curve"]:
    print(f"{point['invocations']:>10} {point['rssMiB']:>10.2f} {point['descriptors']:>12}")
print(f"RSS growth after warm-up: {soak['rssGrowthAfterWarmUpMiB']:.2f} MiB (target <= 1); "
      f"descriptor growth: {soak['descriptorGrowth']} (target 0)")
print(f"function errors: {soak['functionErrors']}, Alexa error replies: {soak['alexaErrors']}, "
      f"runtime restarts: {soak['restarts']}")
failed = (soak["rssGrowthAfterWarmUpMiB"] > 1 or soak["descriptorGrowth"] > 0
          or soak["functionErrors"] or soak["alexaErrors"] or soak["restarts"])
sys.exit(1 if failed else 0)
PY
