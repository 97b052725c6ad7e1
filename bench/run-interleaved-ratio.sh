#!/usr/bin/env bash
# The engine->lp / FastCSV parse-only ratio from runs that alternate in one JVM (A B B A), one core:
# each pair of runs is about a second apart, so the machine's drift in speed over minutes cancels out.
# Usage: bench/run-interleaved-ratio.sh [PAIRS [WARMUP]]   (defaults 40 and 15)
# Environment: MVN (default: mvn if installed, else ./mvnw), SKIP_BUILD=1 to reuse bench/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-$(command -v mvn || echo ./mvnw)}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building the engine and bench/target/benchmarks.jar ..." >&2
  "$MVN" -q -B install -DskipTests -pl bootstrap -am
  "$MVN" -q -B -f bench/pom.xml package
fi

pin=()
if command -v taskset >/dev/null 2>&1; then
  pin=(taskset -c 0)
else
  echo "taskset not found: running on all cores" >&2
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The same heap as the JMH benchmarks' forks.
"${pin[@]}" java -Xms1g -Xmx1g -cp bench/target/benchmarks.jar toothbrush.ingest.bench.InterleavedRatio "$@"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
