#!/usr/bin/env bash
# Writes scripts/bootstrap.order: the functions a cold start and the common events run,
# which scripts/package.sh links first, together (gold's --section-ordering-file over
# function sections; the static Swift runtime has them too). The kernel maps the
# executable's code in 64 KiB windows around each page fault, so code that runs together
# and sits together is fewer windows: a ping's peak RSS fell from 8.2 to 7.3 MiB.
# A stale list only costs memory (functions it no longer names are linked as usual), so
# rerun this after large changes. Needs valgrind (callgrind) and the demo Home Assistant.
# Usage: scripts/order-file.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "order-file: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
scripts/setup.sh build demo
swift build -c release --static-swift-stdlib --product bootstrap --product lambda-local \
  -Xswiftc -Xfrontend -Xswiftc -function-sections >&2
work=$(mktemp -d)
trap 'kill "$serve" 2>/dev/null || true; rm -rf "$work"' EXIT
# valgrind cannot read the debug info of a static Swift binary; the symbols are enough.
objcopy --strip-debug .build/release/bootstrap "$work/bootstrap"
cat > "$work/traced" <<TRACED
#!/bin/sh
exec valgrind -q --tool=callgrind --demangle=no --callgrind-out-file=$work/callgrind.out "$work/bootstrap"
TRACED
chmod +x "$work/traced"
scripts/demo-ha.sh start
env HOME_ASSISTANT_URL="$(scripts/demo-ha.sh url)" HOME_ASSISTANT_TOKEN="$(scripts/demo-ha.sh token)" \
  ALLOW_OWNER_TOKEN_FALLBACK=true ALEXA_SKILL_ID=amzn1.ask.skill.00000000-0000-0000-0000-000000000000 \
  .build/release/lambda-local serve --bootstrap "$work/traced" --timeout 60 --port 9911 \
  --invoke-port 9912 2>/dev/null &
serve=$!
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/9912) 2>/dev/null && break; sleep 0.2; done
for event in ping ping turn-on set-brightness report-state discover skill-launch skill-turn-on skill-help ping; do
  curl -s -m 60 -o /dev/null -d @"events/$event.json" http://127.0.0.1:9912/2015-03-31/functions/function/invocations
done
callgrind_control -d "$(pgrep -f "callgrind.*$work/bootstrap" | head -1)" >/dev/null 2>&1
sleep 1
python3 - "$work" > scripts/bootstrap.order <<'PY'
import glob, re, subprocess, sys
work = sys.argv[1]
symbols = set()
for line in subprocess.run(["nm", f"{work}/bootstrap"], capture_output=True, text=True).stdout.splitlines():
    parts = line.split()
    if len(parts) == 3 and parts[1] in "tTwW":
        symbols.add(parts[2])
seen = []
for path in sorted(glob.glob(f"{work}/callgrind.out*")):
    for line in open(path, errors="replace"):
        match = re.match(r"^c?fn=\(\d+\) (.+)$", line.rstrip("\n"))
        if match and match.group(1) in symbols and match.group(1) not in seen:
            seen.append(match.group(1))
print("".join(f".text.{name}\n" for name in seen), end="")
PY
echo "order-file: $(wc -l < scripts/bootstrap.order) functions in scripts/bootstrap.order" >&2
