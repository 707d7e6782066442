#!/usr/bin/python3
"""PyTorch peer of bench/connectome_scale.sh: the operator's recurrence (DESIGN.md "The computation":
fractional delayed read, leaky edge trace, aggregation, relu) on a graph read from a .tbg file, with the
torch peers of the shared peers.py (torch.sparse-free gather/index_add_ kernels, the fastest torch variants
measured there): RingForward for the simulation (inference, ring of kmax+1 states) and FusedTemporal
(hand-written BPTT, no per-edge trace stored) for forward+backward.

  connectome_peer.py PEERS.py FILE.tbg T B simulate|train THREADS [OUR_STATES.f32]

Inputs and loss are those of ConnectomeBench: I[t][v][b] = 0.5 sin(0.7 t + 1.3 v + 2.1 b) (t = 1..T),
L = sum R * x(T) with R[v][b] = cos(0.3 v + 0.9 b). With OUR_STATES (x(T) written by ConnectomeBench) the
max abs difference of the states is reported. Prints one JSON line.
"""
import importlib.util
import json
import resource
import sys
import time

import numpy as np
import torch


def load_peers(path):
    spec = importlib.util.spec_from_file_location("peers", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_tbg(path):
    """The columns of a .tbg file (layout in TbgHeader.java): src, dst, weight, delay, leak, bias."""
    head = np.fromfile(path, dtype=np.uint8, count=112)
    assert bytes(head[:8]) == b"TBGRAPH\x1a", "not a .tbg file"
    assert int(head[8:12].view("<i4")[0]) == 1, "unsupported .tbg version"
    n, e = (int(x) for x in head[16:32].view("<i8"))
    pad = lambda x: (x + 7) & ~7
    mm = np.memmap(path, dtype=np.uint8, mode="r")
    off = 112
    src = mm[off:off + 4 * e].view("<i4"); off += 4 * e
    dst = mm[off:off + 4 * e].view("<i4"); off += 4 * e
    w = mm[off:off + 8 * e].view("<f8"); off += 8 * e
    d = mm[off:off + 8 * e].view("<f8"); off += 8 * e
    lam = mm[off:off + 8 * e].view("<f8"); off += 8 * e
    off += pad(e)                      # learnable
    off += pad(2 * n)                  # kind, activation
    bias = mm[off:off + 8 * n].view("<f8")
    return n, src, dst, w, d, lam, bias


def main():
    peers_path, path, T, B, mode, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
    ours = sys.argv[7] if len(sys.argv) > 7 else None
    peers = load_peers(peers_path)
    torch.set_num_threads(threads)
    t0 = time.perf_counter()
    n, src, dst, w, d, lam, bias = read_tbg(path)
    f32 = torch.float32
    src_t = torch.from_numpy(np.asarray(src, dtype=np.int64))
    dst_t = torch.from_numpy(np.asarray(dst, dtype=np.int64))
    w_t = torch.from_numpy(np.asarray(w, dtype=np.float32))
    d_t = torch.from_numpy(np.asarray(d, dtype=np.float32))
    lam_t = torch.from_numpy(np.asarray(lam, dtype=np.float32))
    b_t = torch.from_numpy(np.asarray(bias, dtype=np.float32))
    read_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    G = peers.TemporalGraph(n, src_t, dst_t, w_t, d_t, lam_t, b_t, f32)
    tt = np.arange(1, T + 1, dtype=np.float64)[:, None, None]
    vv = np.arange(n, dtype=np.float64)[None, :, None]
    bb = np.arange(B, dtype=np.float64)[None, None, :]
    I = torch.from_numpy((0.5 * np.sin(0.7 * tt + 1.3 * vv + 2.1 * bb)).astype(np.float32))
    R = torch.from_numpy(np.cos(0.3 * vv[0] + 0.9 * bb[0]).astype(np.float32))
    setup_s = time.perf_counter() - t1
    out = {"tool": "torch %s (peers.py %s)" % (torch.__version__, "RingForward" if mode == "simulate" else "FusedTemporal"),
           "mode": mode, "nodes": n, "edges": int(G.E), "steps": T, "batch": B, "threads": threads,
           "read_seconds": read_s, "setup_seconds": setup_s}
    t2 = time.perf_counter()
    if mode == "simulate":
        ring = peers.RingForward(G, w_t, d_t, lam_t, b_t, B)
        t2 = time.perf_counter()
        x = ring.run(I)
        out["run_seconds"] = time.perf_counter() - t2
    else:
        leaves = [t.clone().requires_grad_(True) for t in (w_t, d_t, lam_t, b_t)]
        x = peers.FusedTemporal.apply(*leaves, I, G)
        out["forward_seconds"] = time.perf_counter() - t2
        L = (x * R).sum()
        L.backward()
        out["run_seconds"] = time.perf_counter() - t2
        out["grad_abs_sums"] = dict(zip(["w", "d", "lam", "b"], [float(p.grad.abs().sum()) for p in leaves]))
        x = x.detach()
    out["ms_per_step"] = out["run_seconds"] * 1e3 / T
    out["checksum_loss"] = float((x.double() * R.double()).sum())
    if ours:
        theirs = torch.from_numpy(np.fromfile(ours, dtype="<f4").reshape(n, B))
        out["max_abs_diff_states_vs_ours"] = float((theirs - x).abs().max())
        out["max_abs_state"] = float(x.abs().max())
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


if __name__ == "__main__":
    main()
