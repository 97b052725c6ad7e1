#!/usr/bin/env bash
# Streams a generated dataset of GB gigabytes (default 10) through a named pipe into `ingest` running with
# a 64 MB heap, without storing it, and reports wall time, peak RSS and the heap after each GC.
# It also checks the report's profile (SPEC V1, V3, V4): at most 1,024 bins whatever the length, the bins'
# accepted events adding up to brushing.accepted and their lost seconds to lost_seconds; it exits 1 otherwise.
# Usage: bench/constant-memory.sh [GB]      e.g. bench/constant-memory.sh 1 for a quick run
#        TICKS=100000000 bench/constant-memory.sh   (a tick count instead of gigabytes)
# Environment: MVN (default: mvn if installed, else ./mvnw); SKIP_BUILD=1 to reuse the jar;
#   JAR (default bootstrap/target/toothbrush-ingest.jar); DB (default lp:/dev/null); HEAP (default 64m;
#   HEAP=default runs ingest with the JVM's own heap sizing, no -Xmx, as `java -jar` does);
#   FAULTS (generator fault options, default: gaps, garbage and duplicates at 1 in 10,000);
#   MEMORY_LIMIT (e.g. 512M; needs root): runs ingest in a memory cgroup of that size, as on a server with
#   that much memory: the JVM sizes its default heap from the limit, and the kernel kills the process if
#   it ever holds more. HEAP=default MEMORY_LIMIT=512M is `java -jar` on a 512 MB server.
set -euo pipefail
cd "$(dirname "$0")/.."
GB=${1:-10}
MVN=${MVN:-$(command -v mvn || echo ./mvnw)}
JAR=${JAR:-bootstrap/target/toothbrush-ingest.jar}
DB=${DB:-lp:/dev/null}
HEAP=${HEAP:-64m}
MEMORY_LIMIT=${MEMORY_LIMIT:-}
FAULTS=${FAULTS:---gap-rate 0.0001 --garbage-rate 0.0001 --duplicate-rate 0.0001}
# About 18 bytes per brushing line at these tick counts (the generator prints the exact size).
if [ -z "${TICKS:-}" ]; then
  TICKS=$(awk -v gb="$GB" 'BEGIN { printf "%d", gb * 1e9 / 18 }')
else
  GB=$(awk -v t="$TICKS" 'BEGIN { printf "%.2f", t * 18 / 1e9 }')
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building $JAR ..." >&2
  "$MVN" -q -B package -DskipTests -pl bootstrap -am
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/constant-memory.XXXXXX")
generator=""
ingest=""
# shellcheck source=bench/lib/memory-cgroup.sh
. bench/lib/memory-cgroup.sh
cleanup() {
  for pid in $ingest $generator; do
    kill "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
  memory_cgroup_remove
}
trap cleanup EXIT

# launch: the command prefix that starts ingest inside the memory cgroup (empty: no limit).
memory_cgroup "$MEMORY_LIMIT" toothbrush-constant-memory
mkfifo "$work/brushing.csv" "$work/settings.jsonlines"

heap_flags=(-Xmx"$HEAP")
if [ "$HEAP" = default ]; then
  heap_flags=()
fi
max_heap=$("${launch[@]}" java "${heap_flags[@]}" -XX:+PrintFlagsFinal -version 2>/dev/null \
  | awk '/ MaxHeapSize / { printf "%d MB", $4 / 1048576 }')
echo "dataset: $GB GB, $TICKS ticks, seed 1, $FAULTS"
echo "ingest: ${heap_flags[*]:-no heap flag} (max heap $max_heap), $limit_note, --db $DB"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
# Settings first: the generator writes each settings line in step with the brushing lines (a named pipe
# holds only 64 KiB), the ingest reads the settings up to the first anchor before it opens the brushing.
java -Xmx64m -jar "$JAR" generate --brushing-out "$work/brushing.csv" --settings-out "$work/settings.jsonlines" \
  --ticks "$TICKS" --seed 1 $FAULTS 2>"$work/expected.json" &
generator=$!
"${launch[@]}" java "${heap_flags[@]}" -Xlog:gc:file="$work/gc.log" -jar "$JAR" ingest \
  --brushing "$work/brushing.csv" --settings "$work/settings.jsonlines" \
  --toothbrush-id tb-gen --dataset-id ds-constant-memory --db "$DB" >"$work/report.json" 2>"$work/ingest.log" &
ingest=$!

