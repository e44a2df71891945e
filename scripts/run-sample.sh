#!/usr/bin/env bash
# Packs Stencil.Build into the local feed (.feed/), then builds and runs the samples against that fresh
# package: samples/Checksums (.clif kernels) and samples/WasmKernels (C compiled to WebAssembly by clang). STENCIL_ARTIFACTS=<dir> builds the package into that folder instead of the in-tree bin/obj.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/install-prereqs.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
feed="$root/.feed"
artifacts=()
if [ -n "${STENCIL_ARTIFACTS:-}" ]; then artifacts=(--artifacts-path "$STENCIL_ARTIFACTS"); fi

mkdir -p "$feed"
rm -f "$feed"/Stencil.Build.*.nupkg
dotnet pack msbuild-task/Stencil.Build.csproj -c Release "${artifacts[@]}" -nodeReuse:false -o "$feed" -v:q
package="$(ls "$feed"/Stencil.Build.*.nupkg | head -n 1)"
version="$(basename "$package" .nupkg)"
export StencilBuildVersion="${version#Stencil.Build.}"
echo "Packed $(basename "$package")"

# NuGet never re-extracts a version it already has, so drop the cached copy.
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
rm -rf "$packages/stencil.build/$StencilBuildVersion"

for name in Checksums WasmKernels; do
  sample="$root/samples/$name"
  rm -rf "$sample/bin" "$sample/obj"
  log="$(mktemp "${TMPDIR:-/tmp}/stencil-sample-build.XXXXXX.log")"
  if ! dotnet build "$sample" -nodeReuse:false -v:n >"$log" 2>&1; then
    grep -E ': (error|warning) ' "$log" | sort -u || tail -n 40 "$log"
    echo "Sample $name failed to build; full log: $log" >&2
    exit 1
  fi
  grep -E 'Stencil: |: warning ' "$log" | sed 's/^ *//' | sort -u
  rm -f "$log"
  echo "== $name"
  dotnet run --project "$sample" --no-build
done
