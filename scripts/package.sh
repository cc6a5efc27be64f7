#!/usr/bin/env bash
# Builds the deployment zip: release, static Swift stdlib, stripped, `bootstrap` at the root.
# Usage: scripts/package.sh [OUT.zip]   (default dist/lee-swift.zip)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist/lee-swift.zip}
mkdir -p "$(dirname "$out")" dist/stage
swift build -c release --static-swift-stdlib --product bootstrap >&2
cp .build/release/bootstrap dist/stage/bootstrap
strip dist/stage/bootstrap
chmod 755 dist/stage/bootstrap
rm -f "$out"
(cd dist/stage && zip -q -9 -X "$OLDPWD/$out" bootstrap)
echo "$out"