# VmHWM is the peak resident set size so far: its last reading is the run's peak.
peak_kb=0
samples=0
while kill -0 "$ingest" 2>/dev/null; do
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$ingest/status" 2>/dev/null || true)
  if [ -n "$hwm" ]; then
    peak_kb=$hwm
  fi
  samples=$((samples + 1))
  if [ $((samples % 30)) -eq 0 ]; then
    echo "  $(date +%T) ingest running, peak RSS so far $((peak_kb / 1024)) MB, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  fi
  sleep 1
done
set +e
wait "$ingest"
ingest_status=$?
ingest=""
if [ "$ingest_status" -ne 0 ]; then
  kill "$generator" 2>/dev/null
fi
wait "$generator"
generator_status=$?
generator=""
set -e
end=$(date +%s.%N)

echo "load average at end:   $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$ingest_status" -ne 0 ] || [ "$generator_status" -ne 0 ]; then
  echo "FAILED: ingest exit $ingest_status, generate exit $generator_status" >&2
  sed -n '1,20p' "$work/ingest.log" >&2
  cat "$work/report.json" >&2
  exit 1
fi

# gc.log lines end like "Pause Young (Normal) (G1 Evacuation Pause) 30M->5M(64M) 3.1ms".
gc_summary=$(awk '
  /->/ {
    match($0, /->[0-9]+M/); after = substr($0, RSTART + 2, RLENGTH - 3) + 0
    n++; last = after; if (after > max) max = after
    if (n == 1) first = after
  }
  END { if (n == 0) print "no GC"; else printf "%d GCs; heap after GC: first %d MB, max %d MB, last %d MB", n, first, max, last }
' "$work/gc.log")

bytes=$(grep -o '"bytes":[0-9]*' "$work/expected.json" | head -1 | cut -d: -f2)
expected_points=$(grep -o '"points_written":[0-9]*' "$work/expected.json" | cut -d: -f2)
points=$(grep -o '"points_written":[0-9]*' "$work/report.json" | cut -d: -f2)
lines=$(grep -o '"lines":[0-9]*' "$work/report.json" | head -1 | cut -d: -f2)
awk -v start="$start" -v end="$end" -v bytes="$bytes" -v lines="$lines" -v peak="$peak_kb" \
    -v points="$points" -v expected="$expected_points" -v gc="$gc_summary" 'BEGIN {
  wall = end - start
  printf "brushing stream: %.2f GB, %d lines (never stored: named pipe)\n", bytes / 1e9, lines
  printf "points written:  %d (generator expected %d: %s)\n", points, expected, points == expected ? "equal" : "DIFFERENT"
  printf "wall time:       %.1f s = %.0f lines/s = %.0f MB/s\n", wall, lines / wall, bytes / 1e6 / wall
  printf "peak RSS:        %.0f MB (VmHWM)\n", peak / 1024
  printf "GC:              %s\n", gc
}'
# The profile (V1, V3, V4): its bins are the only objects with "lost_ticks" and "clean_mean" keys.
profile_check=$(awk '
  {
    line = $0
    if (match(line, /"bin_ticks":[0-9]+/)) width = substr(line, RSTART + 12, RLENGTH - 12)
    if (match(line, /"brushing":\{"lines":[0-9]+,"accepted":[0-9]+/)) {
      part = substr(line, RSTART, RLENGTH); sub(/.*"accepted":/, "", part); accepted = part + 0
    }
    if (match(line, /"lost_seconds":[0-9.]+,"points_written"/)) {
      part = substr(line, RSTART + 15, RLENGTH - 15); sub(/,.*/, "", part); lost = part + 0
    }
    rest = line
    while (match(rest, /"accepted":[0-9]+,"lost_ticks":[0-9]+,"lost_seconds":[0-9.]+,"clean_mean"/)) {
      bin = substr(rest, RSTART, RLENGTH); rest = substr(rest, RSTART + RLENGTH)
      n = split(bin, f, /[:,]/)
      bins++; bin_accepted += f[2]; bin_lost_ticks += f[4]; bin_lost += f[6]
    }
  }
  END {
    ok = bins >= 1 && bins <= 1024 && bin_accepted == accepted && \
         (lost == 0 ? bin_lost == 0 : (bin_lost - lost) / lost < 1e-9 && (lost - bin_lost) / lost < 1e-9)
    printf "%s: %d bins of %d ticks (at most 1,024), bins accepted %d = brushing.accepted %d, bins lost %.9f s = lost_seconds %.9f s, %d lost ticks\n", \
      ok ? "ok" : "FAILED", bins, width, bin_accepted, accepted, bin_lost, lost, bin_lost_ticks
  }
' "$work/report.json")
echo "profile:         $profile_check"
echo "report (without its profile): $(sed 's/,"profile":.*/}/' "$work/report.json")"
case "$profile_check" in
  ok*) ;;
  *) exit 1 ;;
esac
