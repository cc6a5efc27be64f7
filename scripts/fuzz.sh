#!/usr/bin/env bash
# libFuzzer over the three fuzz targets in Fuzz/ (event classification, directive decoding
# and planning, Home Assistant state decoding), with AddressSanitizer, seeded from Amazon's
# sample directives, events/ and the demo Home Assistant's states. RUNS inputs per target
# (default 1,000,000). A crash stops the run and leaves its input in .build-fuzz/crashes/.
# Leak checking is off: LeakSanitizer reports the tables Swift builds once, on first use,
# as leaks; growth per input is what matters, and scripts/soak.sh measures that.
# Usage: scripts/fuzz.sh [RUNS] [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
runs=${1:-1000000}
shift || true
targets=("${@:-FuzzEvents}")
[ $# -gt 0 ] || targets=(FuzzEvents FuzzDirectives FuzzStates)
fuzzer=$(find "$(dirname "$(command -v swiftc)")/../lib/clang" -name 'libclang_rt.fuzzer_no_main-x86_64.a' | head -1)
[ -n "$fuzzer" ] || { echo "fuzz: the toolchain has no libclang_rt.fuzzer_no_main" >&2; exit 1; }
(cd Fuzz && swift build -c debug -Xswiftc -sanitize=address \
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
  -Xlinker "$fuzzer" -Xlinker -lstdc++ >&2)
work=$PWD/.build-fuzz
mkdir -p "$work/crashes"
for target in "${targets[@]}"; do
  corpus=$work/corpus/$target
  mkdir -p "$corpus"
  case $target in
    FuzzStates) seeds=(Fuzz/seeds/states) ;;
    *) seeds=(Fuzz/seeds/alexa-samples events) ;;
  esac
  echo "fuzz: $target, $runs inputs" >&2
  ASAN_OPTIONS=detect_leaks=0 Fuzz/.build/debug/"$target" -runs="$runs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
    -artifact_prefix="$work/crashes/$target-" -print_final_stats=1 "$corpus" "${seeds[@]}" \
    2> "$work/$target.log" || { tail -40 "$work/$target.log" >&2; echo "fuzz: $target crashed" >&2; exit 1; }
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^Done" "$work/$target.log" | sed "s/^/$target: /"
done
