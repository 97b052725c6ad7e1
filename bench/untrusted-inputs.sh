#!/usr/bin/env bash
# U3, U4: hostile inputs through `ingest` with a 64 MB heap. Reports wall time and peak RSS of
#   1. a CSV with 10,000 named columns (COLUMN_LINES lines, default 2,000: about 40 MB),
#   2. a settings stream of SETTINGS_LINES lines (default 200) with 5,000 new keys each,
#   3. a gzip bomb: BOMB_GB (default 1) GB of zeros gzipped (about 1 MB) against --max-stream-bytes 100 MB:
#      the time to the stream_too_large failure.
# Usage: bench/untrusted-inputs.sh            (after the README's first command; SKIP_BUILD=1 to reuse the jar)
# Environment: MVN (default: mvn if installed, else ./mvnw); JAR (default bootstrap/target/toothbrush-ingest.jar).
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-$(command -v mvn || echo ./mvnw)}
JAR=${JAR:-bootstrap/target/toothbrush-ingest.jar}
COLUMN_LINES=${COLUMN_LINES:-2000}
SETTINGS_LINES=${SETTINGS_LINES:-200}
BOMB_GB=${BOMB_GB:-1}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building $JAR ..." >&2
  "$MVN" -q -B package -DskipTests -pl bootstrap -am
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/untrusted-inputs.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Runs `ingest` at -Xmx64m; prints "<exit> <seconds> <peak RSS MB>" and leaves the report in $work/report.json.
measure() {
  local start end status peak_kb=0 hwm pid
  start=$(date +%s.%N)
  java -Xmx64m -jar "$JAR" ingest --toothbrush-id tb-bench --dataset-id ds-bench --db lp:/dev/null "$@" \
    >"$work/report.json" 2>"$work/ingest.log" &
  pid=$!
  # VmHWM is the peak resident set size so far: its last reading is the run's peak.
  while kill -0 "$pid" 2>/dev/null; do
    hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    if [ -n "$hwm" ]; then
      peak_kb=$hwm
    fi
    sleep 0.05
  done
  set +e
  wait "$pid"
  status=$?
  set -e
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v st="$status" -v p="$peak_kb" 'BEGIN { printf "%d %.2f %d\n", st, e - s, p / 1024 }'
}

field() {
  grep -o "\"$1\":[^,}]*" "$work/report.json" | head -1 | cut -d: -f2
}

echo '{"timestamp":1600000000,"tick":0,"tick_interval":0.1}' > "$work/settings.jsonlines"
printf '0,1,0.5\n1,2,0.75\n' > "$work/brushing.csv"

# 1. 10,000 named columns.
awk -v lines="$COLUMN_LINES" 'BEGIN {
  printf "tick,tooth,percent_clean"; for (c = 0; c < 10000; c++) printf ",c%d", c; printf "\n"
  row = ""; for (c = 0; c < 10000; c++) row = row ",v"
  for (t = 0; t < lines; t++) printf "%d,%d,0.5%s\n", t, t % 32, row
}' > "$work/wide.csv"
read -r status seconds peak < <(measure --brushing "$work/wide.csv" --settings "$work/settings.jsonlines")
printf 'wide CSV:    %5.1f MB, 10,000 named columns, %d lines: exit %d in %s s, peak RSS %d MB, invalid_fields %s\n' \
  "$(awk -v b="$(stat -c %s "$work/wide.csv")" 'BEGIN { print b / 1e6 }')" "$COLUMN_LINES" "$status" "$seconds" "$peak" \
  "$(grep -o '"invalid_fields":[0-9]*' "$work/report.json" | head -1 | cut -d: -f2)"

# 2. 5,000 new keys on every settings line.
awk -v lines="$SETTINGS_LINES" 'BEGIN {
  k = 0
  for (t = 0; t < lines; t++) {
    printf "{\"timestamp\":%d,\"tick\":%d,\"tick_interval\":0.1", 1600000000 + t, t
    for (j = 0; j < 5000; j++) printf ",\"k%x\":1", k++
    printf "}\n"
  }
}' > "$work/keys.jsonlines"
read -r status seconds peak < <(measure --brushing "$work/brushing.csv" --settings "$work/keys.jsonlines")
printf 'many keys:   %5.1f MB, %d lines of 5,000 new keys: exit %d in %s s, peak RSS %d MB, invalid_fields %s\n' \
  "$(awk -v b="$(stat -c %s "$work/keys.jsonlines")" 'BEGIN { print b / 1e6 }')" "$SETTINGS_LINES" "$status" "$seconds" \
  "$peak" "$(grep -o '"invalid_fields":[0-9]*' "$work/report.json" | tail -1 | cut -d: -f2)"

# 3. A gzip bomb against a 100 MB cap.
head -c "$((BOMB_GB * 1000000000))" /dev/zero | gzip -9 > "$work/bomb.csv.gz"
read -r status seconds peak < <(measure --brushing "$work/bomb.csv.gz" --settings "$work/settings.jsonlines" \
  --max-stream-bytes 100000000)
printf 'gzip bomb:   %5.2f MB inflating to %d GB, cap 100 MB: exit %d in %s s, peak RSS %d MB, reason %s\n' \
  "$(awk -v b="$(stat -c %s "$work/bomb.csv.gz")" 'BEGIN { print b / 1e6 }')" "$BOMB_GB" "$status" "$seconds" "$peak" \
  "$(field reason)"
