#!/usr/bin/env bash
# Installs the system tools Stencil's build and tests need (the system linker, readelf, redis-server for the remote
# cache tests, wabt's wast2json and wat2wasm for the WebAssembly spec and runtime tests, npm, with which the runtime
# tests fetch real wasm modules at pinned versions, clang-14 with lld-14's wasm-ld, which compile the WasmKernels
# sample's C to WebAssembly, and the s390x cross toolchain with qemu-user, which link and run the s390x run tests and
# s390x shared libraries), only if missing.
set -euo pipefail

missing=()
for tool in ld readelf; do command -v "$tool" >/dev/null 2>&1 || missing+=(binutils); done
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
command -v wast2json >/dev/null 2>&1 || missing+=(wabt)
command -v wat2wasm >/dev/null 2>&1 || missing+=(wabt)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v clang-14 >/dev/null 2>&1 || missing+=(clang-14)
command -v wasm-ld-14 >/dev/null 2>&1 || [ -x /usr/lib/llvm-14/bin/wasm-ld ] || missing+=(lld-14)
# The s390x encoder tests assemble Cranelift's s390x disassembly with GNU as and compare the bytes.
for tool in s390x-linux-gnu-as s390x-linux-gnu-objcopy s390x-linux-gnu-readelf; do command -v "$tool" >/dev/null 2>&1 || missing+=(binutils-s390x-linux-gnu); done
# The s390x run tests link Stencil's objects with the cross gcc and glibc and run them under qemu-user.
command -v s390x-linux-gnu-gcc >/dev/null 2>&1 || missing+=(gcc-s390x-linux-gnu)
[ -e /usr/s390x-linux-gnu/lib/ld64.so.1 ] || missing+=(libc6-dev-s390x-cross)
command -v qemu-s390x >/dev/null 2>&1 || missing+=(qemu-user)
# Debian installs it in /usr/bin; the tests start their own instances on loopback, never the system service.
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
echo "Installing missing system packages: $packages"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "error: need root (or sudo) to install: $packages" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq $packages >/dev/null
