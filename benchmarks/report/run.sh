#!/usr/bin/env bash
# Offline report benchmark: generates about 1 GB of realistic ChatLens logs (text format, the first day's rotated
# files gzipped, with the audit/ and error/ copies the agent writes), then runs
#   java -Xmx256m -jar chatlens-agent.jar report DIR --format json
# pinned to one core (taskset -c 0 when available) and prints the throughput and the peak heap.
#
# Usage: benchmarks/report/run.sh [SIZE_MB] [text|json]     (default 1024 text)
# Environment: REPORT_BENCH_DIR (default /tmp/chatlens-report-bench), JAVA (default java).
set -euo pipefail
cd "$(dirname "$0")/../.."
. benchmarks/common.sh

SIZE_MB="${1:-1024}"
FORMAT="${2:-text}"
JAVA="${JAVA:-java}"
DIR="${REPORT_BENCH_DIR:-/tmp/chatlens-report-bench}/${FORMAT}-${SIZE_MB}"
AGENT=agent/target/chatlens-agent.jar
ensure_jars "$AGENT" smoke-tests/target/chatbot-demo.jar

if [ ! -f "$DIR/.uncompressed-bytes" ]; then
  rm -rf "$DIR" && mkdir -p "$(dirname "$DIR")"
  echo "generating ${SIZE_MB} MB of ${FORMAT} logs in $DIR ..."
  "$JAVA" benchmarks/report/GenerateLogs.java "$DIR" "$SIZE_MB" "$FORMAT" > "$DIR.bytes.tmp"
  mv "$DIR.bytes.tmp" "$DIR/.uncompressed-bytes"
fi
UNCOMPRESSED=$(cat "$DIR/.uncompressed-bytes")
ON_DISK=$(find "$DIR" -type f \( -name '*.log' -o -name '*.log.gz' \) -printf '%s\n' | awk '{s+=$1} END {print s}')
FILES=$(find "$DIR" -type f \( -name '*.log' -o -name '*.log.gz' \) | wc -l)

PIN=()
if command -v taskset > /dev/null; then PIN=(taskset -c 0); fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "java:   $("$JAVA" -version 2>&1 | head -1)"
echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') (${PIN[*]:-not pinned})"
echo "input:  $FILES files, $((UNCOMPRESSED / 1000000)) MB of log text, $((ON_DISK / 1000000)) MB on disk ($FORMAT; first day gzipped)"
for run in 1 2 3; do
  START=$(date +%s%N)
  "${PIN[@]}" "$JAVA" -Xmx256m -Xlog:gc:file="$OUT/gc-$run.log" -jar "$AGENT" report "$DIR" --format json \
    --out "$OUT/report.json" 2> "$OUT/stderr-$run.txt"
  END=$(date +%s%N)
  SECONDS_TAKEN=$(awk -v s="$START" -v e="$END" 'BEGIN {printf "%.2f", (e - s) / 1e9}')
  # heap used before each collection (the peak) and after it (what the report keeps)
  PEAK=$(grep -o 'Pause[^)]*) [0-9]*M->[0-9]*M' "$OUT/gc-$run.log" | sed 's/.*) \([0-9]*\)M->\([0-9]*\)M/\1 \2/' \
    | awk 'BEGIN {p=0; l=0} {if ($1>p) p=$1; if ($2>l) l=$2} END {print p " " l}')
  GCS=$(grep -c 'Pause' "$OUT/gc-$run.log" || true)
  echo "run $run: ${SECONDS_TAKEN} s wall (JVM start included) | $(awk -v b="$UNCOMPRESSED" -v s="$SECONDS_TAKEN" 'BEGIN {printf "%.0f", b / 1e6 / s}') MB/s of log text | $(awk -v b="$ON_DISK" -v s="$SECONDS_TAKEN" 'BEGIN {printf "%.0f", b / 1e6 / s}') MB/s on disk | peak heap $(echo "$PEAK" | cut -d' ' -f1) MB (max after GC $(echo "$PEAK" | cut -d' ' -f2) MB, -Xmx256m, $GCS collections)"
done
echo "report: $(grep -o '"summary":{[^}]*}' "$OUT/report.json" | cut -c1-400)..."
