#!/usr/bin/env bash
# Measures what a user feels on samples/Checksums (issue 11): a one-edit `dotnet build` against a no-op build of a
# plain `dotnet new console` app (paired runs, medians), the StencilCompile task's time from MSBuild's performance
# summary, and the first one-edit build with no compiler server running. Not a test: it only prints figures.
#
#   test/bench/measure-build.sh [RUNS]        (default 7 paired runs)
#
# STENCIL_BENCH_ARGS: extra arguments for the sample's builds (e.g. -p:StencilUseServer=false);
# STENCIL_BENCH_PACK_ARGS: extra arguments for packing (e.g. -p:StencilReadyToRun=false).
#
# The package is packed in Release, as scripts/run-sample.sh packs it, into a private feed; the servers it starts
# live in a private folder (STENCIL_SERVER_DIR) and are stopped at the end.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-7}"
work="$(mktemp -d "${TMPDIR:-/tmp}/stencil-bench.XXXXXX")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
export NUGET_PACKAGES="$work/packages" STENCIL_SERVER_DIR="$work/server"
read -r -a extra <<<"${STENCIL_BENCH_ARGS:-}"
read -r -a pack_extra <<<"${STENCIL_BENCH_PACK_ARGS:-}"

stop_servers() {
  local pidfile
  for pidfile in "$STENCIL_SERVER_DIR"/*.pid; do
    [ -e "$pidfile" ] || continue
    kill -9 "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
}
cleanup() { stop_servers; rm -rf "$work"; }
trap cleanup EXIT

artifacts=()
if [ -n "${STENCIL_ARTIFACTS:-}" ]; then artifacts=(--artifacts-path "$STENCIL_ARTIFACTS"); fi
dotnet pack "$root/msbuild-task/Stencil.Build.csproj" -c Release "${artifacts[@]}" -nodeReuse:false -o "$work/feed" -v:q "${pack_extra[@]}" >/dev/null
package="$(ls "$work"/feed/Stencil.Build.*.nupkg | head -n 1)"
version="$(basename "$package" .nupkg)"
export StencilBuildVersion="${version#Stencil.Build.}"

mkdir -p "$work/repo"
cp "$root"/samples/Directory.* "$work/repo/"
cp -r "$root/samples/Checksums" "$work/repo/Checksums"
rm -rf "$work/repo/Checksums/bin" "$work/repo/Checksums/obj"
cat >"$work/repo/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><add key="stencil-bench" value="$work/feed" /></packageSources>
  <packageSourceMapping>
    <packageSource key="stencil-bench"><package pattern="Stencil.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
sample="$work/repo/Checksums/Checksums.csproj"
kernel="$work/repo/Checksums/kernels/math.clif"
dotnet new console -o "$work/console" >/dev/null
console="$work/console/console.csproj"

build() { dotnet build "$1" -nodeReuse:false -v:m -clp:PerformanceSummary "${@:2}"; }
ms() { echo $(( $(date +%s%N) / 1000000 )); }
# The StencilCompile line of the task performance summary: "      523 ms  StencilCompile     1 calls".
task_ms() { awk '/Task Performance Summary/ { t = 1 } t && $3 == "StencilCompile" { print $1 }' "$1" | tail -n 1; }
edit() { sed -i "0,/v6 = iconst.i64 [0-9]*/s//v6 = iconst.i64 $1/" "$kernel"; }

build "$console" >/dev/null
build "$sample" "${extra[@]}" >/dev/null
build "$console" >/dev/null

# First build with no server: the one the user meets after a reboot or an idle timeout.
stop_servers
edit 999
start=$(ms); build "$sample" "${extra[@]}" >"$work/first.log"; first_wall=$(( $(ms) - start ))
first_task="$(task_ms "$work/first.log")"

ratios=() tasks=() edits=() noops=()
for i in $(seq 1 "$runs"); do
  edit $((1000 + i))
  start=$(ms); build "$sample" "${extra[@]}" >"$work/edit.log"; e=$(( $(ms) - start ))
  grep -q "StencilCompile" "$work/edit.log" || { echo "the edit build did not run StencilCompile" >&2; cat "$work/edit.log" >&2; exit 1; }
  start=$(ms); build "$console" >/dev/null; n=$(( $(ms) - start ))
  t="$(task_ms "$work/edit.log")"
  edits+=("$e") noops+=("$n") tasks+=("$t")
  ratios+=("$(awk -v e="$e" -v n="$n" 'BEGIN { printf "%.3f", e / n }')")
  echo "run $i: one-edit build $e ms, console no-op $n ms, ratio ${ratios[-1]}, StencilCompile $t ms"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first build with no server: $first_wall ms wall, StencilCompile $first_task ms"
echo "median of $runs: one-edit build $(median "${edits[@]}") ms, console no-op $(median "${noops[@]}") ms, ratio $(median "${ratios[@]}"), StencilCompile $(median "${tasks[@]}") ms"
