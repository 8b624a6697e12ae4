#!/usr/bin/env bash
# PlanPulse's single test command:   bash scripts/test.sh
#
# 1. scripts/setup-machine.sh  (installs chromium, CJK fonts, poppler, postgresql if missing)
# 2. dotnet build PlanPulse.slnx -c Release   (once)
# 3. under scripts/with-postgres.sh (private PostgreSQL, PLANPULSE_TEST_POSTGRES set):
#    dotnet test --no-build -c Release for each test project, with a trx logger;
#    a failing project does not stop the others.
# 4. prints per-project counts and, as the very last line,
#    "N passed, N failed, N skipped" (totals over all test projects).
#
# Exit code: non-zero if the build failed, any test failed, any project failed
# to run, PostgreSQL could not start, or no test ran at all.
# trx files are kept in TestResults/ (git-ignored) for inspection.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild worker nodes left running after the script ends (they can keep
# the caller's stdout pipe open); compiler servers are shut down at the end.
export MSBUILDDISABLENODEREUSE=1
export PLAYWRIGHT_CHROMIUM=/usr/bin/chromium

PROJECTS=(
  tests/PlanPulse.Domain.Tests
  tests/PlanPulse.App.Tests
  tests/PlanPulse.Web.Tests
)
RESULTS="$ROOT/TestResults/test-sh"

START=$(date +%s)
summary_line() { echo "$1 passed, $2 failed, $3 skipped"; }
shutdown_build_servers() { dotnet build-server shutdown >/dev/null 2>&1 || true; }

echo "== setup-machine"
if ! bash scripts/setup-machine.sh; then
  echo "test.sh: setup-machine.sh failed"
  summary_line 0 0 0
  exit 1
fi

echo "== dotnet build PlanPulse.slnx -c Release"
if ! dotnet build PlanPulse.slnx -c Release -nodeReuse:false; then
  shutdown_build_servers
  echo "test.sh: BUILD FAILED, no tests were run"
  summary_line 0 0 0
  exit 1
fi
shutdown_build_servers

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# Runs inside with-postgres.sh: one dotnet test per project, keep going on failure.
run_all_tests() {
  local proj name rc
  for proj in "$@"; do
    name="$(basename "$proj")"
    echo "== dotnet test $proj"
    dotnet test "$proj" --no-build -c Release \
      --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
      --blame-hang-timeout 10m --blame-hang-dump-type none
    rc=$?
    echo "$rc" >"$RESULTS/$name.exit"
  done
  return 0
}
export -f run_all_tests
export RESULTS
bash scripts/with-postgres.sh bash -c 'run_all_tests "$@"' run_all_tests "${PROJECTS[@]}"
pg_rc=$?

# Read one attribute of the first <Counters .../> element of a trx file.
counter() { grep -o '<Counters [^>]*>' "$1" | head -n 1 | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p"; }

total_passed=0 total_failed=0 total_skipped=0 total_executed=0 broken=0
echo
echo "== results"
printf '%-28s %8s %8s %8s   %s\n' project passed failed skipped status
for proj in "${PROJECTS[@]}"; do
  name="$(basename "$proj")"
  trx="$RESULTS/$name.trx"
  rc="$(cat "$RESULTS/$name.exit" 2>/dev/null || echo none)"
  if [ ! -s "$trx" ] || [ -z "$(counter "$trx" total)" ]; then
    broken=1
    printf '%-28s %8s %8s %8s   %s\n' "$name" - - - "DID NOT RUN (dotnet test exit: $rc, no trx)"
    continue
  fi
  executed=$(counter "$trx" executed); passed=$(counter "$trx" passed)
  failed=$(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
  # Skipped tests are counted in total but not in executed (notExecuted stays 0).
  skipped=$(( $(counter "$trx" total) - executed ))
  status=ok
  if [ "$failed" -gt 0 ]; then
    status=FAILED
  elif [ "$rc" != 0 ]; then
    status="ERROR (dotnet test exit: $rc)"; broken=1
  elif [ "$executed" -eq 0 ]; then
    status="no tests"
  fi
  total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed))
  total_skipped=$((total_skipped + skipped)); total_executed=$((total_executed + executed))
  printf '%-28s %8s %8s %8s   %s\n' "$name" "$passed" "$failed" "$skipped" "$status"
done

exit_code=0
if [ "$pg_rc" -ne 0 ]; then echo "test.sh: PostgreSQL wrapper failed (exit $pg_rc)"; exit_code=1; fi
if [ "$broken" -ne 0 ]; then echo "test.sh: at least one test project failed to run"; exit_code=1; fi
if [ "$total_failed" -gt 0 ]; then echo "test.sh: $total_failed test(s) failed"; exit_code=1; fi
if [ "$total_executed" -eq 0 ]; then echo "test.sh: no test ran at all"; exit_code=1; fi
echo "test.sh: finished in $(( $(date +%s) - START ))s, trx files in ${RESULTS#"$ROOT"/}"
summary_line "$total_passed" "$total_failed" "$total_skipped"
exit "$exit_code"
