#!/usr/bin/env bash
# The prerequisites step that every entry point runs first (invoke.sh, test.sh, bench.sh,
# package.sh): checks what a purpose needs, cheaply, and installs only what is missing.
# Debian packages come from apt-get when running as root (one `apt-get update` first);
# otherwise it prints the exact `sudo apt-get install …` line and fails. Test-only Python
# packages go into the project's own virtual environment, .tools/test, never into the
# system's or the user's Python. Idempotent; well under a second when all is there.
#
# Usage: scripts/setup.sh build|demo|package|test|bench ...
#   build    compile the Swift package (libcurl's headers for CCurl)
#   demo     run the demo Home Assistant (python3 that can make virtual environments, curl)
#   package  build the deployment zip (zip, objdump, strip, Debian's source tools, OpenSSL and
#            zlib headers for the bundled libcurl)
#   test     all of the above, unzip, and the test-only Python in .tools/test
#   bench    build, package, demo, a C compiler for the C floor, valgrind for instruction
#            counts, and the test-only Python (moto's SQS for the home link's figures)
#   deploy   the setup command's and the doctor's Python (boto3) in .tools/deploy
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
test_venv=$root/.tools/test
test_requirements=$root/scripts/test-requirements.txt

debian=()  # missing Debian packages
reasons=() # why, one word each
want() { debian+=("$1"); reasons+=("$2"); }
header() { [ -f "/usr/include/$1" ] || [ -f "/usr/include/$(uname -m)-linux-gnu/$1" ]; }

check_build() {
  header curl/curl.h || want libcurl4-openssl-dev "libcurl-headers"
}
check_demo() {
  command -v curl >/dev/null || want curl "demo-readiness-checks"
  if ! command -v python3 >/dev/null; then
    want python3 "demo-Home-Assistant" && want python3-venv "virtual-environments"
  elif ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    want python3-venv "virtual-environments"
  fi
}
check_package() {
  command -v zip >/dev/null || want zip "deployment-zip"
  command -v objdump >/dev/null && command -v strip >/dev/null || want binutils "glibc-check-and-strip"
  command -v dpkg-source >/dev/null || want dpkg-dev "Debian's-curl-source"
  header openssl/ssl.h || want libssl-dev "bundled-libcurl"
  header zlib.h || want zlib1g-dev "bundled-libcurl"
}
check_test() {
  command -v unzip >/dev/null || want unzip "package-tests"
}
check_bench() {
  command -v cc >/dev/null || want gcc "C-floor"
  command -v valgrind >/dev/null || want valgrind "instruction-counts"
}

install_debian() {
  [ ${#debian[@]} -gt 0 ] || return 0
  # Unique, in order of first mention.
  local packages; packages=$(printf '%s\n' "${debian[@]}" | awk '!seen[$0]++' | paste -sd' ')
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing Debian packages; run: sudo apt-get install -y $packages" >&2
    exit 1
  fi
  echo "setup: installing $packages (for: $(printf '%s\n' "${reasons[@]}" | awk '!seen[$0]++' | paste -sd, | tr - ' '))" >&2
  local log; log=$(mktemp)
  # shellcheck disable=SC2086
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages; } >"$log" 2>&1; then
    tail -20 "$log" >&2; rm -f "$log"
    echo "setup: apt-get could not install $packages" >&2
    exit 1
  fi
  rm -f "$log"
}

# A virtual environment is current when it holds a copy of the requirements it was made from.
install_venv() { # DIR REQUIREMENTS WHY
  local venv=$1 requirements=$2
  if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$venv/requirements.txt"; then
    return
  fi
  echo "setup: installing $(grep -v '^#' "$requirements" | paste -sd' ') into ${venv#"$root"/} ($3)" >&2
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
  timeout 600 "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$venv/requirements.txt"
}

[ $# -gt 0 ] || { sed -n 9,17p "$0" >&2; exit 2; }
python=false
deploy=false
for purpose in "$@"; do
  case $purpose in
    build) check_build ;;
    demo) check_demo ;;
    package) check_build; check_package ;;
    test) check_build; check_demo; check_package; check_test; python=true ;;
    bench) check_build; check_demo; check_package; check_bench; python=true ;;
    deploy) check_demo; deploy=true ;;
    *) echo "setup: unknown purpose '$purpose' (build, demo, package, test, bench or deploy)" >&2; exit 2 ;;
  esac
done
install_debian
if $python; then
  install_venv "$test_venv" "$test_requirements" "schema validation and test fakes"
fi
if $deploy; then
  install_venv "$root/.tools/deploy" "$root/scripts/deploy/requirements.txt" "the setup command"
fi
