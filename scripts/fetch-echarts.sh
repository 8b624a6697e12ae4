#!/usr/bin/env bash
# Fetches Apache ECharts from the npm registry and vendors the minified bundle
# (plus its LICENSE) into src/PlanPulse/wwwroot/lib/echarts/. The result is
# committed so the app works offline; re-run this script only to update it.
#
# Usage: bash scripts/fetch-echarts.sh [VERSION]   (default: 6, i.e. latest 6.x)
set -euo pipefail

VERSION="${1:-6}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/src/PlanPulse/wwwroot/lib/echarts"

command -v npm >/dev/null 2>&1 || { echo "fetch-echarts: npm is required" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
TARBALL="$(npm pack --silent "echarts@$VERSION" | tail -n 1)"
tar -xzf "$TARBALL"

test -s package/dist/echarts.min.js || { echo "fetch-echarts: dist/echarts.min.js missing in $TARBALL" >&2; exit 1; }
test -s package/LICENSE || { echo "fetch-echarts: LICENSE missing in $TARBALL" >&2; exit 1; }

RESOLVED="$(node -p "require('./package/package.json').version" 2>/dev/null || echo "$VERSION")"

mkdir -p "$DEST"
cp package/dist/echarts.min.js "$DEST/echarts.min.js"
cp package/LICENSE "$DEST/LICENSE"

echo "fetch-echarts: echarts $RESOLVED -> ${DEST#"$ROOT"/} ($(wc -c <"$DEST/echarts.min.js") bytes)"
