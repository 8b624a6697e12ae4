#!/usr/bin/env bash
# Renders Word files to PDF and PNG pages, to look at what PlanPulse generates as a reader would.
#
#   bash scripts/render-docx.sh OUT_DIR FILE.docx [FILE.docx ...]
#
# Needs LibreOffice (libreoffice-writer-nogui) and poppler-utils; installs them when run as root and missing.
# Writes OUT_DIR/NAME.pdf and OUT_DIR/NAME-01.png, NAME-02.png... (72 dpi), and prints each PDF's page count
# and embedded fonts, so a missing CJK font (tofu) shows up as a font substitution in the list.
set -euo pipefail
[ "$#" -ge 2 ] || { echo "usage: $0 OUT_DIR FILE.docx..." >&2; exit 2; }
out=$1; shift
if ! command -v libreoffice >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { echo "render-docx: LibreOffice missing; install libreoffice-writer-nogui as root" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui poppler-utils >/dev/null
fi
mkdir -p "$out"
for f in "$@"; do
  name=$(basename "${f%.*}")
  timeout 300 libreoffice --headless --convert-to pdf --outdir "$out" "$f" >/dev/null 2>&1 \
    || { echo "render-docx: LibreOffice could not convert $f" >&2; exit 1; }
  pdftoppm -r 72 -png "$out/$name.pdf" "$out/$name"
  echo "$f: $(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ {print $2}') pages, $(pdfinfo "$out/$name.pdf" | awk -F': *' '/^Page size:/ {print $2}')"
  pdffonts "$out/$name.pdf" | awk 'NR > 2 {print "  font: " $1}' | sort -u
done
