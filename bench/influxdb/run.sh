#!/usr/bin/env bash
# bench/influxdb/run.sh: points per second into a real InfluxDB 1.x, curl versus toothbrush-ingest's
# HTTP sink, on the same line-protocol file.
#
# Usage: bench/influxdb/run.sh [-n POINTS] [-d DATASET_DIR] [-b BATCH] [-r ROUNDS] [-k]
#   -n POINTS       synthetic brushing points written with awk when no dataset is given (default 500000)
#   -d DATASET_DIR  a dataset directory (brushing.csv[.gz] and settings.jsonlines[.gz], e.g. from
#                   `java -jar bootstrap/target/toothbrush-ingest.jar generate --out DIR --ticks N`):
#                   its points are made with `... ingest --db lp:FILE` (needs the jar), and the jar's
#                   own `ingest --db http://...` is timed too when the jar supports it
#   -b BATCH        lines per HTTP request, for curl and the sink alike (default 5000, InfluxDB's
#                   recommended batch size)
#   -r ROUNDS       rounds of (a) then (b), each into fresh databases; the medians are compared
#                   (default 3: a shared machine makes single figures noisy)
#   -k              keep the work directory (line-protocol file, influxd log) and print where it is
#
# What it does:
#   1. starts a throwaway influxd (/usr/bin/influxd, Debian package influxdb) as the integration tests
#      do: a generated config, data/meta/wal in a temporary directory, HTTP on a free 127.0.0.1 port,
#      reporting, monitor and other listeners off; it is stopped and deleted on exit;
#   2. makes the line-protocol file (from the dataset, or synthetic);
#   3. (a) curl: splits the file into BATCH-line chunks and POSTs them one after the other, uncompressed,
#      over one kept-alive connection (a single curl process with --next), into database bench_curl_R;
#   4. (b) sink: HttpWriteBenchmark (adapter-llamadb test sources) reads the file into memory, warms up on
#      database bench_warmup, then times LlamaDbClient.insert of every point plus flush (every batch
#      acknowledged) with the default HttpWriteSettings (gzip, 2 batches in flight) into bench_sink_R;
#   5. repeats 3-4 ROUNDS times, checks that every database holds the same number of points, and prints
#      every rate, the medians and their ratio (sink / curl).
#
# Needs: influxd (apt-get install -y influxdb), curl, awk, split, a JDK 17 and the Maven wrapper; it builds
# what it needs itself (`-pl adapter-llamadb -am`), so it runs on a fresh clone.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/bootstrap/target/toothbrush-ingest.jar"
INFLUXD=/usr/bin/influxd
POINTS=500000
DATASET=""
BATCH=5000
ROUNDS=3
KEEP=0

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d'; }
while getopts "n:d:b:r:kh" option; do
  case "$option" in
    n) POINTS="$OPTARG" ;;
    d) DATASET="$OPTARG" ;;
    b) BATCH="$OPTARG" ;;
    r) ROUNDS="$OPTARG" ;;
    k) KEEP=1 ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

if [[ ! -x "$INFLUXD" ]]; then
  echo "run.sh: $INFLUXD not found: install the Debian package influxdb (apt-get install -y influxdb)" >&2
  exit 1
fi
for tool in curl awk split java; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool not found" >&2; exit 1; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/influxdb-bench.XXXXXX")"
INFLUXD_PID=""
cleanup() {
  if [[ -n "$INFLUXD_PID" ]]; then
    kill "$INFLUXD_PID" 2>/dev/null || true
    wait "$INFLUXD_PID" 2>/dev/null || true
  fi
  if [[ "$KEEP" == 1 ]]; then
    echo "work directory kept: $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

# A free loopback port: nothing answers on it now.
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

seconds_now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

# --- 1. throwaway influxd -------------------------------------------------------------------------
HTTP_PORT=$(free_port)
RPC_PORT=$(free_port)
cat >"$WORK/influxdb.conf" <<EOF
reporting-enabled = false
bind-address = "127.0.0.1:$RPC_PORT"
[meta]
  dir = "$WORK/meta"
  logging-enabled = false
[data]
  dir = "$WORK/data"
  wal-dir = "$WORK/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:$HTTP_PORT"
  auth-enabled = false
  log-enabled = false
  pprof-enabled = false
  unix-socket-enabled = false
[logging]
  level = "warn"
  suppress-logo = true
[continuous_queries]
  enabled = false
[subscriber]
  enabled = false
[retention]
  enabled = false
[shard-precreation]
  enabled = false
EOF
env $(env | awk -F= '/^INFLUXDB_/ { printf "-u %s ", $1 }') \
  "$INFLUXD" run -config "$WORK/influxdb.conf" >"$WORK/influxd.log" 2>&1 &
INFLUXD_PID=$!
BASE="http://127.0.0.1:$HTTP_PORT"
for _ in $(seq 1 300); do
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/ping" || true)" == 204 ]]; then
    break
  fi
  kill -0 "$INFLUXD_PID" 2>/dev/null || { echo "influxd exited:" >&2; cat "$WORK/influxd.log" >&2; exit 1; }
  sleep 0.1
