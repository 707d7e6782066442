#!/usr/bin/env bash
# gpu-backend/device-check.sh: everything a GPU machine checks for the CUDA device, in one go.
#
#   gpu-backend/device-check.sh pack   on the build machine: builds, then puts a Java runtime (jlink of
#                                      Temurin 25) and the jars the CUDA path needs into
#                                      gpu-backend/target/device-check/ (checked to stay under 64 MiB)
#   gpu-backend/device-check.sh run    on the GPU machine (no Java, no registry needed), from the
#                                      repository root: 1. every test vector of ../shared/testvectors on
#                                      the GPU (float32 tolerances); 2. one SpMM step and T=16
#                                      forward+backward (N=1M, E=10M, B=32) by tb bench --device cuda,
#                                      beside torch.sparse CSR and PyTorch Geometric on the same GPU
#                                      (device_peers.py); 3. one table with ratios and device memory
#   gpu-backend/device-check.sh        pack when no bundle is there, then run
#
# Settings: N, E, B, T, REPS (shapes and repeats); TB_FFM_JDK (the JDK 22+ jlink uses); TB_NVRTC (path of
# libnvrtc.so when the loader does not find it; run looks in CUDA_HOME/lib64 and PyTorch's nvidia wheels);
# PYTHON (default python3); TB_TESTVECTORS (default: shared/testvectors above the repository).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
bundle="$here/target/device-check"
jdk="${TB_FFM_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
N="${N:-1000000}"; E="${E:-10000000}"; B="${B:-32}"; T="${T:-16}"; REPS="${REPS:-5}"
PYTHON="${PYTHON:-python3}"
limit_mb=64
# The jars of the CUDA path (tb's command line, the operator, the device, JSON); ND4J's native jars stay out.
jars="examples gpu-backend gnn-ops graph-core picocli jackson-core jackson-databind jackson-annotations jgrapht-core jheaps commons-math3 slf4j-api slf4j-simple javacpp"

pack() {
  echo "device-check pack: building (mvn package, tests skipped)" >&2
  (cd "$root" && mvn -o -q -pl examples -am package -DskipTests >&2)
  rm -rf "$bundle"
  mkdir -p "$bundle/lib"
  for j in $jars; do
    f="$(ls "$root"/*/target/"$j"-[0-9]*.jar "$root"/examples/target/lib/"$j"-[0-9]*.jar 2>/dev/null | grep -v -e -tests.jar -e -sources.jar -e linux-x86_64 | head -1 || true)"
    [ -n "$f" ] || { echo "device-check pack: no jar for $j" >&2; exit 2; }
    cp "$f" "$bundle/lib/"
  done
  "$jdk/bin/jlink" --add-modules java.base,java.logging,jdk.unsupported,jdk.incubator.vector \
      --compress=zip-9 --strip-debug --no-header-files --no-man-pages --output "$bundle/runtime"
  local rt libs total
  rt="$(du -sk "$bundle/runtime" | cut -f1)"; libs="$(du -sk "$bundle/lib" | cut -f1)"; total="$(du -sk "$bundle" | cut -f1)"
  awk -v rt="$rt" -v libs="$libs" -v total="$total" -v n="$(ls "$bundle/lib" | wc -l)" -v limit="$limit_mb" \
      -v version="$("$bundle/runtime/bin/java" -version 2>&1 | head -1)" 'BEGIN {
        printf "device-check pack: runtime %.1f MiB (%s), jars %.1f MiB (%d files), bundle %.1f MiB of %d MiB\n",
               rt / 1024, version, libs / 1024, n, total / 1024, limit }'
  [ "$total" -le $((limit_mb * 1024)) ] || { echo "device-check pack: bundle over $limit_mb MiB" >&2; exit 2; }
}

find_nvrtc() {
  [ -n "${TB_NVRTC:-}" ] && return 0
  local c
  for c in "${CUDA_HOME:-/usr/local/cuda}"/lib64/libnvrtc.so* \
           $("$PYTHON" -c 'import nvidia, os; print(" ".join(os.path.join(p, "cuda_nvrtc", "lib") for p in nvidia.__path__))' 2>/dev/null | sed 's|$|/libnvrtc.so*|'); do
    for f in $c; do
      case "$f" in *builtins*|*alt*) continue ;; esac
      if [ -f "$f" ]; then export TB_NVRTC="$f"; return 0; fi
    done
  done
  return 0
}

