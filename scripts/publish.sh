#!/usr/bin/env bash
# Builds the one file a district's IT office installs:
#
#   bash scripts/publish.sh linux-x64      # or linux-arm64 (信创 ARM servers)
#
# writes dist/<rid>/planpulse: a single self-contained executable (the .NET runtime, ASP.NET Core, the
# native SQLite and SkiaSharp libraries and the web assets inside), which runs `serve`, `demo` and every CLI
# command on a machine without the .NET SDK. Not trimmed: EF Core, Razor Pages and System.Text.Json rely on
# reflection, and trimming them is not proven safe; compression of the bundle keeps the file smaller instead.
set -euo pipefail

rid=${1:-linux-x64}
case "$rid" in
  linux-x64|linux-arm64) ;;
  *) echo "publish.sh: unsupported runtime '$rid' (linux-x64 or linux-arm64)" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/dist/$rid"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

rm -rf "$out"
dotnet publish "$root/src/PlanPulse/PlanPulse.csproj" -c Release -r "$rid" -o "$out" -nodeReuse:false \
  -p:SelfContained=true \
  -p:PublishSingleFile=true \
  -p:IncludeNativeLibrariesForSelfExtract=true \
  -p:EnableCompressionInSingleFile=true \
  -p:DebugType=none \
  -p:GenerateDocumentationFile=false

# One file is the product; anything else the SDK leaves beside it (none expected) is reported, not shipped silently.
extra=$(find "$out" -mindepth 1 -not -name planpulse | sed "s#^$out/##")
if [ -n "$extra" ]; then
  echo "publish.sh: unexpected files beside the executable:" >&2
  echo "$extra" >&2
  exit 1
fi
echo "publish.sh: $out/planpulse ($(du -h "$out/planpulse" | cut -f1))"
