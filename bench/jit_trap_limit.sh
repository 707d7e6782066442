#!/usr/bin/env bash
# The JIT's trap limit: the sparse Fashion-MNIST model (examples' FashionTiming, strategy auto, one thread,
# 1 rep: training-epoch estimate and eval images/s at batch 1 and 1000) in fresh JVMs with Java's default
# -XX:PerMethodTrapLimit (100) and with the launchers' 100000, interleaved pair by pair so that both see the
# same load. Each JVM is one draw of the JIT's early profiles; the slow mode shows up in some draws only.
# Writes runs.csv (one row per JVM) and summary.json into --out.
# usage: bench/jit_trap_limit.sh [--pairs 5] [--out DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pairs=5
out="$root/bench/results/jit-trap-limit-$(date +%Y%m%d-%H%M%S)"
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
ours_env=()
grep -qm1 -w avx512f /proc/cpuinfo 2>/dev/null && ours_env=(env OPENBLAS_CORETYPE=SkylakeX)
"$root/tb" help > /dev/null || true   # builds the project when sources changed
cp="$(ls "$root"/examples/target/examples-*.jar | grep -v tests | head -1):$root/examples/target/lib/*"
mkdir -p "$out"
echo "pair,trap_limit,epoch_s_est,cpu_s_per_epoch,img_per_s_b1,img_per_s_b1000,load1" > "$out/runs.csv"
for p in $(seq 1 "$pairs"); do
  for limit in 100 100000; do
    json="$out/pair${p}_limit${limit}.json"
    "${ours_env[@]}" java -Xms6g -Xmx6g -XX:+AlwaysPreTouch -XX:+UseParallelGC --add-modules jdk.incubator.vector \
      -XX:PerMethodTrapLimit="$limit" -cp "$cp" org.thousandbrains.examples.FashionTiming --models sparse \
      --threads 1 --reps 1 --strategy auto --inference 1,1000 --out "$json" 2>&1 | grep -v 'SLF4J\|WARNING: Using incubator' >&2
    /usr/bin/python3 - "$json" "$p" "$limit" "$(cut -d' ' -f1 /proc/loadavg)" >> "$out/runs.csv" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["train"][0]
b = {i["batch"]: i["img_per_s_best"] for i in t["inference"]}
print(f"{sys.argv[2]},{sys.argv[3]},{t['est_epoch_s_min']:.3f},{t['cpu_s_per_epoch_mean']:.3f},{b[1]:.0f},{b[1000]:.0f},{sys.argv[4]}")
PY
    tail -1 "$out/runs.csv" >&2
  done
done
/usr/bin/python3 - "$out" <<'PY'
import csv, json, sys, statistics as st
rows = list(csv.DictReader(open(sys.argv[1] + "/runs.csv")))
res = {}
for limit in ("100", "100000"):
    r = [x for x in rows if x["trap_limit"] == limit]
    e = [float(x["epoch_s_est"]) for x in r]; i = [float(x["img_per_s_b1000"]) for x in r]
    res[limit] = {"jvms": len(r), "epoch_s_min": min(e), "epoch_s_median": st.median(e), "epoch_s_max": max(e),
                  "img_per_s_b1000_min": min(i), "img_per_s_b1000_median": st.median(i), "img_per_s_b1000_max": max(i)}
json.dump(res, open(sys.argv[1] + "/summary.json", "w"), indent=1)
print(json.dumps(res, indent=1))
PY
