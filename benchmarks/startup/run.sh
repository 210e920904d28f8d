#!/usr/bin/env bash
# Startup benchmark: a hello-world JVM with no agent, with the ChatLens agent and with the
# OpenTelemetry Java agent, measured in the same run. See README.md next to this script.
#
# Usage:  benchmarks/startup/run.sh
# Environment:
#   RUNS=10            measured runs per configuration and workload
#   WARMUPS=2          discarded warm-up runs per configuration and workload
#   WORKLOADS="hello hello-3s"
#   JAVA_HOME=...      JDK used to compile and run Hello (default: java/javac on PATH)
#   CHATLENS_JAR=...   ChatLens agent jar (default: agent/target/chatlens-agent.jar, built if missing)
#   OTEL_VERSION=2.31.0
#   RUN_TIMEOUT=300    seconds before a single JVM run is killed (counts as a failure)
#
# Reports, never asserts: exits 0 unless something failed to run (a JVM exited non-zero, timed out,
# or its stdout was not exactly "hello"). Raw numbers: benchmarks/startup/target/results-<workload>.csv.
set -euo pipefail
export LC_ALL=C

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
TARGET="$SCRIPT_DIR/target"

RUNS="${RUNS:-10}"
WARMUPS="${WARMUPS:-2}"
WORKLOADS="${WORKLOADS:-hello hello-3s}"
OTEL_VERSION="${OTEL_VERSION:-2.31.0}"
RUN_TIMEOUT="${RUN_TIMEOUT:-300}"
CONFIGS=(baseline chatlens otel)
# Budgets: ChatLens's increase over baseline, as a percentage of OTel's increase over baseline.
BUDGET_WALL=115
BUDGET_CPU=125
BUDGET_RSS=125
# Every agent exports to a closed port (nothing listens on the discard port 9).
EXPORT_ENDPOINT="http://127.0.0.1:9"

log() { printf '%s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for n in "$RUNS" "$WARMUPS" "$RUN_TIMEOUT"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "RUNS, WARMUPS and RUN_TIMEOUT must be non-negative integers (got '$n')"
done
(( RUNS >= 1 )) || die "RUNS must be at least 1"
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is required: apt-get install -y time"

if [[ -n "${JAVA_HOME:-}" ]]; then
  JAVA="$JAVA_HOME/bin/java"
  JAVAC="$JAVA_HOME/bin/javac"
else
  JAVA="$(command -v java)" || die "java not found (set JAVA_HOME)"
  JAVAC="$(command -v javac)" || die "javac not found (set JAVA_HOME)"
fi
[[ -x "$JAVA" && -x "$JAVAC" ]] || die "no java/javac in ${JAVA_HOME:-PATH}"

mkdir -p "$TARGET"

# --- 1. OpenTelemetry Java agent -------------------------------------------------------------------
OTEL_JAR="$TARGET/opentelemetry-javaagent-$OTEL_VERSION.jar"
if [[ ! -s "$OTEL_JAR" ]]; then
  log "Downloading io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_VERSION ..."
  (cd "$REPO_ROOT" && mvn -B -q -N dependency:copy \
      "-Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_VERSION" \
      "-DoutputDirectory=$TARGET") || die "could not download the OpenTelemetry Java agent"
fi
[[ -s "$OTEL_JAR" ]] || die "missing $OTEL_JAR"

# --- 2. ChatLens agent -------------------------------------------------------------------------------
if [[ -n "${CHATLENS_JAR:-}" ]]; then
  [[ -s "$CHATLENS_JAR" ]] || die "CHATLENS_JAR=$CHATLENS_JAR does not exist"
  CHATLENS_JAR="$(cd "$(dirname "$CHATLENS_JAR")" && pwd)/$(basename "$CHATLENS_JAR")"
else
  CHATLENS_JAR="$REPO_ROOT/agent/target/chatlens-agent.jar"
  if [[ ! -s "$CHATLENS_JAR" ]]; then
    log "Building the ChatLens agent (mvn -B -q install -DskipTests) ..."
    (cd "$REPO_ROOT" && mvn -B -q install -DskipTests) || die "could not build the ChatLens agent"
  fi
  [[ -s "$CHATLENS_JAR" ]] || die "the build did not produce $CHATLENS_JAR"
fi

# --- 3. Hello.java -----------------------------------------------------------------------------------
CLASSES="$TARGET/classes"
rm -rf "$CLASSES"
mkdir -p "$CLASSES"
"$JAVAC" -d "$CLASSES" "$SCRIPT_DIR/Hello.java" || die "could not compile Hello.java"

# Each JVM runs in an empty directory (so no stray agent.properties is picked up) with a clean
# environment: only the variables below, so the caller's OTEL_*, CHATLENS_*, JAVA_TOOL_OPTIONS or
# JDK_JAVA_OPTIONS cannot change what is measured.
RUN_DIR="$TARGET/run"
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"
RUN_ENV=(env -i "PATH=/usr/local/bin:/usr/bin:/bin" "HOME=${HOME:-/root}" "LANG=C.UTF-8"
  "OTEL_EXPORTER_OTLP_ENDPOINT=$EXPORT_ENDPOINT" "OTEL_SERVICE_NAME=hello")

# The exporters must hit a closed port: refuse to measure if something listens on port 9.
if (exec 3<>/dev/tcp/127.0.0.1/9) 2>/dev/null; then
  die "something listens on 127.0.0.1:9; the benchmark needs that port closed"
fi

agent_args() {
  case "$1" in
    baseline) ;;
    chatlens) printf '%s\n' "-javaagent:$CHATLENS_JAR" ;;
    otel) printf '%s\n' "-javaagent:$OTEL_JAR" ;;
    *) die "unknown configuration $1" ;;
  esac
}