done
influx_query() { curl -sf -XPOST "$BASE/query" --data-urlencode "q=$1" ${2:+--data-urlencode "db=$2"}; }
for db in bench_warmup bench_e2e; do
  influx_query "CREATE DATABASE $db" >/dev/null
done
echo "influxd $("$INFLUXD" version | awk '{print $2}') on $BASE (pid $INFLUXD_PID), work directory $WORK"

# --- 2. the line-protocol file ---------------------------------------------------------------------
LP="$WORK/points.lp"
if [[ -n "$DATASET" ]]; then
  [[ -f "$JAR" ]] || { echo "run.sh: $JAR not found: ./mvnw -q -pl bootstrap -am package -DskipTests" >&2; exit 1; }
  BRUSHING=$(ls "$DATASET"/brushing.csv* | head -1)
  SETTINGS=$(ls "$DATASET"/settings.json* | head -1)
  INGEST=(ingest --brushing "$BRUSHING" --settings "$SETTINGS" --toothbrush-id tb-bench --dataset-id ds-bench)
  java -jar "$JAR" "${INGEST[@]}" --db "lp:$LP" >"$WORK/report-lp.json"
  echo "dataset $DATASET -> $LP"
else
  awk -v n="$POINTS" 'BEGIN {
    for (i = 0; i < n; i++) {
      s = 1595896877 + int(i / 4); ns = 637498000 + (i % 4) * 250000000
      if (ns >= 1000000000) { ns -= 1000000000; s++ }
      printf "brushing,toothbrush_id=tb-bench tick=%di,tooth=%di,percent_clean=%s,dataset_id=\"ds-bench\" %d%09d\n",
             i, i % 32, (i % 1000) / 1000, s, ns
    }
  }' >"$LP"
  echo "synthetic brushing points -> $LP"
fi
LINES=$(wc -l <"$LP")
echo "$LINES lines, $(du -m "$LP" | cut -f1) MB, batches of $BATCH lines"

