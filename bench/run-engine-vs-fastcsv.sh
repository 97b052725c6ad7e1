#!/usr/bin/env bash
# Brushing lines/s of FastCSV parse-only, of the engine's brushing parser alone, of the engine up to a
# sink that discards the points, and of the whole engine (to line protocol thrown away, and to DuckDB) over the same generated 2,000,000-line dataset, on one
# core, and each one's ratio to FastCSV parse-only.
# Usage: bench/run-engine-vs-fastcsv.sh [JMH options, e.g. -wi 1 -i 2 for a quicker run]
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

result=bench/target/engine-vs-fastcsv.csv
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"${pin[@]}" java -jar bench/target/benchmarks.jar EngineVsFastCsv -rf csv -rff "$result" "$@"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

# CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
awk -F, '
  NR > 1 {
    name = $1; gsub(/"/, "", name); sub(/.*\./, "", name)
    score[name] = $5; error[name] = $6
  }
  END {
    printf "\n%-20s %15s %12s\n", "benchmark", "lines/s", "+-"
    for (n in score) printf "%-20s %15.0f %12.0f\n", n, score[n], error[n]
    if (score["fastcsvParseOnly"] > 0) {
      if ("streamsParserOnly" in score)
        printf "%-38s = %.2f\n", "engine parser / FastCSV parse-only", score["streamsParserOnly"] / score["fastcsvParseOnly"]
      if ("engineToNoSink" in score)
        printf "%-38s = %.2f\n", "engine, no sink / FastCSV parse-only", score["engineToNoSink"] / score["fastcsvParseOnly"]
      if ("engineToLpDevNull" in score)
        printf "%-38s = %.2f\n", "engine->lp / FastCSV parse-only", score["engineToLpDevNull"] / score["fastcsvParseOnly"]
      if ("engineToDuckDb" in score)
        printf "%-38s = %.2f\n", "engine->duckdb / FastCSV parse-only", score["engineToDuckDb"] / score["fastcsvParseOnly"]
    }
  }' "$result"
