#!/usr/bin/env bash
# Whole-process overhead benchmark: the demo chatbot under CPU-bound load (2 request threads, no think time, H2 in
# memory) with no agent, ChatLens, the OpenTelemetry Java agent 2.31.0 and the Elastic APM agent 1.52.0, all sending
# to one local receiver that counts bytes and decodes nothing. Rounds are interleaved; the table shows medians.
# Reports; does not assert (the README's targets are checked by reading the table).
#
# Usage: benchmarks/overhead/run.sh
#   env: ROUNDS (3), TURNS (16000), WARMUP (5s), STEADY_AFTER (60s, 0s = no steady phase), STEADY_TURNS (40000),
#        AGENTS ("none chatlens otel elastic"), FIRST_TURN_ROUNDS (3), INDEXED (set: the cheap-turn variant, see
#        LoadRun --indexed), JAVA_HOME, CHATLENS_AGENT_JAR, EXTRA_CHATLENS
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT="$ROOT/benchmarks/overhead/target"
mkdir -p "$OUT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
ROUNDS="${ROUNDS:-3}"
TURNS="${TURNS:-16000}"
WARMUP="${WARMUP:-5s}"
STEADY_AFTER="${STEADY_AFTER:-60s}"
STEADY_TURNS="${STEADY_TURNS:-40000}"
AGENTS="${AGENTS:-none chatlens otel elastic}"
FIRST_TURN_ROUNDS="${FIRST_TURN_ROUNDS:-3}"
CHATLENS="${CHATLENS_AGENT_JAR:-$ROOT/agent/target/chatlens-agent.jar}"
DEMO="$ROOT/smoke-tests/target/chatbot-demo.jar"
# shellcheck source=../common.sh
. "$ROOT/benchmarks/common.sh"
ensure_jars "$CHATLENS" "$DEMO"
OTEL="$OUT/opentelemetry-javaagent-2.31.0.jar"
ELASTIC="$OUT/elastic-apm-agent-1.52.0.jar"
fetch_jar io.opentelemetry.javaagent:opentelemetry-javaagent:2.31.0 "$OUT" "$OTEL"
fetch_jar co.elastic.apm:elastic-apm-agent:1.52.0 "$OUT" "$ELASTIC"

PORT=$(free_port)
"$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 "$ROOT/benchmarks/overhead/Receiver.java" "$PORT" >"$OUT/receiver.log" 2>&1 &
RECEIVER_PID=$!
trap 'kill $RECEIVER_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/__stats" && break
  sleep 0.2
done
RECEIVER="http://127.0.0.1:$PORT"

# The same methods for every agent: the ones ChatLens's conventions select in the demo (public methods of the
# turn, session, parser, search, database and error-handler classes), plus JDBC, which all three trace by default.
P=com.example.chatbot
OTEL_METHODS="$P.ChatService[handle];$P.SessionManager[createSession,updateSession,closeSession,expireIdleSessions,activeCount,find];$P.CommandParser[parse];$P.SearchEngine[search,lookup,recordFeedback];$P.DatabaseManager[initialize,findFaqCandidates,findFaq,saveMessage,recentMessages,saveFeedback,countMessagesForUser,queryBrokenTable,close];$P.ErrorHandler[handle]"
ELASTIC_METHODS="public $P.ChatService#handle,public $P.SessionManager#*,public $P.CommandParser#parse,public $P.SearchEngine#*,public $P.DatabaseManager#*,public $P.ErrorHandler#handle"

agent_args() { # $1: agent; sets the array ARGS
  case "$1" in
    none) ARGS=() ;;
    chatlens) ARGS=("-javaagent:$CHATLENS" -Dotel.service.name=chatbot "-Dotel.exporter.otlp.endpoint=$RECEIVER")
      # shellcheck disable=SC2206 # EXTRA_CHATLENS: extra -D options for experiments, split on spaces
      ARGS+=(${EXTRA_CHATLENS:-}) ;;
    otel) ARGS=("-javaagent:$OTEL" -Dotel.service.name=chatbot "-Dotel.exporter.otlp.endpoint=$RECEIVER"
      "-Dotel.instrumentation.methods.include=$OTEL_METHODS") ;;
    elastic) ARGS=("-javaagent:$ELASTIC" -Delastic.apm.service_name=chatbot "-Delastic.apm.server_url=$RECEIVER"
      "-Delastic.apm.application_packages=$P" -Delastic.apm.central_config=false -Delastic.apm.log_level=WARN
      "-Delastic.apm.trace_methods=$ELASTIC_METHODS") ;;
  esac
}

