#!/usr/bin/env bash
# Runs every test project in Build.sln and prints one final line: "N passed, N failed, N skipped".
# STENCIL_ARTIFACTS=<dir> builds into that folder instead of the in-tree bin/obj.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/install-prereqs.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# No compiler server may outlive the run: builds compile in-process unless a test asks for a server (and kills it).
export StencilUseServer=false
log="$(mktemp "${TMPDIR:-/tmp}/stencil-test.XXXXXX.log")"
trap 'rm -f "$log"' EXIT

artifacts=()
if [ -n "${STENCIL_ARTIFACTS:-}" ]; then artifacts=(--artifacts-path "$STENCIL_ARTIFACTS"); fi

status=0
dotnet test Build.sln "${artifacts[@]}" -nodeReuse:false 2>&1 | tee "$log" || status=$?

# Each test project ends with one line such as
#   "Failed!  - Failed:     1, Passed:    41, Skipped:     0, Total:    42, Duration: 3 s - X.Tests.dll (net10.0)"
# headed "Skipped!" when nothing passed or failed. A test whose prerequisite (a corpus in ../shared, a system tool) is
# missing ends inconclusive, which dotnet test counts as skipped; under CI=true it fails instead.
passed=0 failed=0 skipped=0
while read -r f p s; do
  failed=$((failed + f)) passed=$((passed + p)) skipped=$((skipped + s))
done < <(sed -n 's/^\(Passed\|Failed\|Skipped\)! *- *Failed: *\([0-9]*\), *Passed: *\([0-9]*\), *Skipped: *\([0-9]*\),.*/\2 \3 \4/p' "$log")

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any test could report a failure: still a failed run.
  echo "dotnet test exited with $status before reporting a failed test; counting that as one failure." >&2
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
