#!/usr/bin/env bash
# Spark on a real standalone cluster, on loopback: Spark's own Master and two Workers (1 core, 1 GB each) from
# the Maven Central jars, started here as separate JVM processes and stopped at the end (trap), then
#  1. a sweep: `tb train --seeds S --spark spark://...` against the same seeds one after the other in one process;
#  2. an experiment: `tb experiment EXPERIMENT --spark spark://...` against the same experiment in one process, both
#     with 1 thread per run (the workers have 1 core each), and whether their results (all but timings) are equal;
#  3. data-parallel training (org.thousandbrains.bench.SparkBench): the same float64 steps in one process and as
#     2 shards per step on the cluster, each after a warm-up run, with the overheads (broadcast, task launch and collect, aggregation) and
#     the round trip of an empty 2-task job.
# Writes bench/results/spark_cluster.json and spark_cluster.md; records `uptime` before and after. The machine
# may be shared: speedups are only meaningful with the load beside them.
# The workers need SPARK_HOME/jars: here a folder of links to examples/target/lib (the runtime dependencies that
# `mvn package` copies, the same set as `mvn dependency:build-classpath -pl examples`) and the examples jar.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
SEEDS="${SEEDS:-0,1,2,3}"
EPOCHS="${EPOCHS:-40}"
STEPS="${STEPS:-2}"
BATCH="${BATCH:-700}"
HIDDEN="${HIDDEN:-512}"
EXPERIMENT="${EXPERIMENT:-horizontal-leak}"
EXP_SEEDS="${EXP_SEEDS:-0,1,2,3}"
EXP_EPOCHS="${EXP_EPOCHS:-10}"
PORT="${PORT:-7177}"
OUTDIR="${OUTDIR:-bench/results}"
mvn -o -q -DskipTests package -pl examples -am >&2
jar="$(ls "$root"/examples/target/examples-*.jar | grep -v tests | head -1)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/spark-home/jars"
ln -s "$root"/examples/target/lib/*.jar "$jar" "$work/spark-home/jars/"
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
# Spark's JavaModuleOptions (the same list as the tb launcher and the parent POM's spark.java.options).
opts="$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' pom.xml)"
cp="$SPARK_HOME/jars/*"
java -Xmx256m $opts -Dorg.slf4j.simpleLogger.defaultLogLevel=info -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port 0 \
  > "$work/master.log" 2>&1 &
pids+=($!)
master="spark://127.0.0.1:$PORT"
for w in 1 2; do
  mkdir -p "$work/worker$w"
  java -Xmx256m $opts -Dorg.slf4j.simpleLogger.defaultLogLevel=info -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
    --work-dir "$work/worker$w" --webui-port 0 "$master" > "$work/worker$w.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 1 120); do
  [ "$(grep -c 'Registering worker' "$work/master.log" || true)" -ge 2 ] && break
  sleep 1
done
[ "$(grep -c 'Registering worker' "$work/master.log" || true)" -ge 2 ] || { echo "workers did not register:" >&2; tail -n 20 "$work"/*.log >&2; exit 1; }
echo "cluster up: $master, 2 workers (pids ${pids[*]})" >&2
export TB_JAVA_OPTS="-Xmx1g -Dspark.executor.memory=768m -Dspark.cores.max=2"
load_before="$(uptime)"
./tb train --model temporal --hidden 64 --epochs "$EPOCHS" --seeds "$SEEDS" --out "$work/sweep-local" >&2
./tb train --model temporal --hidden 64 --epochs "$EPOCHS" --seeds "$SEEDS" --spark "$master" --out "$work/sweep-spark" >&2
./tb experiment "$EXPERIMENT" --seeds "$EXP_SEEDS" --epochs "$EXP_EPOCHS" --threads 1 --out "$work/exp-local" >&2
./tb experiment "$EXPERIMENT" --seeds "$EXP_SEEDS" --epochs "$EXP_EPOCHS" --threads 1 --spark "$master" --out "$work/exp-spark" >&2
java -Xmx1g $opts -Dspark.executor.memory=768m -Dspark.cores.max=2 -cp "$jar:$root/examples/target/lib/*" \
  org.thousandbrains.bench.SparkBench "$master" 2 "$STEPS" "$BATCH" "$HIDDEN" > "$work/dp.json"
load_after="$(uptime)"
mkdir -p "$OUTDIR"
/usr/bin/python3 - "$work" "$OUTDIR" "$load_before" "$load_after" "$SEEDS" "$EPOCHS" <<'PY'
import json, re, sys
def shown(command): return re.sub(r" --out \S+", "", command)
work, outdir, before, after, seeds, epochs = sys.argv[1:]
local = json.load(open(work + "/sweep-local/sweep.json"))
spark = json.load(open(work + "/sweep-spark/sweep.json"))
dp = json.loads(open(work + "/dp.json").read().strip().splitlines()[-1])
def figures(j):
    if isinstance(j, dict): return {k: figures(v) for k, v in j.items() if "seconds" not in k and "rss" not in k and k != "command"}
    if isinstance(j, list): return [figures(x) for x in j]
    return j
el = json.load(open(work + "/exp-local/results.json"))
es = json.load(open(work + "/exp-spark/results.json"))
doc = {"cluster": "Spark standalone on 127.0.0.1: 1 master, 2 workers x 1 core x 1 GB, executors 768 MB",
       "load_before": before.strip(), "load_after": after.strip(),
       "sweep": {"command": shown(spark["command"]), "seeds": seeds, "epochs": int(epochs),
                 "one_process_wall_seconds": local["wall_seconds"], "spark_wall_seconds": spark["wall_seconds"],
                 "speedup": local["wall_seconds"] / spark["wall_seconds"],
                 "test_accuracy_one_process": [r["test_accuracy"] for r in local["runs"]],
                 "test_accuracy_spark": [r["test_accuracy"] for r in spark["runs"]]},
       "experiment": {"command": shown(es["command"]), "one_process_wall_seconds": el["wall_seconds"],
                      "spark_wall_seconds": es["wall_seconds"], "speedup": el["wall_seconds"] / es["wall_seconds"],
                      "results_equal_but_timings": figures(el) == figures(es)},
       "data_parallel": dp}
json.dump(doc, open(outdir + "/spark_cluster.json", "w"), indent=2)
s, d, e = doc["sweep"], dp, doc["experiment"]
md = ["# Spark standalone cluster on loopback (bench/spark_cluster.sh)", "",
      doc["cluster"] + ".", "", "Load before: `%s`; after: `%s`." % (doc["load_before"], doc["load_after"]), "",
      "| workload | one process (s) | Spark cluster (s) | speedup |", "| --- | ---: | ---: | ---: |",
      "| sweep: %d seeds x tb train temporal 64, %d epochs | %.1f | %.1f | %.2f |" % (len(s["test_accuracy_spark"]), s["epochs"],
          s["one_process_wall_seconds"], s["spark_wall_seconds"], s["speedup"]),
      "| experiment: `%s` (1 thread per run) | %.1f | %.1f | %.2f |" % (re.sub(r" --spark \S+", "", e["command"]),
          e["one_process_wall_seconds"], e["spark_wall_seconds"], e["speedup"]),
      "| data-parallel: %d steps, batch %d, float64, 2 shards (after a warm-up run; the cold one took %.1f s) | %.1f | %.1f | %.2f |" % (
          d["steps"], d["batch"], d["data_parallel_cold_seconds"], d["single_process_seconds"], d["data_parallel_seconds"], d["speedup"]), "",
      "Data-parallel overheads per step (ms): broadcast %.1f, slowest task's compute %.1f, task launch + collect beyond it %.1f, "
      "aggregation on the driver %.2f, optimizer %.2f; an empty 2-task job takes %.1f ms." % (d["per_step_broadcast_ms"],
          d["per_step_compute_ms"], d["per_step_task_launch_and_collect_ms"], d["per_step_aggregate_ms"], d["per_step_update_ms"],
          d["empty_job_ms"]), "",
      "Largest parameter difference, data-parallel vs one process (float64): %.3g. Sweep test accuracies equal: %s. "
      "Experiment results (all but timings) equal: %s." % (d["max_parameter_diff_float64"],
          s["test_accuracy_one_process"] == s["test_accuracy_spark"], e["results_equal_but_timings"]), ""]
open(outdir + "/spark_cluster.md", "w").write("\n".join(md))
print("\n".join(md))
PY
