#!/usr/bin/env bash
# Compile benchmark at 1M nodes / 10M edges: CompileBench (Java) and its NumPy/SciPy peer in one
# command, one after the other, combined into bench/results/compile_10M.json with the time ratio.
# Needs `mvn -q -DskipTests package` first (or TB_CP set to a classpath holding examples and deps).
set -euo pipefail
cd "$(dirname "$0")/.."
CP="${TB_CP:-$(ls examples/target/examples-*.jar | grep -v -- -tests.jar | head -1):examples/target/lib/*}"
NODES="${NODES:-1000000}"
EDGES="${EDGES:-10000000}"
OUT="${OUT:-bench/results/compile_10M.json}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
java -Xmx6g -cp "$CP" org.thousandbrains.bench.CompileBench --nodes "$NODES" --edges "$EDGES" --out "$tmp/java.json" > /dev/null
/usr/bin/python3 bench/compile_peer.py --nodes "$NODES" --edges "$EDGES" > "$tmp/peer.json"
mkdir -p "$(dirname "$OUT")"
/usr/bin/python3 - "$tmp/java.json" "$tmp/peer.json" "$OUT" <<'PY'
import json, sys, datetime
java, peer = (json.load(open(p)) for p in sys.argv[1:3])
out = {
    "date": datetime.date.today().isoformat(),
    "thousandbrains": java,
    "peer": peer,
    "compile_time_ratio_java_over_peer": java["compile_seconds_median"] / peer["compile_seconds_median"],
    "peak_rss_ratio_java_over_peer": java["peak_rss_mb"] / peer["peak_rss_mb"],
}
open(sys.argv[3], "w").write(json.dumps(out, indent=2) + "\n")
print(json.dumps(out, indent=2))
PY
