#!/usr/bin/python3
"""Peer of CompileBench: the same compilation steps with NumPy/SciPy, as a Python user would write them.

Builds a uniform random directed multigraph of the same size (NumPy's generator, delays in [1, 8),
leaks in [0, 0.9]), then times, `repeats` times: CSR by target (stable argsort, gathers of the five
per-edge arrays, row pointers), CSC by source (stable argsort of the CSR sources), strongly connected
components (scipy.sparse.csgraph.connected_components, connection='strong') and the check that no
edge below delay 1 lies inside a component. Prints JSON with each run, the median and ru_maxrss.
Usage: compile_peer.py [--nodes N] [--edges E] [--seed S] [--repeats R]
"""
import argparse
import json
import resource
import time

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components


def compile_once(n, src, dst, w, d, lam, learn):
    order = np.argsort(dst, kind="stable")
    s, t = src[order], dst[order]
    cw, cd, cl, cb = w[order], d[order], lam[order], learn[order]
    row_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(t, minlength=n), out=row_ptr[1:])
    csc_edge = np.argsort(s, kind="stable")
    col_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(s, minlength=n), out=col_ptr[1:])
    out_adj = csr_matrix((np.ones(len(s), dtype=np.int8), t[csc_edge], col_ptr), shape=(n, n))
    out_adj.sum_duplicates()  # SciPy 1.10's strong components are wrong on rows with duplicate entries
    count, comp = connected_components(out_adj, directed=True, connection="strong")
    bad = np.flatnonzero((cd < 1.0) & (comp[s] == comp[t]))
    if bad.size:
        raise ValueError("instant edge inside a component")
    return count, (row_ptr, cw, cl, cb)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=1_000_000)
    ap.add_argument("--edges", type=int, default=10_000_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    t0 = time.perf_counter()
    src = rng.integers(0, a.nodes, a.edges, dtype=np.int32)
    dst = rng.integers(0, a.nodes, a.edges, dtype=np.int32)
    fan_in = max(1.0, a.edges / a.nodes)
    w = rng.standard_normal(a.edges) / np.sqrt(fan_in)
    d = 1.0 + 7.0 * rng.random(a.edges)
    lam = 0.9 * rng.random(a.edges)
    learn = np.full(a.edges, 7, dtype=np.int8)
    build = time.perf_counter() - t0
    runs = []
    count = 0
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        count, _ = compile_once(a.nodes, src, dst, w, d, lam, learn)
        runs.append(time.perf_counter() - t0)
    print(json.dumps({
        "benchmark": "compile", "tool": "numpy argsort + scipy.sparse.csgraph (strong)",
        "nodes": a.nodes, "edges": a.edges, "seed": a.seed, "scc_count": int(count),
        "build_seconds": build, "compile_seconds": runs,
        "compile_seconds_median": float(np.median(runs)),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "numpy": np.__version__,
    }, indent=2))


if __name__ == "__main__":
    main()
