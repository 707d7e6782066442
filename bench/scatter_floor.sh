#!/usr/bin/env bash
# The hardware floor of the sparse-sparse index-list forward (see scatter_floor.c): builds it with the
# machine's widest instructions and prints ns per multiply-add, scalar and (on AVX-512 machines) with
# vector gathers and scatters, as JSON. Compare with the kernel's own share of a pass in docs/sparse-sparse.md.
# usage: bench/scatter_floor.sh [--out FILE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out=""
case "${1:-}" in
  "") ;;
  --out) out="${2:?--out needs a file}" ;;
  *) echo "unknown option $1 (usage: $0 [--out FILE])" >&2; exit 2 ;;
esac
bin="$(mktemp -d)/scatter_floor"
trap 'rm -rf "$(dirname "$bin")"' EXIT
gcc -O3 -march=native -o "$bin" "$root/bench/scatter_floor.c"
if [ -n "$out" ]; then "$bin" | tee "$out"; else "$bin"; fi
