#!/usr/bin/env bash
# Time from starting `ingest` to its first point on the way out (JVM start included), and to the end,
# for a generated dataset (default 5,000,000 ticks) written as line protocol to standard output.
# Usage: bench/first-point.sh [TICKS]     Environment: SKIP_BUILD=1 to reuse the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
ticks=${1:-5000000}
jar=bootstrap/target/toothbrush-ingest.jar
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -B -DskipTests package
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -jar "$jar" generate --out "$work/data" --ticks "$ticks" --seed 5 2>/dev/null
mkfifo "$work/points"
for run in 1 2 3; do
  start=$(date +%s%N)
  java -Xmx64m -jar "$jar" ingest --brushing "$work/data/brushing.csv" --settings "$work/data/settings.jsonlines" \
      --toothbrush-id tb-bench --dataset-id ds-bench --db lp:- > "$work/points" 2>/dev/null &
  pid=$!
  {
    head -c 1 > /dev/null
    date +%s%N > "$work/first"
    cat > /dev/null
  } < "$work/points"
  wait "$pid"
  end=$(date +%s%N)
  first=$(cat "$work/first")
  echo "run $run: first point after $(( (first - start) / 1000000 )) ms, $ticks ticks done after $(( (end - start) / 1000000 )) ms"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
