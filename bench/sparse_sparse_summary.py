#!/usr/bin/python3
"""Summary of bench/sparse_sparse.sh: our sparse model with and without sparse-sparse beside PyTorch's models,
the accuracy runs, the sweep's 5%/5% point, and the issue's targets.

usage: sparse_sparse_summary.py RESULTS_DIR   (writes RESULTS_DIR/summary.{md,json}, prints the md)
"""
import glob, json, os, sys

out = sys.argv[1]


def load(name):
    p = os.path.join(out, name)
    return json.load(open(p)) if os.path.exists(p) else None


def by_batch(rows):
    return {r["batch"]: r for r in rows}


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2


def merged(name, ours):
    """A timing over its separate runs (NAME_forkN.json; results from before the forks have one NAME.json): each
    figure's median over the runs, and every run's own figures under "forks". Ours keeps its figures (inference
    included) in train[0], the peer's script in train and inference."""
    paths = sorted(glob.glob(os.path.join(out, f"{name}_fork*.json")))
    if not paths:
        return load(f"{name}.json")
    docs = [json.load(open(p)) for p in paths]
    trains = [d["train"][0] if ours else d["train"] for d in docs]
    infs = [t["inference"] for t in trains] if ours else [d["inference"] for d in docs]
    train = dict(trains[0])
    for key in ("est_epoch_s_min", "naive_median_epoch_s", "cpu_s_per_epoch_mean"):
        if key in train:
            train[key] = median([t[key] for t in trains])
    inference = []
    for i, row in enumerate(infs[0]):
        m = dict(row)
        for key in ("img_per_s_best", "latency_ms_per_batch", "img_per_cpu_s_mean"):
            m[key] = median([inf[i][key] for inf in infs])
        inference.append(m)
    forks = [{"epoch_s": t["est_epoch_s_min"], "epoch_cpu_s": t["cpu_s_per_epoch_mean"],
              "img_per_s": {x["batch"]: x["img_per_s_best"] for x in inf}} for t, inf in zip(trains, infs)]
    if ours:
        train["inference"], train["forks"] = inference, forks
        return {"train": [train]}
    doc = dict(docs[0])
    doc["train"], doc["inference"], doc["forks"] = train, inference, forks
    return doc


