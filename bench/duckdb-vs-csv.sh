#!/usr/bin/env bash
# `ingest --db duckdb:` against DuckDB loading the same rows itself from CSV, both as whole processes
# (JVM start included), alternating A B B A. Prints each run, the medians, the ratio and the load.
#   A: java -jar toothbrush-ingest.jar ingest --brushing B --settings S ... --db duckdb:FILE
#      (a fresh file each run; a generated dataset of TICKS brushing lines)
#   B: DuckDB's own loader (bench/duckdb/DuckDbCsvLoad.java, on the same jar's DuckDB): CREATE TABLE,
#      then INSERT INTO ... SELECT ... FROM read_csv(...) of the rows A stored (time as epoch ns,
#      toothbrush_id, dataset_id, tick, tooth, percent_clean), 2 threads, memory_limit 256MB, one
#      transaction: the table of the schema before issue 12 (CSV_SCHEMA=old, default: the columns the
#      `brushing` view shows) or issue 12's brushing_points (CSV_SCHEMA=new).
# Usage: bench/duckdb-vs-csv.sh [PAIRS [TICKS]]   (defaults 3 and 5000000; a pair is A B B A)
# Environment: SKIP_BUILD=1 to reuse the jar (built by ./mvnw -B -q -DskipTests package otherwise);
#   JAR (default bootstrap/target/toothbrush-ingest.jar: another build's jar to compare, e.g. an older commit's);
#   JAVA_OPTS for the ingest JVM (default none: java -jar as the README runs it); CSV_SCHEMA old|new;
#   MEMORY_LIMIT (e.g. 512M; needs root): runs both sides in a memory cgroup of that size, as on the
#   product's 512 MB server (the JVM then sizes its default heap from the limit).
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-3}
ticks=${2:-5000000}
schema=${CSV_SCHEMA:-old}
jar=${JAR:-bootstrap/target/toothbrush-ingest.jar}
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
  ./mvnw -q -B -DskipTests package
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/duckdb-vs-csv.XXXXXX")
# shellcheck source=bench/lib/memory-cgroup.sh
. bench/lib/memory-cgroup.sh
trap 'rm -rf "$work"; memory_cgroup_remove' EXIT
memory_cgroup "${MEMORY_LIMIT:-}" toothbrush-duckdb-vs-csv
mkdir "$work/classes"
javac -d "$work/classes" -cp "$jar" bench/duckdb/DuckDbCsvLoad.java
java -jar "$jar" generate --out "$work/data" --ticks "$ticks" --seed 1 2>/dev/null

# Runs a command, its output to the file $1; prints "WALL CPU" seconds (CPU: user + system, all threads).
timed() {
  local out=$1 times
  shift
  times=$( { TIMEFORMAT='%R %U %S'; time "$@" >"$out" 2>>"$work/stderr.log"; } 2>&1 )
  awk -v t="$times" 'BEGIN { split(t, f, " "); printf "%.3f %.3f", f[1], f[2] + f[3] }'
}
# A: one ingest into a fresh file.
ingest() {
  rm -f "$work/ingest.duckdb" "$work/ingest.duckdb.wal"
  # shellcheck disable=SC2086
  timed "$work/report.json" "${launch[@]}" java ${JAVA_OPTS:-} -jar "$jar" ingest --brushing "$work/data/brushing.csv" \
    --settings "$work/data/settings.jsonlines" --toothbrush-id tb-bench --dataset-id ds-bench --db "duckdb:$work/ingest.duckdb"
  grep -q '"outcome":"completed"' "$work/report.json" || { cat "$work/report.json" "$work/stderr.log" >&2; exit 1; }
}
# B: DuckDB loads the same rows from CSV into a fresh file.
csv_load() {
  timed "$work/load.json" "${launch[@]}" java -cp "$jar:$work/classes" DuckDbCsvLoad load "$schema" "$work/rows.csv" "$work/csv.duckdb"
}

ingest >/dev/null
points=$(grep -o '"points_written":[0-9]*' "$work/report.json" | cut -d: -f2)
java -cp "$jar:$work/classes" DuckDbCsvLoad export "$work/ingest.duckdb" "$work/rows.csv"
rows=$(($(wc -l <"$work/rows.csv") - 1))
echo "dataset: $ticks ticks; ingest writes $points points ($rows brushing rows); CSV of those rows: $(du -m "$work/rows.csv" | cut -f1) MB; CSV loaded into the $schema schema"
echo "both sides: $limit_note"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
a=()
b=()
ac=()
bc=()
for pair in $(seq "$pairs"); do
  for side in a b b a; do
    if [ "$side" = a ]; then read -r wall cpu <<<"$(ingest)"; a+=("$wall"); ac+=("$cpu")
    else read -r wall cpu <<<"$(csv_load)"; b+=("$wall"); bc+=("$cpu"); fi
    [ -n "${cpu:-}" ] || { echo "a run failed: $work/stderr.log" >&2; exit 1; }
  done
  echo "pair $pair: ingest ${a[-2]} s, ${a[-1]} s (cpu ${ac[-2]}, ${ac[-1]}); csv load ${b[-2]} s, ${b[-1]} s (cpu ${bc[-2]}, ${bc[-1]}); load $(cut -d' ' -f1 /proc/loadavg)"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ma=$(median "${a[@]}")
mb=$(median "${b[@]}")
mac=$(median "${ac[@]}")
mbc=$(median "${bc[@]}")
awk -v ma="$ma" -v mb="$mb" -v mac="$mac" -v mbc="$mbc" -v points="$points" -v rows="$rows" 'BEGIN {
  printf "ingest --db duckdb:   median %.3f s = %.2fM points/s (CPU %.2f s)\n", ma, points / ma / 1e6, mac
  printf "DuckDB read_csv load: median %.3f s = %.2fM rows/s (CPU %.2f s)\n", mb, rows / mb / 1e6, mbc
  printf "ratio (csv load time / ingest time): %.2fx; in CPU seconds %.2fx\n", mb / ma, mbc / mac
}'
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file sizes: ingest $(du -m "$work/ingest.duckdb" | cut -f1) MB, csv load $(du -m "$work/csv.duckdb" | cut -f1) MB"