run() {
  [ -x "$bundle/runtime/bin/java" ] || { echo "device-check run: no bundle in $bundle (run: $0 pack)" >&2; exit 2; }
  local java="$bundle/runtime/bin/java" cp="$bundle/lib/*" out="$bundle/results"
  local opts="--enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -XX:PerMethodTrapLimit=100000 -Xmx16g"
  local vectors="${TB_TESTVECTORS:-$(cd "$root/.." && pwd)/shared/testvectors}"
  mkdir -p "$out"
  find_nvrtc
  echo "== device"; (nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "nvidia-smi: none"); uptime
  echo "== NVRTC: ${TB_NVRTC:-found by the loader, if at all}"
  echo "== 1. test vectors on the GPU ($vectors)"
  set +e
  "$java" $opts -cp "$cp" org.thousandbrains.gpu.DeviceCheck --device cuda "$vectors" | tee "$out/vectors.txt"
  local vstatus="${PIPESTATUS[0]}"
  echo "== 2. benchmarks N=$N E=$E B=$B T=$T"
  "$java" $opts -cp "$cp" org.thousandbrains.cli.Tb bench spmm --nodes "$N" --edges "$E" --batch "$B" --repeats "$REPS" \
      --device cuda --json > "$out/ours_spmm.json"
  "$java" $opts -cp "$cp" org.thousandbrains.cli.Tb bench propagate --nodes "$N" --edges "$E" --batch "$B" --steps "$T" \
      --backward --repeats "$REPS" --device cuda --json > "$out/ours_propagate.json"
  "$PYTHON" "$here/device_peers.py" --nodes "$N" --edges "$E" --batch "$B" --steps "$T" --reps "$REPS" > "$out/peers.json"
  set -e
  echo "== 3. table"
  "$PYTHON" - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
def load(name):
    try:
        return json.load(open(os.path.join(out, name)))
    except (OSError, ValueError) as e:
        return {"error": f"{name}: {e}"}
ours_s, ours_p, peers = load("ours_spmm.json"), load("ours_propagate.json"), load("peers.json")
print(f"device: {ours_p.get('device', ours_s.get('device', '?'))}; peers on {peers.get('device', '?')}, "
      f"torch {peers.get('torch')}, PyG {peers.get('pyg')}")
rows = []
def row(what, ours_ms, ours_mb, name, peer):
    peer_ms = peer.get("median_ms")
    ratio = f"{ours_ms / peer_ms:.2f}" if ours_ms and peer_ms else "-"
    fmt = lambda x: f"{x:.2f}" if isinstance(x, (int, float)) else "-"
    rows.append((what, fmt(ours_ms), fmt(ours_mb), name, fmt(peer_ms) if peer_ms else peer.get("error", "-")[:40],
                 fmt(peer.get("peak_memory_mb")), ratio))
for name, peer in peers.get("spmm", {}).items():
    row("spmm step", ours_s.get("median_ms"), None, name, peer)
for name, peer in peers.get("temporal", {}).items():
    row(f"T={peers.get('steps')} fwd+bwd", ours_p.get("forward_backward_ms"), ours_p.get("device_memory_mb"), name, peer)
head = ("what", "ours ms", "ours MB", "peer", "peer ms", "peer MB", "ours/peer")
w = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
for r in [head] + rows:
    print("  ".join(str(c).ljust(w[i]) for i, c in enumerate(r)))
for name, r in (("ours spmm", ours_s), ("ours propagate", ours_p)):
    if "error" in r:
        print(name, r["error"])
PY
  echo "== files in $out"; ls -la "$out"
  return "$vstatus"
}

case "${1:-all}" in
  pack) pack ;;
  run) run ;;
  all) [ -x "$bundle/runtime/bin/java" ] || pack; run ;;
  *) echo "usage: $0 [pack|run]" >&2; exit 2 ;;
esac
