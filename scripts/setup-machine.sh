#!/usr/bin/env bash
# Installs the Debian packages the PlanPulse tests need, only when missing.
# Idempotent: when everything is already present it never touches apt, so
# repeated runs take well under a second. Must run as root (as CI does).
#
#   chromium                         Playwright browser tests (/usr/bin/chromium)
#   fonts-noto-cjk fonts-wqy-microhei  Chinese glyphs in browser / PDF / ScottPlot
#   poppler-utils                    pdftotext / pdftoppm for PDF checks
#   postgresql                       server binaries for scripts/with-postgres.sh
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

missing=()

has_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

# chromium: the binary Playwright is pointed at.
{ [ -x /usr/bin/chromium ] && has_pkg chromium; } || missing+=(chromium)
# fonts: only the packages tell us.
has_pkg fonts-noto-cjk     || missing+=(fonts-noto-cjk)
has_pkg fonts-wqy-microhei || missing+=(fonts-wqy-microhei)
# poppler-utils: pdftotext / pdftoppm.
{ command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; } || missing+=(poppler-utils)
# postgresql: server binaries (initdb, pg_ctl, postgres) plus the psql client.
pg_ok=false
for d in /usr/lib/postgresql/*/bin; do
  if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then pg_ok=true; fi
done
{ $pg_ok && command -v psql >/dev/null 2>&1; } || missing+=(postgresql)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup-machine: all required packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-machine: missing packages (${missing[*]}) and not root; install them as root" >&2
  exit 1
fi

# Another apt/dpkg (e.g. an image's background install) may hold the lock:
# wait for it instead of failing.
wait_for_dpkg_lock() {
  local waited=0
  while pgrep -x apt-get >/dev/null 2>&1 || pgrep -x apt >/dev/null 2>&1 || pgrep -x dpkg >/dev/null 2>&1; do
    if [ "$waited" -eq 0 ]; then echo "setup-machine: waiting for another apt/dpkg to finish..."; fi
    sleep 3; waited=$((waited + 3))
    if [ "$waited" -ge 900 ]; then echo "setup-machine: apt/dpkg still busy after ${waited}s" >&2; return 1; fi
  done
}

echo "setup-machine: installing ${missing[*]}"
wait_for_dpkg_lock
apt-get update -qq
wait_for_dpkg_lock
apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
echo "setup-machine: done"
