#!/usr/bin/env python3
"""Times numpy's matrix products (OpenBLAS) on the GEMM shapes of the JMH GemmBenchmark, for the ratios in
the README and the issue notes: one JSON line per (shape, dtype, threads) with GFLOP/s (2*m*k*n per product).

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/numpy_gemm.py --threads 1
    bench/numpy_gemm.sh    # both thread counts, each in its own process (OpenBLAS fixes its threads at load)

Operands are seeded, C-ordered (row-major, like ours), and each form is the same product with the same
transposes as our gemm call: W.A, D.A^T (A^T a view, as our transB flag) and W^T.D.

"gflops" is the mean of the timed rounds, the same estimator as JMH's score (the mean of its measurement
iterations), which the report divides by; "best_gflops" is the fastest round. Until 2026-12-05 "gflops" was the
best of three rounds: on a shared host whose speed moves between seconds that favoured numpy against JMH's mean
(on a 2-vCPU Intel Xeon, the best JMH iteration of our 512^3 GEMM ran 1.1-1.3x its mean)."""
import argparse
import json
import time

import numpy as np

SHAPES = [  # name, m, k, n, form
    ("WA:100x784x64", 100, 784, 64, "nn"),
    ("DAt:100x64x784", 100, 64, 784, "nt"),
    ("WtD:100x10x64", 100, 10, 64, "tn"),
    ("WA:256x256x256", 256, 256, 256, "nn"),
    ("WA:512x512x512", 512, 512, 512, "nn"),
    ("WA:1024x1024x1024", 1024, 1024, 1024, "nn"),
]


def operands(m, k, n, form, dtype, rng):
    a = rng.standard_normal((k, m) if form == "tn" else (m, k)).astype(dtype)
    b = rng.standard_normal((n, k) if form == "nt" else (k, n)).astype(dtype)
    opa = a.T if form == "tn" else a
    opb = b.T if form == "nt" else b
    return opa, opb, np.empty((m, n), dtype=dtype)


def gflops(m, k, n, form, dtype, seconds, rng, rounds):
    """(mean, best) GFLOP/s over `rounds` timed rounds after a warm-up."""
    opa, opb, c = operands(m, k, n, form, dtype, rng)
    end = time.perf_counter() + seconds / (rounds + 1)  # warm-up
    while time.perf_counter() < end:
        np.matmul(opa, opb, out=c)
    rates = []
    for _ in range(rounds):
        count, start = 0, time.perf_counter()
        end = start + seconds / (rounds + 1)
        while True:
            np.matmul(opa, opb, out=c)
            count += 1
            now = time.perf_counter()
            if now >= end:
                break
        rates.append(2.0 * m * k * n * count / (now - start) / 1e9)
    return sum(rates) / len(rates), max(rates)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--threads", type=int, required=True, help="what OPENBLAS_NUM_THREADS was set to (recorded)")
    p.add_argument("--seconds", type=float, default=1.8, help="time per shape and dtype, warm-up included")
    p.add_argument("--rounds", type=int, default=5, help="timed rounds per shape and dtype")
    args = p.parse_args()
    rng = np.random.default_rng(42)
    for name, m, k, n, form in SHAPES:
        for dtype in ("float64", "float32"):
            mean, best = gflops(m, k, n, form, dtype, args.seconds, rng, args.rounds)
            print(json.dumps({"lib": "numpy " + np.__version__, "shape": name, "dtype": dtype,
                              "threads": args.threads, "gflops": round(mean, 2), "best_gflops": round(best, 2)}),
                  flush=True)


if __name__ == "__main__":
    main()
