#!/usr/bin/env bash
# Backend-down benchmark: the demo chatbot's throughput and memory with its telemetry backend up, down
# (closed port) and hanging (accepts, never answers), against the same chatbot with no agent.
# Reports; does not assert. Usage: benchmarks/backend-down/run.sh   (env: USERS, TURNS, RUNS, JAVA_HOME)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT="$ROOT/benchmarks/backend-down/target"
mkdir -p "$OUT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
USERS="${USERS:-8}"
TURNS="${TURNS:-400}"
RUNS="${RUNS:-3}"
AGENT="$ROOT/agent/target/chatlens-agent.jar"
DEMO="$ROOT/smoke-tests/target/chatbot-demo.jar"
# shellcheck source=../common.sh
. "$ROOT/benchmarks/common.sh"
ensure_jars "$AGENT" "$DEMO"
WIREMOCK="$OUT/wiremock-standalone-3.13.2.jar"
fetch_jar org.wiremock:wiremock-standalone:3.13.2 "$OUT" "$WIREMOCK"

start_backend() { # $1: delay in ms (0 = answers at once)
  local port; port=$(free_port)
  mkdir -p "$OUT/wiremock-$1/mappings"
  cat > "$OUT/wiremock-$1/mappings/otlp.json" <<JSON
{"request": {"method": "POST", "urlPattern": "/v1/.*"},
 "response": {"status": 200, "headers": {"Content-Type": "application/x-protobuf"}, "fixedDelayMilliseconds": $1}}
JSON
  "$JAVA" -jar "$WIREMOCK" --port "$port" --root-dir "$OUT/wiremock-$1" --no-request-journal --disable-banner \
    >"$OUT/wiremock-$1.log" 2>&1 &
  BACKEND_PID=$!
  for _ in $(seq 1 100); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/__admin/mappings"; then break; fi
    sleep 0.2
  done
  BACKEND="http://127.0.0.1:$port"
}

run_demo() { # $1: label, rest: extra JVM args; prints "label wall_s rss_mib"
  local label=$1; shift
  local dir="$OUT/run-$label"; rm -rf "$dir"; mkdir -p "$dir"
  local timing="$dir/time.txt"
  (cd "$dir" && /usr/bin/time -f '%e %M' -o "$timing" "$JAVA" "$@" -jar "$DEMO" --users "$USERS" --turns "$TURNS" \
    --threads 2 --idle-timeout 100ms --quiet >"$dir/stdout.txt" 2>"$dir/stderr.txt")
  grep -q '^SUMMARY' "$dir/stdout.txt" || { echo "run $label failed" >&2; cat "$dir/stderr.txt" >&2; exit 1; }
  local warnings; warnings=$(grep -c '^\[chatlens\] WARN' "$dir/stderr.txt" || true)
  read -r wall rss < "$timing"
  # The conversation itself: from the demo's "Seeded" log line to its "Chatbot finished" line.
  local talk; talk=$(awk '/Seeded [0-9]+ FAQ/ {s=$1} /Chatbot finished/ {e=$1}
    END {split(s,a,":"); split(e,b,":"); print (b[1]*3600+b[2]*60+b[3]) - (a[1]*3600+a[2]*60+a[3])}' "$dir/stdout.txt")
  echo "$label $wall $((rss / 1024)) $warnings $talk"
}

results="$OUT/results.txt"; : > "$results"
start_backend 0;      UP=$BACKEND;      UP_PID=$BACKEND_PID
start_backend 600000; HANG=$BACKEND;    HANG_PID=$BACKEND_PID
trap 'kill $UP_PID $HANG_PID 2>/dev/null || true' EXIT
common=(-Dchatlens.prometheus.enabled=false -Dotel.metric.export.interval=5s)
for round in $(seq 1 "$RUNS"); do
  run_demo baseline >> "$results"
  run_demo up -javaagent:"$AGENT" "${common[@]}" -Dotel.exporter.otlp.endpoint="$UP" >> "$results"
  run_demo down -javaagent:"$AGENT" "${common[@]}" -Dotel.exporter.otlp.endpoint=http://127.0.0.1:9 >> "$results"
  run_demo hanging -javaagent:"$AGENT" "${common[@]}" -Dotel.exporter.otlp.endpoint="$HANG" >> "$results"
done

turns=$((USERS * TURNS))
echo "# Backend-down benchmark: $USERS users x $TURNS turns = $turns turns per run, $RUNS runs each, medians"
echo "# $("$JAVA" -version 2>&1 | head -1), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
python3 - "$results" "$turns" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
turns = int(sys.argv[2])
print("| configuration | conversation (s) | turns/s | JVM wall incl. startup and exit (s) | peak RSS (MiB) | agent warnings |")
print("|---|---:|---:|---:|---:|---:|")
for label in ("baseline", "up", "down", "hanging"):
    mine = [r for r in rows if r[0] == label]
    wall = statistics.median(float(r[1]) for r in mine)
    rss = statistics.median(int(r[2]) for r in mine)
    warnings = max(int(r[3]) for r in mine)
    talk = statistics.median(float(r[4]) for r in mine)
    print(f"| {label} | {talk:.2f} | {turns / talk:.0f} | {wall:.2f} | {rss:.0f} | {warnings} |")
PY