stats_bytes() { curl -s "$RECEIVER/__stats" | awk '$1 != "/" {b += $3} END {print b + 0}'; }

run_load() { # $1: agent, $2: round
  local agent=$1 dir="$OUT/run-$1-$2"
  rm -rf "$dir"; mkdir -p "$dir"
  curl -s -X POST -o /dev/null "$RECEIVER/__reset"
  agent_args "$agent"
  local extra=()
  [ -n "${INDEXED:-}" ] && extra+=(--indexed)
  # ChatLens's own endpoint tells whether it dropped anything (spans, log records, log events)
  [ "$agent" = chatlens ] && extra+=(--scrape http://127.0.0.1:9464/metrics)
  (cd "$dir" && "$JAVA" -Xms1g -Xmx1g "${ARGS[@]}" \
    -cp "$DEMO" com.example.chatbot.LoadRun --threads 2 --warmup "$WARMUP" --turns "$TURNS" \
    --steady-after "$STEADY_AFTER" --steady-turns "$STEADY_TURNS" "${extra[@]}" >"$dir/stdout.txt" 2>"$dir/stderr.txt") || {
    echo "run $agent failed" >&2; tail -20 "$dir/stderr.txt" >&2; exit 1; }
  sleep 1 # the receiver has answered the final flushes; let it count the last one
  curl -s "$RECEIVER/__stats" > "$dir/wire.txt"
  du -sb "$dir/logs" 2>/dev/null | awk '{print $1}' > "$dir/disk.txt" || echo 0 > "$dir/disk.txt"
  [ -s "$dir/disk.txt" ] || echo 0 > "$dir/disk.txt"
  local dropped; dropped=$(grep -h -c -i 'drop' "$dir/stderr.txt" || true)
  echo "$agent $2 $(grep -h '^LOAD_DONE' "$dir/stdout.txt" | sed 's/.*total_turns=//') $(awk '{b += $3} END {print b + 0}' "$dir/wire.txt") $(cat "$dir/disk.txt") $dropped" >> "$OUT/runs.txt"
  grep -h '^LOAD \|^THREADS ' "$dir/stdout.txt" | sed "s/^/$agent $2 /" >> "$OUT/phases.txt"
  grep -h '^SCRAPE ' "$dir/stdout.txt" | sed "s/^/$agent $2 /" >> "$OUT/drops.txt" || true
}

run_first_turn() { # $1: agent, $2: round
  local agent=$1 dir="$OUT/first-$1-$2"
  rm -rf "$dir"; mkdir -p "$dir"
  local start; start=$(date +%s%3N)
  agent_args "$agent"
  (cd "$dir" && "$JAVA" "${ARGS[@]}" -cp "$DEMO" com.example.chatbot.LoadRun \
    --first-turn >"$dir/stdout.txt" 2>"$dir/stderr.txt" && date +%s%3N > "$dir/end.txt") || {
    echo "first-turn run $agent failed" >&2; tail -20 "$dir/stderr.txt" >&2; exit 1; }
  local first; first=$(sed -n 's/.*epoch_ms=\([0-9]*\).*/\1/p' "$dir/stdout.txt")
  echo "$agent $2 $((first - start)) $(( $(cat "$dir/end.txt") - start ))" >> "$OUT/first.txt"
}

: > "$OUT/runs.txt"; : > "$OUT/phases.txt"; : > "$OUT/first.txt"; : > "$OUT/drops.txt"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$FIRST_TURN_ROUNDS"); do
  for agent in $AGENTS; do run_first_turn "$agent" "$round"; done
done
for round in $(seq 1 "$ROUNDS"); do
  for agent in $AGENTS; do
    echo "# round $round: $agent" >&2
    run_load "$agent" "$round"
  done
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

echo "# Overhead benchmark: demo chatbot, LoadRun --threads 2 --warmup $WARMUP --turns $TURNS, steady after $STEADY_AFTER ($STEADY_TURNS turns); $ROUNDS interleaved rounds, medians"
echo "# $("$JAVA" -version 2>&1 | head -1), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
python3 "$ROOT/benchmarks/overhead/report.py" "$OUT"
