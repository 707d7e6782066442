#!/usr/bin/env bash
# The temporal operator and its CSR SpMM kernel beside the PyTorch/SciPy peers, on this machine, in
# one command: for each round, `tb bench spmm` (B = 1, 32, 128) then peers.py's SpMM, then
# `tb bench propagate --backward` (N=100k, E=1M, B=32, T=16) then peers.py's temporal operator
# (ring_nograd, fused, autograd). Rounds interleave ours and the peer so both see the same load;
# ratios are taken per round, then the median over rounds. Writes bench/results/engine_vs_peers.json.
#
#   bench/engine_vs_peers.sh                 # ROUNDS=2 THREADS=2 by default
#   ROUNDS=3 THREADS=1 OUT=/tmp/x.json bench/engine_vs_peers.sh
#
# peers.py is found in shared/bench/ beside or above this checkout (or set PEERS=path/to/peers.py);
# it needs Debian's python3-torch and python3-scipy, run with /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${ROUNDS:-2}"
THREADS="${THREADS:-2}"
OUT="${OUT:-bench/results/engine_vs_peers.json}"
if [ -z "${PEERS:-}" ]; then
  . bench/shared_dir.sh "$PWD"
  PEERS="$shared/bench/peers.py"
fi
[ -f "$PEERS" ] || { echo "engine_vs_peers: $PEERS not found (set PEERS=...)" >&2; exit 2; }
export OMP_WAIT_POLICY=PASSIVE
./tb help > /dev/null   # builds once if needed, outside the timed runs
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS: spmm" >&2
  for B in 1 32 128; do
    ./tb bench spmm --nodes 100000 --edges 1000000 --batch "$B" --threads "$THREADS" --repeats 15 --json > "$tmp/ours_spmm_${r}_${B}.json"
  done
  /usr/bin/python3 "$PEERS" --only spmm --spmm 100000:1000000:1,100000:1000000:32,100000:1000000:128 \
      --threads "$THREADS" --spmm-runs 15 --quiet-wait 0 --out "$tmp/peer_spmm_${r}.json" > /dev/null
  echo "round $r/$ROUNDS: temporal" >&2
  ./tb bench propagate --nodes 100000 --edges 1000000 --batch 32 --steps 16 --backward --threads "$THREADS" \
      --repeats 3 --json > "$tmp/ours_propagate_${r}.json"
  /usr/bin/python3 "$PEERS" --only temporal --temporal 100000:1000000:32:16 --threads "$THREADS" \
      --variants ring_nograd,fused,autograd --temporal-reps 3 --quiet-wait 0 --out "$tmp/peer_temporal_${r}.json" > /dev/null
done
mkdir -p "$(dirname "$OUT")"
/usr/bin/python3 - "$tmp" "$ROUNDS" "$THREADS" "$OUT" <<'PY'
import datetime, json, os, statistics, subprocess, sys
tmp, rounds, threads, out_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
load = lambda name: json.load(open(os.path.join(tmp, name)))
med = statistics.median
rounds_out, spmm_ratio, t_ratio = [], {}, {}
for r in range(1, rounds + 1):
    rr = {"round": r, "spmm": {}, "temporal": {}}
    peer_spmm = load(f"peer_spmm_{r}.json")["spmm"]
    for B in (1, 32, 128):
        ours = load(f"ours_spmm_{r}_{B}.json")
        peer = next(p for p in peer_spmm if p.get("B") == B)
        peers = {m: v["median_ms"] for m, v in peer["methods"].items()}
        best = min(("torch_csr_i32", "torch_csr_i64", "scipy_csr"), key=lambda m: peers[m])
        ratio = ours["median_ms"] / peers[best]
        spmm_ratio.setdefault(B, []).append(ratio)
        rr["spmm"][str(B)] = {"ours_ms": ours["median_ms"], "peers_ms": peers, "best_peer": best,
                              "ratio_ours_over_best_peer": ratio, "ours_peak_rss_mb": ours["peak_rss_mb"],
                              "peer_background_during": peer.get("max_background_during"),
                              "ours_loadavg": ours.get("loadavg")}
    ours = load(f"ours_propagate_{r}.json")
    peer = {p["variant"]: p for p in load(f"peer_temporal_{r}.json")["temporal"] if "variant" in p}
    fb = {v: peer[v]["forward_backward"]["median_ms"] for v in ("fused", "autograd") if v in peer}
    best_fb = min(fb, key=fb.get)
    rss = {v: peer[v]["peak_rss_mb"] for v in peer}
    ratios = {
        "forward_backward_ours_over_best_peer": ours["forward_backward_ms"] / fb[best_fb],
        "forward_backward_ours_over_fused": ours["forward_backward_ms"] / fb["fused"],
        "peak_rss_ours_over_fused": ours["peak_rss_mb"] / rss["fused"],
        "peak_rss_ours_over_smallest_fb_peer": ours["peak_rss_mb"] / min(rss[v] for v in fb),
        "inference_forward_ours_over_ring_nograd": ours["inference_ms"] / peer["ring_nograd"]["forward"]["median_ms"],
        "training_forward_ours_over_fused_forward": ours["forward_ms"] / peer["fused"]["forward"]["median_ms"],
    }
    for k, v in ratios.items():
        t_ratio.setdefault(k, []).append(v)
    rr["temporal"] = {"ours": {k: ours[k] for k in ("forward_ms", "inference_ms", "forward_backward_ms", "backward_ms",
                                                    "forward_GBs", "peak_rss_mb", "loadavg")},
                      "peers": {v: {"forward_ms": peer[v]["forward"]["median_ms"],
                                    "forward_backward_ms": peer[v].get("forward_backward", {}).get("median_ms"),
                                    "peak_rss_mb": peer[v]["peak_rss_mb"],
                                    "background_during": peer[v].get("max_background_during")} for v in peer},
                      "best_forward_backward_peer": best_fb, "ratios": ratios}
    rounds_out.append(rr)
cpu = subprocess.run("lscpu | grep 'Model name'", shell=True, capture_output=True, text=True).stdout.strip()
summary = {
    "spmm_ratio_ours_over_best_peer_median": {str(B): med(v) for B, v in spmm_ratio.items()},
    "temporal_ratios_median": {k: med(v) for k, v in t_ratio.items()},
    "note": "ratio < 1: ours faster (or smaller). Per-round ratios of medians; peers best of torch CSR "
            "(int32/int64) and SciPy for SpMM, best of fused/autograd for forward+backward.",
}
res = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "threads": threads, "rounds": rounds,
       "machine": {"cpu": cpu, "nproc": os.cpu_count()}, "summary": summary, "per_round": rounds_out}
open(out_path, "w").write(json.dumps(res, indent=1) + "\n")
print(json.dumps(summary, indent=1))
PY
echo "wrote $OUT" >&2
