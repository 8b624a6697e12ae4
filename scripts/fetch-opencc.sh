#!/usr/bin/env bash
# Refreshes the OpenCC traditional→simplified dictionaries (Apache-2.0) embedded in PlanPulse.Domain.
# They are committed so builds work offline; this is how they were obtained.
set -euo pipefail
ver=${1:-1.4.2}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "opencc@$ver" >/dev/null && tar xzf "opencc-$ver.tgz")
dest="$root/src/PlanPulse.Domain/Text/OpenCC"
cp "$tmp/package/data/dictionary/TSCharacters.txt" "$tmp/package/data/dictionary/TSPhrases.txt" "$dest/"
cp "$tmp/package/LICENSE" "$dest/LICENSE"
echo "OpenCC $ver dictionaries copied to $dest"
