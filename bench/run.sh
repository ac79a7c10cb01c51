#!/usr/bin/env bash
# Builds the benchmarks and runs one profile, then writes docs/benchmarks.md and its charts (docs/benchmarks/).
#
#   ./bench/run.sh quick [--peers [--jvm-peers DIR]] [--backends a,b] [--note TEXT] [--out DIR] [--report PAGE]
#   ./bench/run.sh full  [...]
#
# quick: the headline step (784-100-10, batch 64) on every backend × f64/f32 × 1/2 threads with -prof gc, and the
#        GEMMs of that step plus square 256/512 (a few minutes; about 1.5 minutes per backend on 2 cores).
# full:  every benchmark configuration (about an hour on 2 cores with four backends).
# --peers times numpy and PyTorch (their steps at batch 10, 64 and 256, and numpy's GEMM) first, in the same sitting
# (bench/peers.sh; needs /usr/bin/python3 with numpy and torch); without it nothing here needs Python.
# --jvm-peers DIR adds DL4J and Smile from a built copy of ../shared/peers/jvm (see its README).
# JAVA_HOME picks the JDK; the benchmark JVMs use the same one.
# The JMH JSON stays in bench/results/; `java -jar bench/target/benchmarks.jar report DIR` rewrites the page from it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage="usage: ./bench/run.sh quick|full|smoke [--peers [--jvm-peers DIR]] [--backends a,b] [--note TEXT] [--out DIR] [--report PAGE]"
if [ $# -lt 1 ]; then echo "$usage" >&2; exit 2; fi
profile=$1
shift
case "$profile" in
  quick|full|smoke) ;;
  *) echo "run.sh: unknown profile '$profile'; $usage" >&2; exit 2 ;;
esac

with_peers=0
jvm_peers=()
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --peers) with_peers=1; shift ;;
    --jvm-peers) jvm_peers=(--jvm "${2:?--jvm-peers needs the directory of a built copy of shared/peers/jvm}"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

java_cmd=java
if [ -n "${JAVA_HOME:-}" ]; then java_cmd="$JAVA_HOME/bin/java"; fi

echo "==> building bench/target/benchmarks.jar"
./mvnw -q -B -ntp -pl bench -am -DskipTests package

if [ "$with_peers" = 1 ]; then
  mkdir -p bench/results
  peers_file="bench/results/peers-$(date -u +%Y%m%d-%H%M%S).json"
  echo "==> timing the peers (numpy, PyTorch) into $peers_file"
  bench/peers.sh "$peers_file" ${jvm_peers[@]+"${jvm_peers[@]}"}
  args+=(--peers "$peers_file")
fi

echo "==> running the $profile profile"
exec "$java_cmd" -jar bench/target/benchmarks.jar "$profile" ${args[@]+"${args[@]}"}
