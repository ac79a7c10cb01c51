#!/usr/bin/env bash
# numpy (OpenBLAS) GFLOP/s on the GemmBenchmark shapes at 1 and 2 threads, one JSON line each (see numpy_gemm.py).
#   bench/numpy_gemm.sh [OUT.jsonl]      (default: standard output)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python=${PEERS_PYTHON:-/usr/bin/python3}
out=${1:-/dev/stdout}
{
  for threads in 1 2; do
    OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads "$python" "$here/numpy_gemm.py" --threads "$threads"
  done
} > "$out"
