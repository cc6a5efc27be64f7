#!/usr/bin/env bash
# Builds the deployment zip: release build, static Swift stdlib, stripped, `bootstrap` at
# the zip root, and under lib/ the libcurl it loads (built lean by build-libcurl.sh) with
# the libraries that libcurl needs beyond glibc. Checks the glibc symbol versions of
# everything in the zip against the target runtime and fails with a clear message when
# they are too new.
#
# Usage: scripts/package.sh [--ca-bundle PEM] [OUT.zip]
#   (default dist/lee-swift.zip; prints the zip's path)
#   --ca-bundle adds PEM as ca/home-assistant.pem: set HOME_ASSISTANT_CA_BUNDLE to
#   /var/task/ca/home-assistant.pem for a Home Assistant with a self-signed certificate.
#
# The target is Lambda's provided.al2023 (glibc 2.34, libstdc++ of GCC 11): provided.al2
# is deprecated since 2026-07-31, and AWS blocks creating functions on it from 2027-02-01
# and updating them from 2027-03-03. bootstrap loads lib/'s libraries by path before
# libcurl (Sources/CCurl/curl_loader.c), so they, not the runtime image's, are what runs.
# Installs what it needs first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh package
out=dist/lee-swift.zip
ca_bundle=
while [ $# -gt 0 ]; do
  case "$1" in
    --ca-bundle) ca_bundle=$2; shift 2 ;;
    -h|--help) sed -n 2,14p "$0"; exit 0 ;;
    *) out=$1; shift ;;
  esac
done
runtime=provided.al2023 glibc_limit=2.34 glibcxx_limit=3.4.29
log() { echo "package: $*" >&2; }

stage=dist/stage
rm -rf "$stage"
mkdir -p "$(dirname "$out")" "$stage/lib"
# Function sections, and the functions a cold start and the common events run linked
# first, together (scripts/order-file.sh writes the list): fewer 64 KiB windows of code.
swift build -c release --static-swift-stdlib --product bootstrap \
  -Xswiftc -Xfrontend -Xswiftc -function-sections \
  -Xlinker --section-ordering-file="$PWD/scripts/bootstrap.order" >&2
install -m 755 .build/release/bootstrap "$stage/bootstrap"
strip "$stage/bootstrap"

# libcurl and what it links beyond glibc (OpenSSL, zlib), resolved on this machine.
libcurl=$(scripts/build-libcurl.sh)
install -m 755 "$libcurl" "$stage/lib/libcurl.so.4"
glibc_own='^(libc|libm|libdl|libpthread|librt|libresolv|ld-linux[^ ]*)\.so'
ldd "$libcurl" | awk '/=> \// { print $1, $3 }' | while read -r name path; do
  [[ $name =~ $glibc_own ]] && continue
  install -m 755 "$(readlink -f "$path")" "$stage/lib/$name"
done
strip --strip-unneeded "$stage"/lib/*.so*

# The newest glibc symbol version anything in the zip needs, against the runtime's glibc.
newest=$(for file in "$stage/bootstrap" "$stage"/lib/*; do objdump -T "$file"; done \
  | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
log "glibc needed: $newest (by $(for file in "$stage/bootstrap" "$stage"/lib/*; do
  objdump -T "$file" | grep "GLIBC_$newest" >/dev/null && basename "$file"; done | paste -sd, -)); $runtime has $glibc_limit"
newest_cxx=$(objdump -T "$stage/bootstrap" | grep -o 'GLIBCXX_[0-9][0-9.]*' | sed 's/GLIBCXX_//' | sort -uV | tail -1)
log "libstdc++ needed: ${newest_cxx:-none}; $runtime has $glibcxx_limit"
newer() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -1)" != "$2" ]; }
if newer "${newest_cxx:-0}" "$glibcxx_limit"; then
  log "bootstrap needs libstdc++ symbols GLIBCXX_$newest_cxx, newer than $runtime's ($glibcxx_limit)"
  exit 1
fi
if newer "$newest" "$glibc_limit"; then
  log "this build needs glibc $newest but $runtime has $glibc_limit."
  log "build on a distribution with glibc <= $glibc_limit (Debian 12 and Amazon Linux 2023 qualify)"
  exit 1
fi

contents=(bootstrap lib)
if [ -n "$ca_bundle" ]; then
  grep -q "BEGIN CERTIFICATE" "$ca_bundle" || { log "$ca_bundle holds no PEM certificate"; exit 1; }
  install -D -m 644 "$ca_bundle" "$stage/ca/home-assistant.pem"
  contents+=(ca)
fi
rm -f "$out"
(cd "$stage" && zip -q -9 -X -r "$OLDPWD/$out" "${contents[@]}")
echo "$out"
