#!/usr/bin/env bash
# The discovery report as a table: every Home Assistant entity, one line each, grouped by
# its fate in native discovery (announced, hidden, dropped, unsupported), then the spoken
# names two endpoints share. Runs events/discovery-report.json through scripts/invoke.sh
# (against HOME_ASSISTANT_URL, or the demo Home Assistant when it is not set).
# Usage: scripts/discovery-report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
report=$(scripts/invoke.sh events/discovery-report.json 2>/dev/null) || {
  echo "discovery-report: the function failed; run scripts/invoke.sh events/discovery-report.json to see why" >&2
  exit 1
}
python3 - "$report" <<'PY'
import json, sys
report = json.loads(sys.argv[1])
rows = report["entities"]
for fate in ("announced", "hidden", "dropped", "unsupported"):
    group = [row for row in rows if row["fate"] == fate]
    if not group:
        continue
    print(f"{fate} ({len(group)})")
    for row in group:
        if fate == "announced":
            interfaces = ", ".join(i.replace("Alexa.", "") for i in row["interfaces"]
                                   if i not in ("Alexa", "Alexa.EndpointHealth"))
            print(f"  {row['entityId']:45} {row['name']!r:32} {row['category']:20} {interfaces}")
        else:
            print(f"  {row['entityId']:45} {row['reason']}")
    print()
conflicts = report["nameConflicts"]
print(f"name conflicts ({len(conflicts)})")
for conflict in conflicts:
    print(f"  {conflict['name']!r:32} {', '.join(conflict['entityIds'])}")
PY
