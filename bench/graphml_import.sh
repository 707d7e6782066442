#!/usr/bin/env bash
# GraphML import benchmark: `tb info` (a cold JVM: GraphML straight into arrays, compile, SCCs, statistics)
# and thousandBrains GraphMLReader.readArrays in a fresh JVM beside networkx.read_graphml on the same
# generated file (100,000 nodes, 1,000,000 directed edges with weight, delay and leak; seed 42), then
# `tb info` on the same graph as an edge-list CSV (written by `tb convert`), each in a fresh process, one
# after the other in this one command. Import time is measured inside each process; wall time, CPU time
# (user+sys, all threads) and peak RSS of the whole process by /usr/bin/time -v. On a shared machine CPU
# time is the steadier figure; the load average is recorded.
# Writes bench/results/graphml_import.json with the results and the ratios.
# Needs `mvn -q -DskipTests package` first (or TB_CP set to a classpath holding examples and deps).
set -euo pipefail
cd "$(dirname "$0")/.."
CP="${TB_CP:-$(ls examples/target/examples-*.jar | grep -v -- -tests.jar | head -1):examples/target/lib/*}"
NODES="${NODES:-100000}"
EDGES="${EDGES:-1000000}"
OUT="${OUT:-bench/results/graphml_import.json}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
file="$tmp/random.graphml"
java -cp "$CP" org.thousandbrains.bench.GraphMLImportBench generate "$file" "$NODES" "$EDGES" 42
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
./tb help > /dev/null   # builds when sources changed
./tb convert "$file" "$tmp/random.csv" > /dev/null
/usr/bin/time -v -o "$tmp/info.time" ./tb info "$file" --json > "$tmp/info.json"
/usr/bin/time -v -o "$tmp/info_csv.time" ./tb info "$tmp/random.csv" --json > "$tmp/info_csv.json"
/usr/bin/time -v -o "$tmp/java.time" java -XX:+UseSerialGC -cp "$CP" org.thousandbrains.bench.GraphMLImportBench import "$file" > "$tmp/java.json"
/usr/bin/time -v -o "$tmp/nx.time" /usr/bin/python3 - "$file" > "$tmp/nx.json" <<'PY'
import json, sys, time
import networkx
t0 = time.perf_counter()
g = networkx.read_graphml(sys.argv[1])
seconds = time.perf_counter() - t0
print(json.dumps({"tool": "networkx %s read_graphml" % networkx.__version__, "import_seconds": seconds,
                  "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}))
PY
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$(dirname "$OUT")"
/usr/bin/python3 - "$tmp" "$file" "$OUT" "$load_before" "$load_after" <<'PY'
import json, os, re, subprocess, sys, datetime
tmp, file, out_path, load_before, load_after = sys.argv[1:6]

def timed(name):
    result = json.load(open(os.path.join(tmp, name + ".json")))
    text = open(os.path.join(tmp, name + ".time")).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    result["process_wall_seconds"] = seconds
    result["process_cpu_seconds"] = sum(float(re.search(r"%s time \(seconds\): (\S+)" % k, text).group(1)) for k in ("User", "System"))
    result["peak_rss_mb"] = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    return result

java, nx = timed("java"), timed("nx")
info, info_csv = timed("info"), timed("info_csv")
assert java["edges"] == nx["edges"] == info["edges"] == info_csv["edges"], (java["edges"], nx["edges"])
for r in (info, info_csv):
    for k in ("weight", "delay", "leak", "warnings", "file"):
        r.pop(k, None)
java_version = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
out = {
    "date": datetime.date.today().isoformat(),
    "file": {"nodes": java["nodes"], "edges": java["edges"], "bytes": os.path.getsize(file),
             "generator": "GraphMLImportBench generate (seed 42, weight/delay/leak doubles as Double.toString)"},
    "machine": {"cpus": os.cpu_count(), "load_average_before": load_before, "load_average_after": load_after,
                "java": java_version, "python": sys.version.split()[0]},
    "tb_info": info,
    "tb_info_csv": info_csv,
    "thousandbrains": java,
    "networkx": nx,
    "tb_info_wall_over_networkx_import": info["process_wall_seconds"] / nx["import_seconds"],
    "tb_info_cpu_over_networkx_cpu": info["process_cpu_seconds"] / nx["process_cpu_seconds"],
    "tb_info_rss_over_networkx_rss": info["peak_rss_mb"] / nx["peak_rss_mb"],
    "tb_info_csv_wall_seconds": info_csv["process_wall_seconds"],
    "import_time_ratio_networkx_over_thousandbrains": nx["import_seconds"] / java["import_seconds"],
    "process_wall_ratio_networkx_over_thousandbrains": nx["process_wall_seconds"] / java["process_wall_seconds"],
    "process_cpu_ratio_networkx_over_thousandbrains": nx["process_cpu_seconds"] / java["process_cpu_seconds"],
    "peak_rss_ratio_thousandbrains_over_networkx": java["peak_rss_mb"] / nx["peak_rss_mb"],
}
open(out_path, "w").write(json.dumps(out, indent=2) + "\n")
print(json.dumps(out, indent=2))
PY
