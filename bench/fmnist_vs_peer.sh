#!/usr/bin/env bash
# Fashion-MNIST 784-512-512-10 beside the PyTorch peer (shared/bench/fmnist_peer.py and fmnist_timing.py):
# 10 epochs, batch 128, Adam lr 1e-3, the same seeds, nn.Linear initialisation, pixels / 255.
#   1. accuracy and noise robustness: `tb train` + `tb eval` for dense and sparse per seed (peak RSS of each
#      run from /usr/bin/time);
#   2. speed (ours with the heap and collector `tb train` uses; the peer with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset, as shared/bench/README.md asks), one right after the other on this machine, interleaved model by model over two rounds:
#      FashionTiming (our models, measured the way fmnist_timing.py measures) and fmnist_timing.py's
#      epoch_estimate (PyTorch, 1 and 2 threads); the best of the rounds counts for each side;
#   3. PyTorch accuracies: bench/results/pytorch_fmnist.json (seeds 0 1 2), or a fresh fmnist_peer.py run
#      with --peer-accuracy;
#   4. summary.md / summary.json with means over seeds, ratios to the peer and the targets.
# usage: bench/fmnist_vs_peer.sh [--seeds "0 1 2"] [--threads 1] [--models "dense sparse"] [--skip-accuracy]
#                                [--skip-timing] [--peer-accuracy] [--out DIR]
# The shared folder with the peer scripts is found by walking up from here (or set TB_SHARED).
# BLAS kernels: ND4J 1.0.0-M2.1 ships OpenBLAS 0.3.19, which predates Zen 4 and, left to itself or with
# OPENBLAS_CORETYPE=Haswell, runs AVX2 kernels; PyTorch's oneDNN uses AVX-512 whatever that variable says.
# So that both sides use the machine's widest kernels, our runs get OPENBLAS_CORETYPE=SkylakeX when the CPU
# has the AVX-512 F/CD/BW/DQ/VL subsets (set TB_BENCH_CORETYPE to choose another, or "keep" to leave it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds="0 1 2"; threads=1; models="dense sparse"; accuracy=1; timing=1; peer_accuracy=0
out="$root/bench/results/fmnist-$(date +%Y%m%d-%H%M%S)"
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --models) models="$2"; shift 2 ;;
    --skip-accuracy) accuracy=0; shift ;;
    --skip-timing) timing=0; shift ;;
    --peer-accuracy) peer_accuracy=1; shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
. "$root/bench/shared_dir.sh" "$root"
py=/usr/bin/python3
coretype="${TB_BENCH_CORETYPE:-}"
if [ -z "$coretype" ]; then
  flags="$(grep -m1 '^flags' /proc/cpuinfo || true)"
  coretype=keep
  if echo "$flags" | grep -qw avx512f && echo "$flags" | grep -qw avx512cd && echo "$flags" | grep -qw avx512bw \
     && echo "$flags" | grep -qw avx512dq && echo "$flags" | grep -qw avx512vl; then coretype=SkylakeX; fi
fi
ours_env=()
[ "$coretype" != keep ] && ours_env=(env "OPENBLAS_CORETYPE=$coretype")
mkdir -p "$out"
"$root/tb" help > /dev/null || true   # builds the project when sources changed
cp="$(ls "$root"/examples/target/examples-*.jar | head -1):$root/examples/target/lib/*"
echo "results in $out" >&2

if [ "$accuracy" = 1 ]; then
  for s in $seeds; do
    for m in $models; do
      run="$out/tb-$m-$s"
      echo "== tb train --model $m --seed $s" >&2
      "${ours_env[@]}" /usr/bin/time -f "%M" -o "$run.maxrss_kb" "$root/tb" train --data fashion-mnist --model "$m" --seed "$s" \
        --threads "$threads" --out "$run" > "$run.log" 2>&1 || { cat "$run.log" >&2; exit 1; }
      tail -2 "$run.log" >&2
      "${ours_env[@]}" "$root/tb" eval --checkpoint "$run/checkpoint.tbck" --threads "$threads" --json > "$run/eval-brief.json"
    done
  done
fi

if [ "$timing" = 1 ]; then
  # interleaved, so that both sides see the same load: per round and model, ours then PyTorch (1 and 2 threads)
  for round in 1 2; do
    for m in $models; do
      echo "== timing round $round, $m: thousandBrains ($threads thread(s)), then PyTorch (fmnist_timing.epoch_estimate, 1 and 2 threads)" >&2
      "${ours_env[@]}" /usr/bin/time -f "%M" -o "$out/tb_timing_${m}_$round.maxrss_kb" java -Xmx1g -XX:+UseParallelGC \
        --add-modules jdk.incubator.vector -XX:PerMethodTrapLimit=100000 -cp "$cp" \
        org.thousandbrains.examples.FashionTiming --models "$m" --threads "$threads" --out "$out/tb_timing_${m}_$round.json" 2>&1 | grep -v SLF4J >&2
      (cd "$shared/bench" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=PASSIVE /usr/bin/time -f "%M" -o "$out/torch_timing_${m}_$round.maxrss_kb" "$py" - "$m" \
        "$out/torch_timing_${m}_$round.json" <<'PY'
import json, sys
import fmnist_peer as A, fmnist_timing as T
xtr, ytr, _, _, _ = A.load_fmnist()
res = {"train": [T.epoch_estimate(sys.argv[1], th, xtr, ytr) for th in (1, 2)]}
print(res, flush=True)
json.dump(res, open(sys.argv[2], "w"), indent=1)
PY
      ) >&2
    done
  done
fi

peer_json="$root/bench/results/pytorch_fmnist.json"
if [ "$peer_accuracy" = 1 ]; then
  echo "== PyTorch accuracy runs (fmnist_peer.py --seeds $seeds)" >&2
  (cd "$shared/bench" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=PASSIVE "$py" fmnist_peer.py --seeds $seeds --out "$out/pytorch_fmnist.json") >&2
  peer_json="$out/pytorch_fmnist.json"
fi
echo "{\"openblas_coretype_ours\": \"$coretype\", \"environment_openblas_coretype\": \"${OPENBLAS_CORETYPE:-unset}\"}" > "$out/blas.json"
"$py" "$root/bench/fmnist_summary.py" "$out" "$peer_json" "$threads"
