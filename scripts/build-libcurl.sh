#!/usr/bin/env bash
# Builds the libcurl that ships in the deployment zip: Debian's curl source (with its
# security patches) configured for what this function uses — HTTP(S) over OpenSSL, with
# SigV4 — and nothing else. Debian's own libcurl pulls in ~30 libraries (GnuTLS via RTMP,
# Kerberos, LDAP, SSH, IDN, HTTP/2…) that cost ~3.7 MiB of resident memory per process.
# Prints the path of the built library. Idempotent: reuses .build-libcurl/ when present.
# Usage: scripts/build-libcurl.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/.build-libcurl
out=$work/install/lib/libcurl.so.4
log() { echo "build-libcurl: $*" >&2; }

if [ -f "$out" ]; then echo "$out"; exit 0; fi
mkdir -p "$work/src"
cd "$work/src"
if ! ls curl-*/configure >/dev/null 2>&1; then
  if ! apt-get source --help >/dev/null 2>&1 || ! grep -rqs "deb-src\|Types: deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    [ "$(id -u)" = 0 ] || { log "needs Debian source entries (deb-src) or root to add them"; exit 1; }
    log "adding Debian's source index"
    cat > /etc/apt/sources.list.d/lee-curl-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt-get update -qq
  fi
  command -v dpkg-source >/dev/null || apt-get install -y -qq dpkg-dev >/dev/null
  dpkg -s libssl-dev >/dev/null 2>&1 || apt-get install -y -qq libssl-dev zlib1g-dev >/dev/null
  log "fetching Debian's curl source"
  timeout 300 apt-get source -qq curl >/dev/null 2>&1
fi
cd "$(ls -d curl-*/ | head -1)"
log "configuring $(basename "$PWD") (HTTP and HTTPS over OpenSSL only)"
./configure -q --prefix="$work/install" --disable-static --enable-shared \
  --with-openssl --with-zlib \
  --without-libssh2 --without-librtmp --without-nghttp2 --without-libidn2 --without-libpsl \
  --without-brotli --without-zstd --without-gssapi --without-libgsasl \
  --disable-ldap --disable-ldaps --disable-rtsp --disable-dict --disable-telnet --disable-tftp \
  --disable-pop3 --disable-imap --disable-smb --disable-smtp --disable-gopher --disable-mqtt \
  --disable-ftp --disable-file --disable-manual --disable-ntlm \
  --without-ca-bundle --without-ca-path --with-ca-fallback >/dev/null
log "compiling"
make -s -j"$(nproc)" -C lib >/dev/null 2>&1
make -s -C lib install >/dev/null
[ -f "$out" ] || { log "no $out after the build"; exit 1; }
echo "$out"
