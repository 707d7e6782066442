#!/usr/bin/python3
"""Summarises a bench/connectome_scale.sh run: JSON lines and /usr/bin/time -v reports of each process
-> results JSON and a markdown table.  connectome_summary.py TMP OUT.json OUT.md CSV_BYTES TBG_BYTES"""
import datetime
import json
import os
import re
import subprocess
import sys

tmp, out_path, md_path, csv_bytes, tbg_bytes = sys.argv[1:6]


def proc(name):
    text = open(os.path.join(tmp, name + ".time")).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    cpu = sum(float(re.search(r"%s time \(seconds\): (\S+)" % k, text).group(1)) for k in ("User", "System"))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    r = {"process_wall_seconds": seconds, "process_cpu_seconds": cpu, "peak_rss_mb": rss}
    body = open(os.path.join(tmp, name + ".json")).read().strip()
    if body.startswith("{"):
        r.update(json.loads(body if body.endswith("}") and "\n" in body else body.splitlines()[-1]))
    r.pop("per_step", None)
    return r


runs = {k: proc(k) for k in ("check_ours", "check_peer", "check_ours_sim", "check_peer_sim", "convert", "info_csv",
                             "info_tbg", "sim_tb", "sim_ours", "sim_peer", "train_ours", "train_peer")}
stream = json.load(open(os.path.join(tmp, "stream.json")))
N, E = runs["sim_ours"]["nodes"], runs["sim_ours"]["edges"]
kmax = 4


def step_bytes(B):
    """The peers' byte model of one ideal fused forward step (peers.py): 20 B of parameters and indices per edge,
    the trace read and written per edge and lane, the kmax+1 state slots read once, I read, x written."""
    return E * 20 + E * B * 8 + N * B * 4 * (kmax + 3)


def gbs(r, B):
    return step_bytes(B) / (r["ms_per_step"] * 1e-3) / 1e9