sleep_ms_of() {
  case "$1" in
    hello) echo 0 ;;
    hello-3s) echo 3000 ;;
    *) die "unknown workload $1 (known: hello, hello-3s)" ;;
  esac
}

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
printf 'hello\n' > "$SCRATCH/expected"

# run_once WORKLOAD CONFIG PHASE ROUND CSV
run_once() {
  local workload="$1" config="$2" phase="$3" round="$4" csv="$5"
  local sleep_ms app_args=() args=() rc=0 load
  sleep_ms="$(sleep_ms_of "$workload")"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  (( sleep_ms > 0 )) && app_args=("$sleep_ms")
  mapfile -t args < <(agent_args "$config")
  (
    cd "$RUN_DIR"
    exec timeout "$RUN_TIMEOUT" /usr/bin/time -o "$SCRATCH/time" -f '%e %U %S %M' \
      "${RUN_ENV[@]}" "$JAVA" "${args[@]}" -cp "$CLASSES" Hello "${app_args[@]}" \
      > "$SCRATCH/stdout" 2> "$SCRATCH/stderr"
  ) || rc=$?
  if (( rc != 0 )); then
    log "FAILED: $workload/$config ($phase $round) exited with status $rc (124 = timed out after ${RUN_TIMEOUT}s); its stderr:"
    cat "$SCRATCH/stderr" >&2
    exit 1
  fi
  if ! cmp -s "$SCRATCH/stdout" "$SCRATCH/expected"; then
    log "FAILED: $workload/$config ($phase $round): stdout was not exactly 'hello'; it was:"
    cat -A "$SCRATCH/stdout" >&2
    exit 1
  fi
  local wall user sys rss
  read -r wall user sys rss < <(tail -n 1 "$SCRATCH/time")
  [[ "$wall" =~ ^[0-9.]+$ && "$user" =~ ^[0-9.]+$ && "$sys" =~ ^[0-9.]+$ && "$rss" =~ ^[0-9]+$ ]] \
    || die "unexpected /usr/bin/time output: $(cat "$SCRATCH/time")"
  awk -v w="$workload" -v p="$phase" -v r="$round" -v c="$config" -v e="$wall" -v u="$user" \
      -v s="$sys" -v m="$rss" -v sl="$sleep_ms" -v l="$load" \
      'BEGIN { printf "%s,%s,%d,%s,%.2f,%.2f,%.2f,%.2f,%d,%.2f,%s\n", w, p, r, c, e, u, s, u + s, m, e - sl / 1000, l }' \
      >> "$csv"
  log "  $workload $phase $round $config: wall ${wall}s user ${user}s sys ${sys}s rss ${rss}KiB"
}