count_points() {
  local total=0 measurement n
  for measurement in brushing settings; do
    n=$(influx_query "SELECT COUNT(tick) FROM $measurement" "$1" \
      | sed -n 's/.*"values":\[\[[^,]*,\([0-9]*\)\]\].*/\1/p')
    total=$(( total + ${n:-0} ))
  done
  echo "$total"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The chunks and the classpath, made once.
mkdir "$WORK/chunks"
split -l "$BATCH" -a 6 -d "$LP" "$WORK/chunks/c"
CHUNKS=$(ls "$WORK"/chunks | wc -l)
# -am builds the sibling modules too, so this works on a fresh clone (nothing needs to be installed).
(cd "$ROOT" && ./mvnw -q -pl adapter-llamadb -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
CP="$ROOT/adapter-llamadb/target/classes:$ROOT/adapter-llamadb/target/test-classes:$(cat "$WORK/cp.txt")"

CURL_RATES=()
SINK_RATES=()
EXPECTED_STORED=""
for round in $(seq 1 "$ROUNDS"); do
  influx_query "CREATE DATABASE bench_curl_$round" >/dev/null
  influx_query "CREATE DATABASE bench_sink_$round" >/dev/null

  # --- 3. (a) curl: BATCH-line chunks, uncompressed, one kept-alive connection ----------------------
  CONFIG="$WORK/curl.config"
  : >"$CONFIG"
  first=1
  for chunk in "$WORK"/chunks/c*; do
    [[ $first == 1 ]] || echo "next" >>"$CONFIG"
    first=0
    printf 'url = "%s/write?db=bench_curl_%s"\ndata-binary = "@%s"\nsilent\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
      "$BASE" "$round" "$chunk" >>"$CONFIG"
  done
  TIMEFORMAT='%R %U %S'
  { time curl -K "$CONFIG" >"$WORK/curl.codes"; } 2>"$WORK/curl.time"
  read -r seconds curl_user curl_sys <"$WORK/curl.time"
  bad=$(grep -vc '^204$' "$WORK/curl.codes" || true)
  [[ "$bad" == 0 ]] || { echo "curl: $bad requests not answered 204:" >&2; sort "$WORK/curl.codes" | uniq -c >&2; exit 1; }
  CURL_RATES+=("$(rate "$LINES" "$seconds")")
  echo "round $round (a) curl: $LINES points in $seconds s = ${CURL_RATES[-1]} points/s ($CHUNKS requests," \
    "client CPU $(awk -v u="$curl_user" -v s="$curl_sys" 'BEGIN { printf "%.2f", u + s }') s)"

  # --- 4. (b) our sink: HttpWriteBenchmark, default settings (gzip, 2 in flight) ---------------------
  java -Xmx2g -cp "$CP" toothbrush.ingest.adapter.llamadb.HttpWriteBenchmark "$LP" \
    "$BASE/write?db=bench_sink_$round" "$BASE/write?db=bench_warmup" "$BATCH" >"$WORK/sink.out"
  read -r _ sink_points sink_nanos < <(grep '^RESULT ' "$WORK/sink.out")
  seconds=$(awk -v n="$sink_nanos" 'BEGIN { printf "%.3f", n / 1e9 }')
  SINK_RATES+=("$(rate "$sink_points" "$seconds")")
  echo "round $round (b) sink: $sink_points points in $seconds s = ${SINK_RATES[-1]} points/s" \
    "(client CPU $(sed -n 's/.*process used \([0-9.]*\) s of CPU.*/\1/p' "$WORK/sink.out") s)"

  for db in "bench_curl_$round" "bench_sink_$round"; do
    stored=$(count_points "$db")
    EXPECTED_STORED=${EXPECTED_STORED:-$stored}
    [[ "$stored" == "$EXPECTED_STORED" ]] || { echo "mismatch: $db holds $stored points, expected $EXPECTED_STORED" >&2; exit 1; }
  done
done

# --- 4c. the jar end to end, when it has the HTTP backend -------------------------------------------
E2E=""
if [[ -n "$DATASET" ]]; then
  start=$(seconds_now)
  if java -jar "$JAR" "${INGEST[@]}" --db "$BASE/write?db=bench_e2e" >"$WORK/report-e2e.json" 2>"$WORK/e2e.err"; then
    end=$(seconds_now)
    e2e_seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    e2e_points=$(sed -n 's/.*"points_written":\([0-9]*\).*/\1/p' "$WORK/report-e2e.json")
    e2e_stored=$(count_points bench_e2e)
    [[ "$e2e_stored" == "$EXPECTED_STORED" ]] || { echo "mismatch: bench_e2e holds $e2e_stored points, expected $EXPECTED_STORED" >&2; exit 1; }
    E2E="(c) ingest --db http:// (whole process: JVM start, CSV/JSON parsing, alignment, HTTP): $e2e_points points in $e2e_seconds s = $(rate "$e2e_points" "$e2e_seconds") points/s"
  else
    E2E="(c) ingest --db http:// skipped: the jar refused it ($(head -c 200 "$WORK/e2e.err")); rebuild it with the HTTP backend"
  fi
fi

# --- 5. summary -----------------------------------------------------------------------------------
CURL_MEDIAN=$(printf '%s\n' "${CURL_RATES[@]}" | median)
SINK_MEDIAN=$(printf '%s\n' "${SINK_RATES[@]}" | median)
echo
echo "points in the file:   $LINES ($EXPECTED_STORED stored in every database), batches of $BATCH lines, $ROUNDS rounds"
echo "(a) curl, plain, 1 in flight:   median $CURL_MEDIAN points/s  (rounds: ${CURL_RATES[*]})"
echo "(b) HTTP sink, gzip, 2 in flight: median $SINK_MEDIAN points/s  (rounds: ${SINK_RATES[*]})"
echo "ratio sink / curl (medians): $(awk -v a="$SINK_MEDIAN" -v b="$CURL_MEDIAN" 'BEGIN { printf "%.2f", a / b }')"
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
[[ -z "$E2E" ]] || echo "$E2E"
