#!/usr/bin/env bash
# Sparse-sparse execution (k-WTA activation sparsity × weight sparsity) against the dense GEMM and PyTorch.
#   1. Fashion-MNIST sparse 784-512-512-10 (30% weights, k-WTA 10%): training-epoch estimate and eval-mode
#      images/s at batch 1, 32 and 1000 — ours with the planner's pick (auto: sparse-sparse where it pays)
#      and without it (blocks: the dense GEMM for every layer), then PyTorch's sparse and dense models
#      (shared/bench/fmnist_timing.py's epoch_estimate, fmnist_peer.py's throughput under torch.no_grad),
#      one right after the other in this command, with `uptime` before and after each; wall times (min of reps;
#      ours first runs untimed inference passes for 2 s per batch size, for the compiler, the peer one pass)
#      and the process's CPU seconds (robust when other jobs hold the cores) for both sides;
#      PyTorch runs with torch.set_num_threads(THREADS) and OPENBLAS_NUM_THREADS=THREADS, the same number of
#      threads as ours (Debian's torch does its GEMMs in the system OpenBLAS, whose own thread pool
#      set_num_threads does not reach: without the variable its "1 thread" GEMMs ran on both cores);
#   2. with --accuracy: `tb train` + `tb eval` of the sparse model per seed with auto and with
#      -Dtb.strategy=blocks (same seed, so the two differ by float rounding only), and the dense model;
#   3. the density sweep on a 2048-2048-2048 k-WTA stack (examples' SparseSweep): sweep.md, sweep.json, sweep.png;
#   4. summary.md / summary.json against the issue's targets.
# Ours runs in --forks separate JVMs per strategy, each round followed by a run of PyTorch's sparse model
# (tb_sparse_STRATEGY_forkN.json, torch_sparse_forkN.json; the summary takes each figure's median over the runs, lists
# them all and gives the median of the run-by-run ratios): one run is one draw of the machine's drifting speed and,
# for ours, of what the compiler made of the code (our epochs read 1.9 to 3.6 s, and 57 000 to 94 000 img/s at batch 1000, over this session's runs).
# usage: bench/sparse_sparse.sh [--threads 1] [--reps 3] [--forks 3] [--accuracy] [--seeds "0"] [--skip-fashion] [--skip-sweep]
#                               [--sweep-args "--weights 0.05,0.2,1 ..."] [--calibrate] [--out DIR]
# --calibrate only runs SparseSweep --calibrate (slopes of one layer in GEMM multiply-adds, beside which ops
# SparseCost's constants, taken from the sweep itself, can be checked) and prints them.
# The shared folder with the peer scripts is found by walking up from here (or set TB_SHARED).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads=1; reps=3; forks=3; accuracy=0; seeds="0"; fashion=1; sweep=1; calibrate=0; sweep_args=""
out="$root/bench/results/sparse-sparse-$(date +%Y%m%d-%H%M%S)"
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --forks) forks="$2"; shift 2 ;;
    --accuracy) accuracy=1; shift ;;
    --seeds) seeds="$2"; shift 2 ;;
    --skip-fashion) fashion=0; shift ;;
    --skip-sweep) sweep=0; shift ;;
    --sweep-args) sweep_args="$2"; shift 2 ;;
    --calibrate) calibrate=1; shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
. "$root/bench/shared_dir.sh" "$root"
py=/usr/bin/python3
if [ "$fashion" = 1 ] && ! "$py" -c "import torch" 2> /dev/null; then
  echo "the PyTorch peer needs Debian's python3-torch for $py (apt-get install python3-torch); or run with --skip-fashion" >&2
  exit 2
