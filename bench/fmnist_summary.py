#!/usr/bin/python3
"""Summary of bench/fmnist_vs_peer.sh: means over seeds of our runs and the PyTorch peer's, ratios, targets.

usage: fmnist_summary.py RESULTS_DIR PEER_ACCURACY_JSON THREADS   (writes RESULTS_DIR/summary.{md,json}, prints the md)
"""
import glob, json, os, statistics, sys

out, peer_path, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])


def mean(xs):
    return statistics.mean(xs) if xs else float("nan")


def noise_at(noise, level):
    for row in noise:
        if abs(row["level"] - level) < 1e-9:
            return row["accuracy"]
    return float("nan")


ours = {}
for res in sorted(glob.glob(os.path.join(out, "tb-*-*", "results.json"))):
    d = os.path.dirname(res)
    r = json.load(open(res))
    e = json.load(open(os.path.join(d, "eval-brief.json")))
    m = r["config"]["model"]
    rss = open(d + ".maxrss_kb").read().split()[-1] if os.path.exists(d + ".maxrss_kb") else "nan"
    ours.setdefault(m, []).append({"seed": r["config"]["seed"], "acc": r["test_accuracy"], "n02": noise_at(e["noise"], 0.2),
                                   "s_epoch": r["seconds_per_epoch"], "rss_mb": float(rss) / 1024})

peer = {}
pj = json.load(open(peer_path))
for r in pj["runs"]:
    if r.get("dataset") != "fashion-mnist":
        continue
    n = r["noise"]["k_inf_1.0" if r["model"] == "sparse" else "acc"]
    peer.setdefault(r["model"], []).append({"seed": r["seed"], "acc": r["final_test_acc"], "n02": n["0.2"],
                                            "s_epoch": r["median_train_s_per_epoch"]})

timing = {}


def keep_best(key, r):
    if key not in timing or r["est_epoch_s_min"] < timing[key]["est_epoch_s_min"]:
        timing[key] = r


for path in glob.glob(os.path.join(out, "tb_timing_*.json")):
    for r in json.load(open(path))["train"]:
        keep_best(("tb", r["model"], r["threads"]), r)
for path in glob.glob(os.path.join(out, "torch_timing_*.json")):
    for r in json.load(open(path))["train"]:
        keep_best(("torch", r["model"], r["threads"]), r)


def rss(name):
    p = os.path.join(out, name)
    return float(open(p).read().split()[-1]) / 1024 if os.path.exists(p) else float("nan")


summary = {"threads": threads, "models": {}, "targets": {}}
lines = ["# Fashion-MNIST 784-512-512-10, 10 epochs, batch 128, Adam 1e-3: thousandBrains beside PyTorch", "",
         "Accuracy: means over seeds (ours: this run; PyTorch: %s)." % os.path.relpath(peer_path, out), "",
         "| model | seeds | test acc (ours) | test acc (PyTorch) | noise 0.2 (ours) | noise 0.2 (PyTorch) | peak RSS MB (ours, tb train) |",
         "|---|---|---|---|---|---|---|"]
for m in ("dense", "sparse", "units"):
    if m not in ours:
        continue
    o, p = ours[m], peer.get(m, [])
    row = {"seeds": [x["seed"] for x in o], "test_accuracy": mean([x["acc"] for x in o]),
           "noise_0.2": mean([x["n02"] for x in o]), "peak_rss_mb": max(x["rss_mb"] for x in o),
           "peer_test_accuracy": mean([x["acc"] for x in p]), "peer_noise_0.2": mean([x["n02"] for x in p]),
           "per_seed": o}
    summary["models"][m] = row
    lines.append("| %s | %s | %.4f | %.4f | %.4f | %.4f | %.0f |" % (m, " ".join(str(s) for s in row["seeds"]), row["test_accuracy"],
                 row["peer_test_accuracy"], row["noise_0.2"], row["peer_noise_0.2"], row["peak_rss_mb"]))

if timing:
    lines += ["", "Speed, measured one right after the other, model by model, best of two rounds (est_epoch_s_min: sum "
              "over 10 chunks of the min of 3; ratio = ours / PyTorch, < 1 is faster):", "",
              "| model | ours s/epoch (%d thr) | PyTorch 1 thr | PyTorch 2 thr | ratio vs best PyTorch | ours naive median | PyTorch naive median (best) |" % threads,
              "|---|---|---|---|---|---|---|"]
    for m in ("dense", "sparse"):
        t = timing.get(("tb", m, threads))
        p1, p2 = timing.get(("torch", m, 1)), timing.get(("torch", m, 2))
        if not t or not (p1 or p2):
            continue
        best = min(x["est_epoch_s_min"] for x in (p1, p2) if x)
        best_med = min(x["naive_median_epoch_s"] for x in (p1, p2) if x)
        ratio = t["est_epoch_s_min"] / best
        summary["models"].setdefault(m, {})["speed"] = {"ours": t, "torch_1": p1, "torch_2": p2, "ratio_vs_best_torch": ratio,
                                                        "ratio_naive_median": t["naive_median_epoch_s"] / best_med}
        lines.append("| %s | %.2f | %s | %s | %.2f | %.2f | %.2f |" % (m, t["est_epoch_s_min"],
                     "%.2f" % p1["est_epoch_s_min"] if p1 else "-", "%.2f" % p2["est_epoch_s_min"] if p2 else "-", ratio,
                     t["naive_median_epoch_s"], best_med))
    lines.append("")
    lines.append("Peak RSS of the timing processes (largest): ours %.0f MB, PyTorch %.0f MB. Load averages: %s." % (
        max([rss(os.path.basename(p)) for p in glob.glob(os.path.join(out, "tb_timing_*.maxrss_kb"))] or [float("nan")]),
        max([rss(os.path.basename(p)) for p in glob.glob(os.path.join(out, "torch_timing_*.maxrss_kb"))] or [float("nan")]),
        "; ".join("%s %s %d thr %s" % (k[0], k[1], k[2], list(v.get("loadavg", []))) for k, v in sorted(timing.items()))))

if os.path.exists(os.path.join(out, "blas.json")):
    summary["blas"] = json.load(open(os.path.join(out, "blas.json")))
    lines += ["", "OpenBLAS kernels for our runs: OPENBLAS_CORETYPE=%s (environment: %s)." % (
        summary["blas"]["openblas_coretype_ours"], summary["blas"]["environment_openblas_coretype"])]

d, s = summary["models"].get("dense", {}), summary["models"].get("sparse", {})
targets = {
    "dense_accuracy_ge_0.885": d.get("test_accuracy", 0) >= 0.885,
    "sparse_accuracy_ge_0.875": s.get("test_accuracy", 0) >= 0.875,
    "sparse_minus_dense_noise_0.2_ge_0.05": (s.get("noise_0.2", 0) - d.get("noise_0.2", 1)) >= 0.05,
    "sparse_not_slower_than_pytorch_sparse": s["speed"]["ratio_vs_best_torch"] <= 1.0 if "speed" in s else None,
    "dense_within_2x_of_pytorch_dense": d["speed"]["ratio_vs_best_torch"] <= 2.0 if "speed" in d else None,
}
summary["targets"] = targets
lines += ["", "Targets: " + ", ".join("%s %s" % (k, "not measured" if v is None else "met" if v else "NOT met")
                                     for k, v in targets.items()), ""]
open(os.path.join(out, "summary.json"), "w").write(json.dumps(summary, indent=1, default=str) + "\n")
open(os.path.join(out, "summary.md"), "w").write("\n".join(lines))
print("\n".join(lines))