# median CSV CONFIG COLUMN: median over the measured runs of one configuration
median() {
  awk -F, -v c="$2" -v col="$3" '$2 == "measured" && $4 == c { print $col }' "$1" | sort -g \
    | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
             if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# report WORKLOAD CSV: Markdown table on stdout
report() {
  local workload="$1" csv="$2" config
  local -A wall cpu rss
  for config in "${CONFIGS[@]}"; do
    wall[$config]="$(median "$csv" "$config" 10)"
    cpu[$config]="$(median "$csv" "$config" 8)"
    rss[$config]="$(median "$csv" "$config" 9)"
  done
  local wall_note=""
  (( $(sleep_ms_of "$workload") > 0 )) && wall_note=", minus the $(sleep_ms_of "$workload") ms sleep"
  awk -v workload="$workload" -v runs="$RUNS" -v wall_note="$wall_note" -v otel_version="$OTEL_VERSION" \
      -v bw="$BUDGET_WALL" -v bc="$BUDGET_CPU" -v br="$BUDGET_RSS" \
      -v wb="${wall[baseline]}" -v wc="${wall[chatlens]}" -v wo="${wall[otel]}" \
      -v cb="${cpu[baseline]}" -v cc="${cpu[chatlens]}" -v co="${cpu[otel]}" \
      -v rb="${rss[baseline]}" -v rc="${rss[chatlens]}" -v ro="${rss[otel]}" '
    function ratio(mine, theirs) { return theirs > 0 ? sprintf("%.0f %%", 100 * mine / theirs) : "n/a" }
    function verdict(mine, theirs, budget) {
      if (theirs > 0) return mine <= budget / 100 * theirs ? "PASS" : "FAIL"
      return mine <= 0 ? "PASS" : "n/a (OTel adds nothing)"
    }
    BEGIN {
      mib = 1024
      printf "### Workload `%s` (medians of %d runs%s)\n\n", workload, runs, wall_note
      printf "| | wall (s) | CPU user+sys (s) | peak RSS (MiB) |\n"
      printf "|---|---:|---:|---:|\n"
      printf "| baseline (no agent) | %.3f | %.3f | %.1f |\n", wb, cb, rb / mib
      printf "| chatlens | %.3f | %.3f | %.1f |\n", wc, cc, rc / mib
      printf "| otel %s | %.3f | %.3f | %.1f |\n", otel_version, wo, co, ro / mib
      printf "| chatlens increase over baseline | %+.3f | %+.3f | %+.1f |\n", wc - wb, cc - cb, (rc - rb) / mib
      printf "| otel increase over baseline | %+.3f | %+.3f | %+.1f |\n", wo - wb, co - cb, (ro - rb) / mib
      printf "| chatlens increase / otel increase | %s | %s | %s |\n", \
        ratio(wc - wb, wo - wb), ratio(cc - cb, co - cb), ratio(rc - rb, ro - rb)
      printf "| budget | <= %d %% | <= %d %% | <= %d %% |\n", bw, bc, br
      printf "| result | %s | %s | %s |\n\n", \
        verdict(wc - wb, wo - wb, bw), verdict(cc - cb, co - cb, bc), verdict(rc - rb, ro - rb, br)
    }'
}

# --- 4./5. Measure ------------------------------------------------------------------------------------
JDK_DESC="$("$JAVA" -XshowSettings:properties -version 2>&1 \
  | awk -F' = ' '/java.vm.vendor =/ { v = $2 } /java.runtime.version =/ { r = $2 } END { print v " " r }')"
CPU_MODEL="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
MACHINE="$(nproc) cores${CPU_MODEL:+ ($CPU_MODEL)}, $(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo), $(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-Linux}"), kernel $(uname -r)"
CHATLENS_DESC="$(basename "$CHATLENS_JAR") (sha256 $(sha256sum "$CHATLENS_JAR" | cut -c1-12), repo commit $(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown))"

log "JDK:      $JDK_DESC ($JAVA)"
log "Machine:  $MACHINE"
log "ChatLens: $CHATLENS_JAR"
log "OTel:     $OTEL_JAR"
log "Runs:     $WARMUPS warm-up + $RUNS measured per configuration, round-robin"

RESULTS_MD="$TARGET/results.md"
TABLES="$SCRATCH/tables.md"
: > "$TABLES"
STARTED="$(date -u '+%Y-%m-%d %H:%M UTC')"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

for workload in $WORKLOADS; do
  sleep_ms_of "$workload" > /dev/null
  csv="$TARGET/results-$workload.csv"
  echo "workload,phase,round,config,wall_s,user_s,sys_s,cpu_s,max_rss_kib,wall_minus_sleep_s,loadavg_1min_before" > "$csv"
  log "Workload $workload"
  total=$(( WARMUPS + RUNS ))
  for (( round = 1; round <= total; round++ )); do
    if (( round <= WARMUPS )); then phase=warmup; n=$round; else phase=measured; n=$(( round - WARMUPS )); fi
    # Rotate the starting configuration every round, so no configuration always runs right after
    # the same other one.
    for (( i = 0; i < ${#CONFIGS[@]}; i++ )); do
      config="${CONFIGS[$(( (i + round - 1) % ${#CONFIGS[@]} ))]}"
      run_once "$workload" "$config" "$phase" "$n" "$csv"
    done
  done
  report "$workload" "$csv" >> "$TABLES"
  log "Raw numbers: $csv"
done

{
  printf '## Startup benchmark, %s\n\n' "$STARTED"
  printf -- '- JDK: %s\n' "$JDK_DESC"
  printf -- '- Machine: %s\n' "$MACHINE"
  printf -- '- ChatLens: %s\n' "$CHATLENS_DESC"
  printf -- '- OpenTelemetry Java agent: %s\n' "$OTEL_VERSION"
  printf -- '- Runs: %d measured (+%d warm-up, discarded) per configuration and workload, configurations interleaved round-robin\n' "$RUNS" "$WARMUPS"
  printf -- '- Load average (1/5/15 min): %s at start, %s at end\n\n' "$LOAD_START" "$(cut -d' ' -f1-3 /proc/loadavg)"
  cat "$TABLES"
} > "$RESULTS_MD"
log "Results: $RESULTS_MD"
cat "$RESULTS_MD"