fi
# our BLAS gets the machine's widest kernels, as tb does (see fmnist_vs_peer.sh)
ours_env=()
grep -qm1 -w avx512f /proc/cpuinfo 2>/dev/null && ours_env=(env OPENBLAS_CORETYPE=SkylakeX)
"$root/tb" help > /dev/null || true   # builds the project when sources changed
cp="$(ls "$root"/examples/target/examples-*.jar | grep -v tests | head -1):$root/examples/target/lib/*"
# the heap touched once at start: on this machine a page the process touches for the first time costs far more
# than one it reuses, so a JVM whose heap grows into new pages ran the same pass up to 2.5x slower for seconds
java_ours=("${ours_env[@]}" java -Xms6g -Xmx6g -XX:+AlwaysPreTouch -XX:+UseParallelGC --add-modules jdk.incubator.vector -XX:PerMethodTrapLimit=100000 -cp "$cp")
load() { echo "load $(cut -d' ' -f1-3 /proc/loadavg) ($1)" | tee -a "$out/load.txt" >&2; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"   # absolute: the PyTorch part runs in the shared folder
[ "$calibrate" = 1 ] || : > "$out/load.txt"   # this run's loads only
echo "results in $out" >&2

if [ "$calibrate" = 1 ]; then
  load "before calibration"
  "${java_ours[@]}" org.thousandbrains.examples.SparseSweep --calibrate --width 1024 --reps 7 $sweep_args 2>&1 \
    | grep -v 'WARNING: Using incubator' | tee "$out/calibration.json"
  load "after calibration"
  exit 0
fi

peer() {   # peer MODEL OUT.json
  local m="$1"
  # the peer's OpenBLAS gets the same core type as ours: Debian's 0.3.21 takes this AVX-512 machine for a Prescott
  # and ran torch's GEMM at 16 instead of 95 GFLOP/s (one thread, 1000x784 times 784x512)
  (cd "$shared/bench" && "${ours_env[@]}" env -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS="$threads" \
    "$py" - "$m" "$threads" "$reps" \
    "$2" <<'PY'
import json, sys, time, torch
import fmnist_peer as A, fmnist_timing as T
kind, threads, reps, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
xtr, ytr, xte, yte, _ = A.load_fmnist()
c0 = time.process_time()
train = T.epoch_estimate(kind, threads, xtr, ytr, reps=reps)
train["cpu_s_per_epoch_mean"] = (time.process_time() - c0) / reps  # the process's CPU seconds, as ours
torch.set_num_threads(threads)
torch.manual_seed(0)
model = A.make_dense([784, 512, 512, 10]) if kind == "dense" else A.make_sparse([784, 512, 512, 10], torch.Generator().manual_seed(17))
inference = []
with torch.no_grad():
    for bs in (1, 32, 1000):
        x = xte[:2000] if bs == 1 else xte[: len(xte) // bs * bs]
        c0 = time.process_time()
        r = A.throughput(model, x, bs=bs, reps=reps)
        r["img_per_cpu_s_mean"] = len(x) / ((time.process_time() - c0) / (reps + 1))  # throughput runs one warm-up pass
        r["latency_ms_per_batch"] = 1e3 * r["min_s"] / (len(x) // bs)
        inference.append(r)
res = {"model": kind, "torch": torch.__version__, "torch_num_threads": torch.get_num_threads(), "train": train, "inference": inference}
print(json.dumps(res), flush=True)
json.dump(res, open(path, "w"), indent=1)
PY
  ) >&2
}

if [ "$fashion" = 1 ]; then
  # Debian's torch calls whichever libblas.so.3 the alternatives system points at; the reference BLAS (the default
  # when no OpenBLAS is installed) made its epochs 20x slower here, which would flatter our ratios
  blas="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)"
  case "$blas" in
    */blas/libblas.so.3*) echo "PyTorch would run on the reference BLAS ($blas): install libopenblas0-pthread first" >&2; exit 1 ;;
  esac
  echo "PyTorch's BLAS: $blas" | tee -a "$out/load.txt" >&2
  # ours and the peer's sparse model take turns, JVM by JVM: this machine's speed drifts for seconds to minutes
  # (its OpenBLAS GEMM 13% and memory-bound loops 40-90% slower at times, ours and native code alike), and
  # neighbouring runs share the drift
  for f in $(seq "$forks"); do
    for s in auto blocks; do
      load "before ours, strategy $s, JVM $f of $forks"
      "${java_ours[@]}" org.thousandbrains.examples.FashionTiming --models sparse --threads "$threads" --reps "$reps" \
        --strategy "$s" --inference 1,32,1000 --out "$out/tb_sparse_${s}_fork$f.json" 2>&1 | grep -v 'SLF4J\|WARNING: Using incubator' >&2
    done
    load "before PyTorch sparse, run $f of $forks"
    peer sparse "$out/torch_sparse_fork$f.json"
  done
  load "before PyTorch dense"
  peer dense "$out/torch_dense.json"
  load "after the Fashion-MNIST timings"
fi

if [ "$accuracy" = 1 ]; then
  for sd in $seeds; do
    for run in sparse-auto sparse-blocks dense-auto; do
      m="${run%%-*}"; s="${run#*-}"
      dir="$out/tb-$run-$sd"
      echo "== tb train --model $m --seed $sd (strategy $s)" >&2
      TB_JAVA_OPTS="-Dtb.strategy=$s" "$root/tb" train --data fashion-mnist --model "$m" --seed "$sd" --threads "$threads" \
        --out "$dir" > "$dir.log" 2>&1 || { cat "$dir.log" >&2; exit 1; }
      tail -1 "$dir.log" >&2
      TB_JAVA_OPTS="-Dtb.strategy=$s" "$root/tb" eval --checkpoint "$dir/checkpoint.tbck" --threads "$threads" --json > "$dir/eval-brief.json"
    done
  done
fi

if [ "$sweep" = 1 ]; then
  load "before the sweep"
  "${java_ours[@]}" org.thousandbrains.examples.SparseSweep --out "$out" --reps "$reps" $sweep_args 2>&1 \
    | grep -v 'WARNING: Using incubator' >&2
  load "after the sweep"
fi
"$py" "$root/bench/sparse_sparse_summary.py" "$out"