def rel(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


check = {
    "graph": "3000 nodes, 60000 edges, leaks in [0, 0.8), fractional delays in [1, 4]",
    "train_T24_B3_max_abs_diff_states": runs["check_peer"]["max_abs_diff_states_vs_ours"],
    "train_max_abs_state": runs["check_peer"]["max_abs_state"],
    "train_rel_diff_loss": rel(runs["check_ours"]["checksum_loss"], runs["check_peer"]["checksum_loss"]),
    "train_rel_diff_grad_abs_sums": {k: rel(runs["check_ours"]["grad_abs_sums"][k], runs["check_peer"]["grad_abs_sums"][k])
                                     for k in ("w", "d", "lam", "b")},
    "simulate_T40_B1_max_abs_diff_states": runs["check_peer_sim"]["max_abs_diff_states_vs_ours"],
    "simulate_max_abs_state": runs["check_peer_sim"]["max_abs_state"],
}
sim_o, sim_p, tr_o, tr_p = runs["sim_ours"], runs["sim_peer"], runs["train_ours"], runs["train_peer"]
sim_tb = runs["sim_tb"]
java_version = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
out = {
    "date": datetime.date.today().isoformat(),
    "graph": {"nodes": N, "edges": E, "csv_bytes": int(csv_bytes), "tbg_bytes": int(tbg_bytes),
              "generator": "ConnectomeBench generate (Chung-Lu, Pareto 1.6 out / 1.8 in weights; synapse counts 1+Geom(0.3);"
                           " 20% inhibitory sources; |w| per target summing to 0.9; delays 1..4 whole steps; leak 0)"},
    "machine": {"cpus": os.cpu_count(), "loadavg_at_summary": open("/proc/loadavg").read().split()[:3],
                "java": java_version, "python": sys.version.split()[0]},
    "stream": stream,
    "peer_check": check,
    "runs": runs,
    "tb_simulate": {"steps": sim_tb["steps"], "ms_per_step": sim_tb["ms_per_step"], "median_ms_per_step": sim_tb["median_ms_per_step"],
                    "speedup_over_peer": sim_p["ms_per_step"] / sim_tb["ms_per_step"], "process_wall_seconds": sim_tb["process_wall_seconds"],
                    "peak_rss_mb": sim_tb["peak_rss_mb"], "finite": sim_tb["finite"]},
    "simulate": {"steps": sim_o["steps"], "batch": 1, "ours_ms_per_step": sim_o["ms_per_step"], "peer_ms_per_step": sim_p["ms_per_step"],
                 "ours_GBs_model": gbs(sim_o, 1), "peer_GBs_model": gbs(sim_p, 1),
                 "speedup_ours_over_peer": sim_p["ms_per_step"] / sim_o["ms_per_step"],
                 "ours_peak_rss_mb": sim_o["peak_rss_mb"], "peer_peak_rss_mb": sim_p["peak_rss_mb"]},
    "forward_backward": {"steps": tr_o["steps"], "batch": tr_o["batch"], "ours_ms_per_step": tr_o["ms_per_step"],
                         "peer_ms_per_step": tr_p["ms_per_step"], "speedup_ours_over_peer": tr_p["ms_per_step"] / tr_o["ms_per_step"],
                         "ours_forward_GBs_model": step_bytes(tr_o["batch"]) * tr_o["steps"] / tr_o["forward_seconds"] / 1e9,
                         "peer_forward_GBs_model": step_bytes(tr_p["batch"]) * tr_p["steps"] / tr_p["forward_seconds"] / 1e9,
                         "ours_peak_rss_mb": tr_o["peak_rss_mb"], "peer_peak_rss_mb": tr_p["peak_rss_mb"]},
    "byte_model": "per forward step E*20 + E*B*8 + N*B*4*(kmax+3) bytes, kmax = 4 (peers.py)",
}
open(out_path, "w").write(json.dumps(out, indent=2) + "\n")

triad = max(v for k, v in stream.items() if "triad" in k and k.endswith("GBs") and not k.endswith("wa_GBs")) \
    if any("triad" in k for k in stream) else float("nan")
f = lambda x, d=1: ("%%.%df" % d) % x
lines = [
    "| %s nodes, %s edges (%s) | ours | PyTorch peer | ratio |" % (format(N, ","), format(E, ","), out["date"]),
    "| --- | --- | --- | --- |",
    "| import CSV (%d MB), `tb info` cold JVM: read, compile, SCCs | %s s, %s MB | | |" % (
        int(csv_bytes) / 1e6, f(runs["info_csv"]["process_wall_seconds"]), f(runs["info_csv"]["peak_rss_mb"], 0)),
    "| import .tbg (%d MB), `tb info` cold JVM | %s s, %s MB | | |" % (
        int(tbg_bytes) / 1e6, f(runs["info_tbg"]["process_wall_seconds"]), f(runs["info_tbg"]["peak_rss_mb"], 0)),
    "| `tb convert` CSV -> .tbg | %s s | | |" % f(runs["convert"]["process_wall_seconds"]),
    "| in process: read .tbg, compile | %s s, %s s | read .tbg + torch setup %s s | |" % (
        f(sim_o["read_seconds"], 2), f(sim_o["compile_seconds"], 2), f(sim_p["read_seconds"] + sim_p["setup_seconds"], 2)),
    "| operator inference pass (what `tb simulate` runs) T=%d, B=1, the peer's inputs: ms/step (model GB/s) | %s (%s) | %s (%s) | %sx faster |" % (
        sim_o["steps"], f(sim_o["ms_per_step"]), f(gbs(sim_o, 1), 2), f(sim_p["ms_per_step"]), f(gbs(sim_p, 1), 2),
        f(out["simulate"]["speedup_ours_over_peer"], 2)),
    "| `tb simulate` T=%d, B=1 (Poisson drive, every node): ms/step (median), process wall; peer: ms/step over its first %d steps | %s (%s), %s s | %s | %sx faster |" % (
        sim_tb["steps"], sim_p["steps"], f(sim_tb["ms_per_step"]), f(sim_tb["median_ms_per_step"]), f(sim_tb["process_wall_seconds"]),
        f(sim_p["ms_per_step"]), f(out["tb_simulate"]["speedup_over_peer"], 2)),
    "| `tb simulate` peak RSS | %s MB | %s MB | %s |" % (f(sim_tb["peak_rss_mb"], 0), f(sim_p["peak_rss_mb"], 0),
                                                        f(sim_tb["peak_rss_mb"] / sim_p["peak_rss_mb"], 2)),
    "| simulate peak RSS | %s MB | %s MB | %s |" % (f(sim_o["peak_rss_mb"], 0), f(sim_p["peak_rss_mb"], 0),
                                                    f(sim_o["peak_rss_mb"] / sim_p["peak_rss_mb"], 2)),
    "| forward+backward T=%d, B=%d: ms/step | %s | %s | %sx faster |" % (
        tr_o["steps"], tr_o["batch"], f(tr_o["ms_per_step"]), f(tr_p["ms_per_step"]), f(out["forward_backward"]["speedup_ours_over_peer"], 2)),
    "| forward+backward peak RSS | %s MB | %s MB | %s |" % (f(tr_o["peak_rss_mb"], 0), f(tr_p["peak_rss_mb"], 0),
                                                            f(tr_o["peak_rss_mb"] / tr_p["peak_rss_mb"], 2)),
    "| STREAM (%d threads), best triad | %s GB/s | | |" % (int(sim_o["threads"]), f(triad, 1)),
    "| peer check (small graph, leaks, fractional delays): max abs state diff train / simulate | %.2g / %.2g | | |" % (
        check["train_T24_B3_max_abs_diff_states"], check["simulate_T40_B1_max_abs_diff_states"]),
    "",
    "Load average at the end: %s; threads %d; Java %s." % (" ".join(out["machine"]["loadavg_at_summary"]), sim_o["threads"], java_version),
]
open(md_path, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
