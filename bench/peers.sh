#!/usr/bin/env bash
# Times the same training step on other libraries and writes the peers file the bench report reads:
#   {"versions": {...}, "results": [one line per peer × batch × precision × threads], "gemm": [numpy's products]}
#
#   bench/peers.sh OUT.json [--jvm DIR] [--batches "10 64 256"]
#
# Always: numpy and PyTorch (../shared/peers/mlp_step.py) on 784-100-10 at each batch, float64 and float32, 1 and
# 2 threads, and numpy's GEMM on the GemmBenchmark shapes (bench/numpy_gemm.py). Needs /usr/bin/python3 with
# numpy and torch (Debian: python3-numpy libopenblas0-pthread python3-torch).
# --jvm DIR: also DL4J/ND4J and Smile, from a built copy of ../shared/peers/jvm (see its README: `mvn package`
# and `mvn -Psmile package` in a writable copy), as JMH runs at the same batches, precisions (Smile: f64 only)
# and thread counts, with OMP_WAIT_POLICY=PASSIVE (ND4J's spinning OpenMP threads collapse on a busy machine).
# BACKPROP_SHARED_DIR overrides where the shared folder is (default: ../shared beside the checkout).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:?usage: bench/peers.sh OUT.json [--jvm DIR] [--batches \"10 64 256\"]}
shift
jvm=""
batches="10 64 256"
while [ $# -gt 0 ]; do
  case "$1" in
    --jvm) jvm=${2:?--jvm needs the directory of a built copy of shared/peers/jvm}; shift 2 ;;
    --batches) batches=${2:?--batches needs a list such as \"10 64 256\"}; shift 2 ;;
    *) echo "peers.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
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
if [ -n "$jvm" ] && [ ! -f "$jvm/target/jvm-peers-1.0.jar" ]; then
  echo "peers.sh: $jvm/target/jvm-peers-1.0.jar not found; build the JVM peers first (see shared/peers/jvm/README.md)" >&2
  exit 1
fi
# Both class paths up front, before minutes of Python peers: DL4J's (mvn package) and Smile's (mvn -Psmile package).
for lib in lib lib-smile; do
  if [ -n "$jvm" ] && ! compgen -G "$jvm/target/$lib/jmh-core-*.jar" > /dev/null; then
    profile=""; [ "$lib" = lib-smile ] && profile=" -Psmile"
    echo "peers.sh: $jvm/target/$lib/ has no JMH jar; run 'mvn -q$profile package' in $jvm (shared/peers/jvm/README.md)" >&2
    exit 1
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lines="$work/steps.jsonl"
: > "$lines"
for lib in numpy torch; do
  for batch in $batches; do
    for dtype in float64 float32; do
      for threads in 1 2; do
        echo "  $lib batch $batch $dtype, $threads thread(s)" >&2
        "$python" "$script" --lib "$lib" --net 784,100,10 --batch "$batch" --dtype "$dtype" --threads "$threads" \
          --seconds 1 >> "$lines"
      done
    done
  done
done

echo "  numpy GEMM, 1 and 2 threads" >&2
"$root/bench/numpy_gemm.sh" "$work/gemm.jsonl"

# One JVM peer's JMH run (NAME CLASSPATH BENCHMARK THREADS): waits while another JMH run holds the machine-wide
# JMH lock, as the project's runner does, rather than failing or measuring beside it.
jvm_peer() {
  local name=$1 cp=$2 benchmark=$3 threads=$4 log="$work/$1-$4.log"
  while true; do
    if env -u OPENBLAS_NUM_THREADS -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$threads" \
        OMP_WAIT_POLICY=PASSIVE java -cp "$cp" org.openjdk.jmh.Main "$benchmark" -p threads="$threads" \
        -p batch="$(echo "$batches" | tr ' ' ',')" -f 1 -wi 3 -w 1 -i 5 -r 1 -rf json -rff "$work/$name-$threads.json" \
        > "$log" 2>&1; then
      return 0
    fi
    if ! grep -q "Unable to acquire the JMH lock" "$log"; then
      cat "$log" >&2
      exit 1
    fi
    echo "  (another JMH run holds /tmp/jmh.lock; waiting)" >&2
    sleep 15
  done
}

if [ -n "$jvm" ]; then
  for threads in 1 2; do
    echo "  DL4J and Smile, $threads thread(s)" >&2
    jvm_peer dl4j "$jvm/target/jvm-peers-1.0.jar:$jvm/target/lib/*" Dl4jStepBenchmark "$threads"
    jvm_peer smile "$jvm/target/jvm-peers-1.0.jar:$jvm/target/lib-smile/*" SmileStepBenchmark "$threads"
  done
fi

blas=$(dpkg-query -W -f='${Version}' libopenblas0-pthread 2>/dev/null || true)
mkdir -p "$(dirname "$out")"
tmp="$out.tmp.$$"
BLAS="$blas" JVM="$jvm" "$python" - "$work" > "$tmp" <<'PY'
import glob, json, os, platform, sys
import numpy, torch
work = sys.argv[1]
versions = {"numpy": numpy.__version__, "torch": torch.__version__, "python": platform.python_version()}
if os.environ.get("BLAS"):
    versions["blas"] = "OpenBLAS " + os.environ["BLAS"] + " (pthread)"
with open(os.path.join(work, "steps.jsonl")) as f:
    results = [json.loads(line) for line in f if line.strip()]
with open(os.path.join(work, "gemm.jsonl")) as f:
    gemm = [json.loads(line) for line in f if line.strip()]
if os.environ.get("JVM"):
    versions["dl4j"] = "1.0.0-M2.1 (ND4J, OpenBLAS 0.3.19)"
    versions["smile"] = "3.1.1 (OpenBLAS 0.3.26)"
    for peer, pattern in (("dl4j", "dl4j-*.json"), ("smile", "smile-*.json")):
        for path in sorted(glob.glob(os.path.join(work, pattern))):
            for r in json.load(open(path)):
                p = r["params"]
                batch = int(p["batch"])
                steps = r["primaryMetric"]["score"]
                results.append({"peer": peer, "net": p["network"].replace("-", ","), "batch": batch,
                                "dtype": "float32" if p.get("precision") == "f32" else "float64",
                                "threads": int(p["threads"]), "steps_per_s": steps, "samples_per_s": steps * batch})
print(json.dumps({"versions": versions, "results": results, "gemm": gemm}, indent=1))
PY
mv "$tmp" "$out"
echo "wrote $out" >&2
