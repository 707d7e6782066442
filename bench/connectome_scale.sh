#!/usr/bin/env bash
# Fly-brain-size benchmark (issue 12): a generated directed graph of the FlyWire brain's size (139,255 nodes,
# 15,000,000 edges; heavy-tailed in- and out-degrees, weights from synapse counts, whole-step delays in [1, 4],
# leak 0) imported from CSV and from the binary .tbg format, compiled, simulated for T = 1000 steps at B = 1
# (the connectome-simulation case) and run forward+backward for T = 16 at B = 32 (the training case), beside the
# PyTorch peer (bench/connectome_peer.py over the shared peers.py: the same recurrence, RingForward for the
# simulation, FusedTemporal with hand-written BPTT for training) and the machine's STREAM bandwidth, all in this
# one command, one process after the other (never two at once: peak RSS and time are each process's own).
# First a small graph with leaks and fractional delays checks that the peer and ours compute the same states.
# Each timed process runs under /usr/bin/time -v (wall, CPU, peak RSS); the load average is recorded.
# Writes bench/results/connectome_scale.json and bench/results/connectome_scale.md.
#   bench/connectome_scale.sh                        # defaults below
#   NODES=20000 EDGES=1000000 OUT=/tmp/c.json MD=/tmp/c.md bench/connectome_scale.sh   # a quick run
# Needs `mvn -q -DskipTests package` (./tb builds it), gcc with OpenMP, /usr/bin/python3 with torch and numpy.
set -euo pipefail
cd "$(dirname "$0")/.."
NODES="${NODES:-139255}"
EDGES="${EDGES:-15000000}"
SEED="${SEED:-1}"
THREADS="${THREADS:-2}"
SIM_T="${SIM_T:-1000}"
# the peer's simulation (and ours on the peer's inputs) is timed over the first PEER_SIM_T of those steps: its
# per-step time is steady from the first step (no JIT), and all T steps take the peer far longer than ours
PEER_SIM_T="${PEER_SIM_T:-100}"
TRAIN_T="${TRAIN_T:-16}"
TRAIN_B="${TRAIN_B:-32}"
HEAP="${HEAP:--Xmx8g}"
OUT="${OUT:-bench/results/connectome_scale.json}"
MD="${MD:-bench/results/connectome_scale.md}"
if [ -z "${PEERS:-}" ]; then
  . bench/shared_dir.sh "$PWD"
  PEERS="$shared/bench/peers.py"
fi
[ -f "$PEERS" ] || { echo "connectome_scale: $PEERS not found (set PEERS=...)" >&2; exit 2; }
STREAM_SRC="$(dirname "$PEERS")/stream.c"
./tb help > /dev/null   # builds when sources changed
CP="examples/target/examples-0.1.0-SNAPSHOT.jar:examples/target/lib/*"
JAVA=(java "$HEAP" -XX:+UseParallelGC --add-modules jdk.incubator.vector -XX:PerMethodTrapLimit=100000 -cp "$CP")
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
timed() { local name="$1"; shift; /usr/bin/time -v -o "$tmp/$name.time" "$@" > "$tmp/$name.json" 2> "$tmp/$name.err" \
  || { echo "connectome_scale: $name failed:" >&2; tail -5 "$tmp/$name.err" >&2; exit 1; }; }
BENCH=("${JAVA[@]}" org.thousandbrains.bench.ConnectomeBench)
PEER=(/usr/bin/python3 bench/connectome_peer.py "$PEERS")
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# 1. the peer computes what we compute: a small graph with leaks in [0, 0.8) and fractional delays in [1, 4]
"${BENCH[@]}" generate "$tmp/check.csv" 3000 60000 7 0.8 1
./tb convert "$tmp/check.csv" "$tmp/check.tbg" > /dev/null
timed check_ours "${BENCH[@]}" run "$tmp/check.tbg" 24 3 train "$THREADS" "$tmp/check_ours.f32"
timed check_peer "${PEER[@]}" "$tmp/check.tbg" 24 3 train "$THREADS" "$tmp/check_ours.f32"
timed check_ours_sim "${BENCH[@]}" run "$tmp/check.tbg" 40 1 simulate "$THREADS" "$tmp/check_ours_sim.f32"
timed check_peer_sim "${PEER[@]}" "$tmp/check.tbg" 40 1 simulate "$THREADS" "$tmp/check_ours_sim.f32"

# 2. the graph, as CSV, then converted to .tbg; import timed by tb info (cold JVM: read, compile, SCCs)
"${BENCH[@]}" generate "$tmp/brain.csv" "$NODES" "$EDGES" "$SEED"
timed convert env TB_JAVA_OPTS="$HEAP" ./tb convert "$tmp/brain.csv" "$tmp/brain.tbg"
timed info_csv env TB_JAVA_OPTS="$HEAP" ./tb info "$tmp/brain.csv" --json
timed info_tbg env TB_JAVA_OPTS="$HEAP" ./tb info "$tmp/brain.tbg" --json

# 3. simulate B = 1: `tb simulate` for T = SIM_T (Poisson drive on every node, the command a user runs), then for
# PEER_SIM_T steps the operator's inference pass on the inputs the peer gets, and the peer; 4. forward+backward T = TRAIN_T, B = TRAIN_B: ours, the peer
timed sim_tb env TB_JAVA_OPTS="$HEAP -XX:+UseParallelGC" ./tb simulate "$tmp/brain.tbg" --steps "$SIM_T" --drive all \
  --no-connectome-defaults --summary-only --json --threads "$THREADS" --out "$tmp/simulate"
timed sim_ours "${BENCH[@]}" run "$tmp/brain.tbg" "$PEER_SIM_T" 1 simulate "$THREADS"
timed sim_peer "${PEER[@]}" "$tmp/brain.tbg" "$PEER_SIM_T" 1 simulate "$THREADS"
timed train_ours "${BENCH[@]}" run "$tmp/brain.tbg" "$TRAIN_T" "$TRAIN_B" train "$THREADS"
timed train_peer "${PEER[@]}" "$tmp/brain.tbg" "$TRAIN_T" "$TRAIN_B" train "$THREADS"

# 5. STREAM bandwidth of this machine, same thread count
gcc -O3 -march=native -fopenmp "$STREAM_SRC" -o "$tmp/stream"
"$tmp/stream" "$THREADS" > "$tmp/stream.json"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

mkdir -p "$(dirname "$OUT")" "$(dirname "$MD")"
/usr/bin/python3 bench/connectome_summary.py "$tmp" "$OUT" "$MD" "$(stat -c %s "$tmp/brain.csv")" "$(stat -c %s "$tmp/brain.tbg")"