s = {"load": open(os.path.join(out, "load.txt")).read().strip().splitlines() if os.path.exists(os.path.join(out, "load.txt")) else []}
md = ["# Sparse-sparse execution: results", "", "Load (1, 5, 15 min) around each part:", ""]
md += ["    " + line for line in s["load"]]
auto, blocks = merged("tb_sparse_auto", True), merged("tb_sparse_blocks", True)
tsparse, tdense = merged("torch_sparse", False), load("torch_dense.json")
if auto and blocks and tsparse:
    a, b = auto["train"][0], blocks["train"][0]
    rows = [("ours, sparse model, auto (sparse-sparse)", a, by_batch(a["inference"]), a["threads"]),
            ("ours, sparse model, blocks (dense GEMM)", b, by_batch(b["inference"]), b["threads"]),
            ("PyTorch sparse (masked dense + k-winners)", tsparse["train"], by_batch(tsparse["inference"]), tsparse["torch_num_threads"]),
            ] + ([("PyTorch dense", tdense["train"], by_batch(tdense["inference"]), tdense["torch_num_threads"])] if tdense else [])
    md += ["", "## Fashion-MNIST 784-512-512-10", "",
           "Epoch: fmnist_timing.py's estimate (sum over 10 chunks of the min-of-reps wall time) and the process's CPU "
           "seconds per epoch (mean of the reps); inference: best wall time of the reps and images per CPU second (mean).", "",
           "| run | threads | epoch s (wall) | epoch CPU s | img/s b=1 | latency b=1 ms | img/s b=32 | img/s b=1000 | img/CPU-s b=1000 |",
           "|---|---|---|---|---|---|---|---|---|"]
    for name, tr, inf, th in rows:
        md.append(f"| {name} | {th} | {tr['est_epoch_s_min']:.2f} | {tr['cpu_s_per_epoch_mean']:.2f} | {inf[1]['img_per_s_best']:.0f} | "
                  f"{inf[1]['latency_ms_per_batch']:.3f} | {inf[32]['img_per_s_best']:.0f} | {inf[1000]['img_per_s_best']:.0f} | "
                  f"{inf[1000]['img_per_cpu_s_mean']:.0f} |")
    s["epoch_ratio_auto_vs_torch_sparse"] = a["est_epoch_s_min"] / tsparse["train"]["est_epoch_s_min"]
    s["epoch_cpu_ratio_auto_vs_torch_sparse"] = a["cpu_s_per_epoch_mean"] / tsparse["train"]["cpu_s_per_epoch_mean"]
    s["epoch_ratio_auto_vs_blocks"] = a["est_epoch_s_min"] / b["est_epoch_s_min"]
    s["epoch_cpu_ratio_auto_vs_blocks"] = a["cpu_s_per_epoch_mean"] / b["cpu_s_per_epoch_mean"]
    s["inference_b1000_auto_over_torch_sparse"] = by_batch(a["inference"])[1000]["img_per_s_best"] / by_batch(tsparse["inference"])[1000]["img_per_s_best"]
    s["inference_b1000_cpu_auto_over_torch_sparse"] = by_batch(a["inference"])[1000]["img_per_cpu_s_mean"] / by_batch(tsparse["inference"])[1000]["img_per_cpu_s_mean"]
    s["latency_b1_ms"] = {"ours_auto": by_batch(a["inference"])[1]["latency_ms_per_batch"],
                          "torch_sparse": by_batch(tsparse["inference"])[1]["latency_ms_per_batch"]}
    s["torch_num_threads"] = tsparse["torch_num_threads"]
    s["ours_threads"] = a["threads"]
    s["forks"] = {name: tr.get("forks", []) for name, tr in (("ours_auto", a), ("ours_blocks", b), ("torch_sparse", tsparse))}
    if a.get("forks") and len(a["forks"]) == len(tsparse.get("forks", [])):
        # ours and the peer took turns, so each pair of neighbouring runs shares the machine's drift
        pairs = list(zip(a["forks"], tsparse["forks"]))
        s["paired_epoch_ratio_median"] = median([x["epoch_s"] / y["epoch_s"] for x, y in pairs])
        s["paired_b1000_ratio_median"] = median([x["img_per_s"][1000] / y["img_per_s"][1000] for x, y in pairs])
    md.append("")
    for name, tr in (("ours, auto", a), ("ours, blocks", b), ("PyTorch sparse", tsparse)):
        if "forks" in tr:
            md.append(f"- {name}, each run (the table has the median of {len(tr['forks'])}): " + "; ".join(
                f"epoch {f['epoch_s']:.2f} s ({f['epoch_cpu_s']:.2f} CPU s), b=1000 {f['img_per_s'][1000]:.0f} img/s"
                for f in tr["forks"]))
    md += [f"- epoch, auto / PyTorch sparse: {s['epoch_ratio_auto_vs_torch_sparse']:.2f} wall, "
               f"{s['epoch_cpu_ratio_auto_vs_torch_sparse']:.2f} CPU (target ≤ 0.5); auto / blocks: "
               f"{s['epoch_ratio_auto_vs_blocks']:.2f} wall, {s['epoch_cpu_ratio_auto_vs_blocks']:.2f} CPU",
           f"- inference b=1000, auto / PyTorch sparse images/s: {s['inference_b1000_auto_over_torch_sparse']:.2f}× wall, "
           f"{s['inference_b1000_cpu_auto_over_torch_sparse']:.2f}× per CPU second (target ≥ 3×)",
           f"- threads: ours {a['threads']}, PyTorch torch.get_num_threads() = {tsparse['torch_num_threads']}"]
    if "paired_epoch_ratio_median" in s:
        md.append(f"- auto / PyTorch sparse, run by run (each of ours beside the peer's run after it), median: epoch "
                  f"{s['paired_epoch_ratio_median']:.2f}, b=1000 images/s {s['paired_b1000_ratio_median']:.2f}×")

acc = []
for res in sorted(glob.glob(os.path.join(out, "tb-*-*", "results.json"))):
    d = os.path.dirname(res)
    r = json.load(open(res))
    e = json.load(open(os.path.join(d, "eval-brief.json")))
    n02 = [x["accuracy"] for x in e["noise"] if abs(x["level"] - 0.2) < 1e-9]
    acc.append({"run": os.path.basename(d), "test_accuracy": r["test_accuracy"], "noise_0.2": n02[0] if n02 else None})
if acc:
    s["accuracy"] = acc
    md += ["", "## Accuracy (tb train + tb eval)", "", "| run | test accuracy | accuracy at 20% noise |", "|---|---|---|"]
    md += [f"| {x['run']} | {x['test_accuracy']:.4f} | {x['noise_0.2']:.4f} |" for x in acc]

sweep = load("sweep.json")
if sweep:
    pts = [r for r in sweep["rows"] if abs(r["weight_density"] - 0.05) < 1e-9 and abs(r["active"] - 0.05) < 0.003]
    if pts:
        p = pts[0]
        s["sweep_5_5"] = {"train_speedup_sparse_over_blocks": p["train_ms_blocks"] / p["train_ms_sparse"],
                          "train_speedup_auto_over_blocks": p["train_ms_blocks"] / p["train_ms_auto"],
                          "infer_speedup_sparse_over_blocks": p["infer_ms_blocks"] / p["infer_ms_sparse"]}
        md += ["", f"## Sweep ({sweep['width']} stack, B = {sweep['batch']}): see sweep.md and sweep.png", "",
               "- at 5% weights and 5% active: training step {:.1f}× (sparse) and {:.1f}× (auto) faster than the dense GEMM, "
               "inference {:.1f}× (target ≥ 5×)".format(*s["sweep_5_5"].values())]
json.dump(s, open(os.path.join(out, "summary.json"), "w"), indent=1)
open(os.path.join(out, "summary.md"), "w").write("\n".join(md) + "\n")
print("\n".join(md))
