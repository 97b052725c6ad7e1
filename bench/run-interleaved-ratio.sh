#!/usr/bin/env bash
# The engine->lp / FastCSV parse-only ratio from runs that alternate in one JVM (A B B A), one core:
# each pair of runs is about a second apart, so the machine's drift in speed over minutes cancels out.
# Usage: bench/run-interleaved-ratio.sh [PAIRS [WARMUP]]   (defaults 40 and 15)
# Environment: MVN (default: mvn if installed, else ./mvnw), SKIP_BUILD=1 to reuse bench/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmarks-jar.sh

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The same heap as the JMH benchmarks' forks.
"${pin[@]}" java -Xms1g -Xmx1g -cp bench/target/benchmarks.jar toothbrush.ingest.bench.InterleavedRatio "$@"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
