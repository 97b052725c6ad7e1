#!/usr/bin/env bash
# Brushing lines/s of FastCSV parse-only, of the engine's brushing parser alone, of the engine up to a
# sink that discards the points, and of the whole engine (to line protocol thrown away, and to DuckDB) over the same generated 2,000,000-line dataset, on one
# core, and each one's ratio to FastCSV parse-only.
# Usage: bench/run-engine-vs-fastcsv.sh [JMH options, e.g. -wi 1 -i 2 for a quicker run]
# Environment: MVN (default: mvn if installed, else ./mvnw), SKIP_BUILD=1 to reuse bench/target/benchmarks.jar,
# ROUNDS=N to run everything N times and report the median ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmarks-jar.sh

# The machine's speed can drift by a third over minutes (shared cores): ROUNDS=N runs every benchmark N
# times, one round after another, and reports each round's ratios and their median, so that a ratio is
# always taken between runs close in time.
rounds=${ROUNDS:-1}
ratios=bench/target/engine-vs-fastcsv-ratios.txt
: > "$ratios"
for round in $(seq 1 "$rounds"); do
  result=bench/target/engine-vs-fastcsv-$round.csv
  echo "round $round of $rounds; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "${pin[@]}" java -jar bench/target/benchmarks.jar EngineVsFastCsv -rf csv -rff "$result" "$@"
  echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

  # CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
  awk -F, -v round="$round" -v ratios="$ratios" '
    NR > 1 {
      name = $1; gsub(/"/, "", name); sub(/.*\./, "", name)
      score[name] = $5; error[name] = $6
    }
    END {
      printf "\nround %d\n%-20s %15s %12s\n", round, "benchmark", "lines/s", "+-"
      for (n in score) printf "%-20s %15.0f %12.0f\n", n, score[n], error[n]
      if (score["fastcsvParseOnly"] > 0) {
        label["streamsParserOnly"] = "engine parser / FastCSV parse-only"
        label["engineToNoSink"] = "engine, no sink / FastCSV parse-only"
        label["engineToLpDevNull"] = "engine->lp / FastCSV parse-only"
        label["engineToDuckDb"] = "engine->duckdb / FastCSV parse-only"
        for (n in label) if (n in score) {
          ratio = score[n] / score["fastcsvParseOnly"]
          printf "%-38s = %.2f\n", label[n], ratio
          printf "%s\t%.4f\n", label[n], ratio >> ratios
        }
      }
    }' "$result"
done

if [ "$rounds" -gt 1 ]; then
  echo
  echo "median over $rounds rounds (each round's ratios in brackets):"
  sort -t$'\t' -k1,1 -k2,2n "$ratios" | awk -F'\t' '
    { values[$1] = values[$1] (values[$1] == "" ? "" : " ") sprintf("%.2f", $2); list[$1, ++count[$1]] = $2 }
    END {
      for (n in count) {
        c = count[n]
        median = c % 2 ? list[n, (c + 1) / 2] : (list[n, c / 2] + list[n, c / 2 + 1]) / 2
        printf "%-38s = %.2f  [%s]\n", n, median, values[n]
      }
    }'
fi
