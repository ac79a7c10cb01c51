#!/usr/bin/env bash
# Times the headline training step (784-100-10, batch 64) on numpy and PyTorch, float64 and float32, 1 and 2
# threads, with ../shared/peers/mlp_step.py, and writes the peers file the bench report reads:
#   {"versions": {...}, "results": [one mlp_step.py line per run]}
#
#   bench/peers.sh OUT.json
#
# Needs /usr/bin/python3 with numpy and torch (Debian: python3-numpy libopenblas0-pthread python3-torch).
# BACKPROP_SHARED_DIR overrides where the shared folder is (default: ../shared beside the checkout).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:?usage: bench/peers.sh OUT.json}
shared=${BACKPROP_SHARED_DIR:-$root/../shared}
script="$shared/peers/mlp_step.py"
python=${PEERS_PYTHON:-/usr/bin/python3}

if [ ! -f "$script" ]; then
  echo "peers.sh: $script not found; set BACKPROP_SHARED_DIR to the folder holding peers/mlp_step.py" >&2
  exit 1
fi
if ! "$python" -c 'import numpy, torch' 2>/dev/null; then
  echo "peers.sh: $python cannot import numpy and torch; install python3-numpy libopenblas0-pthread python3-torch" >&2
  exit 1
fi

lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
for lib in numpy torch; do
  for dtype in float64 float32; do
    for threads in 1 2; do
      echo "  $lib $dtype, $threads thread(s)" >&2
      "$python" "$script" --lib "$lib" --net 784,100,10 --batch 64 --dtype "$dtype" --threads "$threads" \
        --seconds 1 >> "$lines"
    done
  done
done

blas=$(dpkg-query -W -f='${Version}' libopenblas0-pthread 2>/dev/null || true)
mkdir -p "$(dirname "$out")"
tmp="$out.tmp.$$"
BLAS="$blas" "$python" - "$lines" > "$tmp" <<'PY'
import json, os, platform, sys
import numpy, torch
versions = {"numpy": numpy.__version__, "torch": torch.__version__, "python": platform.python_version()}
if os.environ.get("BLAS"):
    versions["blas"] = "OpenBLAS " + os.environ["BLAS"] + " (pthread)"
with open(sys.argv[1]) as f:
    results = [json.loads(line) for line in f if line.strip()]
print(json.dumps({"versions": versions, "results": results}, indent=1))
PY
mv "$tmp" "$out"
echo "wrote $out" >&2
