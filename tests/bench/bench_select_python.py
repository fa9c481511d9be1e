#!/usr/bin/python3
"""Baseline for bench_select: k-center greedy and herding as DeepCore's code computes
them (written here from its description, numpy only): per class, k-center keeps the
running minimum distance and takes the arg-max; herding takes DeepCore's arg-max of
|| (k + 1) mu - S - x || over the unselected samples. Prints one JSON line with the
selection time (the load excluded) and the count.

    /usr/bin/python3 bench_select_python.py FEATURES.npy LABELS.npy kcenter|herding RATIO [SEED]
"""
import json
import sys
import time

import numpy as np


def kcenter(x, budget, rng):
    n = x.shape[0]
    first = int(rng.integers(n))
    sq = np.einsum("ij,ij->i", x, x)
    mins = np.maximum(sq + sq[first] - 2.0 * (x @ x[first]), 0.0)
    picks = [first]
    for _ in range(1, budget):
        p = int(np.argmax(mins))
        picks.append(p)
        mins = np.minimum(mins, np.maximum(sq + sq[p] - 2.0 * (x @ x[p]), 0.0))
    return picks


def herding(x, budget):
    n = x.shape[0]
    mu = x.mean(axis=0)
    s = np.zeros_like(mu)
    free = np.ones(n, dtype=bool)
    picks = []
    for k in range(budget):
        cand = np.flatnonzero(free)
        d = np.linalg.norm((k + 1) * mu - s - x[cand], axis=1)
        p = int(cand[np.argmax(d)])
        picks.append(p)
        free[p] = False
        s += x[p]
    return picks


def main():
    features, labels, method, ratio = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    x = np.load(features, mmap_mode="r")
    y = np.load(labels)
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    count = 0
    for c in np.unique(y):
        rows = np.flatnonzero(y == c)
        xc = np.ascontiguousarray(x[rows], dtype=np.float32)
        budget = int(round(ratio * len(rows)))
        picks = kcenter(xc, budget, rng) if method == "kcenter" else herding(xc, budget)
        count += len(picks)
    print(json.dumps({"method": method, "select_s": time.perf_counter() - t0, "count": count}))


if __name__ == "__main__":
    main()
