#!/usr/bin/env python3
"""The GPU peers of device-check.sh, on the shapes of `tb bench spmm|propagate --device cuda`:

  spmm      one CSR step Y = A X: torch.sparse CSR (int32 and int64 indices) and PyTorch Geometric
            (MessagePassing, aggr='add', message w * x_j)
  temporal  T steps forward + backward (autograd) of the operator of DESIGN.md on a uniform random
            graph (fractional delays in [1, 8), leaky traces, leaks in [0, 0.9], relu), loss sum(x(T) R):
            the per-edge messages w s summed by target through torch.sparse CSR (an N x E incidence
            matrix) or through PyG's scatter

Prints one JSON object: median milliseconds and peak device memory per method (or the error, e.g.
out of memory). Runs on the CPU too (small shapes, for checking the script).
"""
import argparse
import json
import math
import time

import warnings

import torch

warnings.filterwarnings("ignore", message="Sparse CSR tensor support is in beta")


def sync(dev):
    if dev.type == "cuda":
        torch.cuda.synchronize()


def measure(fn, reps, dev):
    """Median ms over reps after one warm-up, and the peak device memory of one call (MB)."""
    try:
        fn()
        sync(dev)
        if dev.type == "cuda":
            torch.cuda.reset_peak_memory_stats()
        runs = []
        for _ in range(reps):
            t0 = time.perf_counter()
            fn()
            sync(dev)
            runs.append((time.perf_counter() - t0) * 1e3)
        runs.sort()
        peak = torch.cuda.max_memory_allocated() / 1e6 if dev.type == "cuda" else None
        return {"median_ms": runs[len(runs) // 2], "runs_ms": runs, "peak_memory_mb": peak}
    except RuntimeError as e:  # CUDA out of memory and the like: reported, not fatal
        if dev.type == "cuda":
            torch.cuda.empty_cache()
        return {"error": str(e).splitlines()[0]}


def graph(N, E, seed, dev):
    """E distinct uniform edges sorted by (target, source), as torch.sparse CSR requires."""
    g = torch.Generator().manual_seed(seed)
    keys = torch.unique(torch.randint(0, N * N, (E + E // 50 + 16,), generator=g))
    keys = keys[torch.randperm(keys.numel(), generator=g)[:E]].sort().values
    dst, src = keys // N, keys % N
    lam = 0.9 * torch.rand(E, generator=g)
    d = (1 + 7 * torch.rand(E, generator=g)).clamp(max=8 - 1e-6)
    w = torch.randn(E, generator=g) / math.sqrt(max(E / N, 1.0)) / (1 + 2 * lam)
    b = 0.1 * torch.randn(N, generator=g)
    crow = torch.zeros(N + 1, dtype=torch.int64)
    crow[1:] = torch.bincount(dst, minlength=N).cumsum(0)
    return [x.to(dev) for x in (src, dst, w, d, lam, b, crow)]


def pyg_sum():
    from torch_geometric.nn import MessagePassing

    class WeightedSum(MessagePassing):
        def __init__(self):
            super().__init__(aggr="add")

        def forward(self, x, edge_index, w):
            return self.propagate(edge_index, x=x, w=w)

        def message(self, x_j, w):
            return w.unsqueeze(1) * x_j

    return WeightedSum()


def spmm(N, E, B, reps, dev):
    src, dst, w, _, _, _, crow = graph(N, E, 0, dev)
    X = torch.randn(N, B, device=dev)
    out = {}
    A64 = torch.sparse_csr_tensor(crow, src, w, (N, N))
    A32 = torch.sparse_csr_tensor(crow.int(), src.int(), w, (N, N))
    out["torch_sparse_csr_i32"] = measure(lambda: A32 @ X, reps, dev)
    out["torch_sparse_csr_i64"] = measure(lambda: A64 @ X, reps, dev)
    try:
        conv = pyg_sum()
        ei = torch.stack([src, dst])
        out["pyg_message_passing"] = measure(lambda: conv(X, ei, w), reps, dev)
    except ImportError as e:
        out["pyg_message_passing"] = {"error": "PyTorch Geometric not installed: " + str(e)}
    return out


def temporal(N, E, B, T, reps, dev, aggregate):
    """Forward + backward by autograd; edges grouped by integer delay k so each group gathers two states."""
    src, dst, w0, d0, lam0, b0, _ = graph(N, E, 1, dev)
    g = torch.Generator().manual_seed(2)
    I = torch.randn(T, N, B, generator=g).to(dev)
    R = torch.randn(N, B, generator=g).to(dev)
    k = torch.floor(d0).long()
    perm = torch.argsort(k * N + src)          # group order: by delay, then source
    k, src, dst = k[perm], src[perm], dst[perm]
    params = [t[perm].clone().requires_grad_() for t in (w0, d0, lam0)] + [b0.clone().requires_grad_()]
    bounds = torch.searchsorted(k, torch.arange(1, int(k.max()) + 2, device=dev)).tolist()
    groups = [(kk + 1, bounds[kk], bounds[kk + 1]) for kk in range(len(bounds) - 1) if bounds[kk + 1] > bounds[kk]]
    agg = aggregate(src, dst, N, E, dev)

    def step():
        w, d, lam, b = params
        f = (d - torch.floor(d.detach())).unsqueeze(1)
        zero = torch.zeros(N, B, device=dev)
        xs = {}
        s = torch.zeros(E, B, device=dev)
        for t in range(1, T + 1):
            r = torch.cat([torch.lerp((xs.get(t - kk, zero))[src[lo:hi]], (xs.get(t - kk - 1, zero))[src[lo:hi]], f[lo:hi])
                           for kk, lo, hi in groups])
            s = lam.unsqueeze(1) * s + r
            xs[t] = torch.relu(b.unsqueeze(1) + I[t - 1] + agg(w.unsqueeze(1) * s))
        loss = (xs[T] * R).sum()
        for p in params:
            p.grad = None
        loss.backward()

    return measure(step, reps, dev)


def by_sparse_csr(src, dst, N, E, dev):
    """Sum of per-edge messages by target as torch.sparse CSR: incidence matrix [N][E] of ones."""
    order = torch.sort(dst, stable=True).indices   # edge positions by target, increasing within a row
    crow = torch.zeros(N + 1, dtype=torch.int64, device=dev)
    crow[1:] = torch.bincount(dst, minlength=N).cumsum(0)
    inc = torch.sparse_csr_tensor(crow, order, torch.ones(E, device=dev), (N, E))
    return lambda m: inc @ m


def by_pyg_scatter(src, dst, N, E, dev):
    from torch_geometric.utils import scatter
    return lambda m: scatter(m, dst, dim=0, dim_size=N, reduce="sum")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=1_000_000)
    ap.add_argument("--edges", type=int, default=10_000_000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--steps", type=int, default=16)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    a = ap.parse_args()
    dev = torch.device(a.device)
    res = {"device": torch.cuda.get_device_name(0) if dev.type == "cuda" else "cpu", "torch": torch.__version__,
           "nodes": a.nodes, "edges": a.edges, "batch": a.batch, "steps": a.steps,
           "spmm": spmm(a.nodes, a.edges, a.batch, a.reps, dev), "temporal": {}}
    try:
        import torch_geometric
        res["pyg"] = torch_geometric.__version__
    except ImportError:
        res["pyg"] = None
    for name, agg in (("torch_sparse_csr", by_sparse_csr), ("pyg_scatter", by_pyg_scatter)):
        try:
            res["temporal"][name] = temporal(a.nodes, a.edges, a.batch, a.steps, max(1, a.reps // 2), dev, agg)
        except ImportError as e:
            res["temporal"][name] = {"error": "PyTorch Geometric not installed: " + str(e)}
    print(json.dumps(res))


if __name__ == "__main__":
    main()
