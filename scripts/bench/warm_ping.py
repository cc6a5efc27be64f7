#!/usr/bin/env python3
"""The warm ping beside the C floor, measured two ways (for scripts/bench.sh):

  warm_ping.py LAMBDA_LOCAL LEE_BOOTSTRAP FLOOR_BOOTSTRAP WARM PAIRS

- CPU per warm ping (all the runtime's threads, schedstat, as `lambda-local bench` reads
  it): the two runtimes take turns, one round of WARM pings each, PAIRS times, so a shared
  machine whose speed drifts slows both alike; the figure is the median of each pair's
  ratio, with the medians of each side.
- Instructions per warm ping (valgrind's callgrind, user space, all the process's code):
  steady where CPU time is not. Each runtime runs 1,000 and then 6,000 pings under
  callgrind; the difference over 5,000 leaves out start-up. The wrapper leaves valgrind
  running when lambda-local kills it, so the runtime exits when the Runtime API goes away
  and callgrind writes its counts.

Prints one JSON object."""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

lambda_local, lee, floor, warm, pairs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
event = "events/ping.json"


def bench(bootstrap, pings):
    # The runtime's log lines go nowhere, as in bench.sh's other runs (a reader that is
    # slow to take them would cost the runtime more than its own work).
    out = subprocess.run([lambda_local, "bench", "--bootstrap", bootstrap, "--cold", "1",
                          "--warm", str(pings), "--rounds", "1", event],
                         check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         text=True).stdout
    return json.loads(out)["warmCpuMicroseconds"]


def instructions(bootstrap, pings, directory):
    out = os.path.join(directory, f"callgrind-{os.path.basename(bootstrap)}-{pings}.out")
    wrapper = os.path.join(directory, "under-callgrind.sh")
    with open(wrapper, "w") as f:
        f.write('#!/bin/sh\nvalgrind --tool=callgrind --callgrind-out-file="$CG_OUT" '
                '--dump-instr=no "$CG_BIN" 2>/dev/null &\nwait\n')
    os.chmod(wrapper, 0o755)
    subprocess.run([lambda_local, "bench", "--bootstrap", wrapper, "--cold", "1", "--warm",
                    str(pings), "--rounds", "1", event], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL,
                   env={**os.environ, "CG_OUT": out, "CG_BIN": bootstrap})
    for _ in range(60):
        if os.path.exists(out) and os.path.getsize(out) > 0:
            break
        time.sleep(0.5)
    time.sleep(1)
    with open(out) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    raise SystemExit(f"warm_ping: no callgrind totals in {out}")


def per_ping(bootstrap, directory):
    if subprocess.run(["sh", "-c", "command -v valgrind"], capture_output=True).returncode:
        return None
    few, many = instructions(bootstrap, 1000, directory), instructions(bootstrap, 6000, directory)
    return (many - few) / 5000


lee_cpu, floor_cpu, ratios = [], [], []
for _ in range(pairs):
    f, l = bench(floor, warm), bench(lee, warm)
    floor_cpu.append(f)
    lee_cpu.append(l)
    ratios.append(l / f)
with tempfile.TemporaryDirectory() as directory:
    stripped = os.path.join(directory, "bootstrap")
    # callgrind cannot read Swift 6.3's debug information: count a copy without it.
    subprocess.run(["strip", "--strip-debug", "-o", stripped, lee], check=True)
    lee_instructions, floor_instructions = per_ping(stripped, directory), per_ping(floor, directory)
print(json.dumps({
    "pairs": pairs, "warm": warm,
    "leeCpuMicroseconds": statistics.median(lee_cpu),
    "floorCpuMicroseconds": statistics.median(floor_cpu),
    "medianRatio": statistics.median(ratios), "ratios": ratios,
    "leeCpuMinimum": min(lee_cpu), "floorCpuMinimum": min(floor_cpu),
    "leeInstructions": lee_instructions, "floorInstructions": floor_instructions,
}))
