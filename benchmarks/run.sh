#!/usr/bin/env bash
# Runs the ChatLens overhead benchmarks (JMH) and prints, per scenario, the median time per call with and
# without the agent, the cost the agent adds, and PASS/FAIL against the 1 µs budget.
#
# Usage: benchmarks/run.sh [options] [extra JMH arguments...]
#   --build          rebuild the project first, even if the jars look up to date
#   --no-build       never build; fail if a jar is missing
#   --agent PATH     the agent jar to attach (default: $CHATLENS_AGENT_JAR, else agent/target/chatlens-agent.jar)
#   --result FILE    JSON result file (default: benchmarks/target/jmh-result.json)
#   --table-only     do not run; print the table of an existing result file
#   -h, --help       this text
# Everything else goes to JMH, after the defaults (-f 1 -wi 5 -w 2s -i 5 -r 2s -t 1); a default is dropped
# when you pass the same option yourself. Examples:
#   benchmarks/run.sh                                  # everything, ~15 min on 2 cores
#   benchmarks/run.sh -bm avgt -prof gc                # allocation per call (B/op)
#   benchmarks/run.sh 'turn$' -wi 3 -i 3               # one scenario, with and without the agent
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/run.sh
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
JAR="$BENCH_DIR/target/benchmarks.jar"
AGENT_JAR="${CHATLENS_AGENT_JAR:-$REPO/agent/target/chatlens-agent.jar}"
RESULT="$BENCH_DIR/target/jmh-result.json"
BUILD=auto
TABLE_ONLY=false
JMH_ARGS=()

absolute() {
  local dir
  dir="$(cd "$(dirname "$1")" && pwd)" || { echo "no such directory: $(dirname "$1")" >&2; exit 1; }
  echo "$dir/$(basename "$1")"
}

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=always ;;
    --no-build) BUILD=never ;;
    --agent) AGENT_JAR="$(absolute "$2")"; shift ;;
    --result) mkdir -p "$(dirname "$2")"; RESULT="$(absolute "$2")"; shift ;;
    --table-only) TABLE_ONLY=true ;;
    -h|--help) usage; exit 0 ;;
    *) JMH_ARGS+=("$1") ;;
  esac
  shift
done

JAVA="java"
if [[ -n "${JAVA_HOME:-}" ]]; then
  JAVA="$JAVA_HOME/bin/java"
fi

print_table() {
  python3 - "$1" <<'PY'
import json, sys

BUDGET_NS = 1000.0
path = sys.argv[1]
with open(path) as f:
    runs = json.load(f)

results = {}   # (config, method, mode) -> run
for run in runs:
    config, method = run["benchmark"].split(".")[-2:]
    results[(config, method, run["mode"])] = run

# The paced scenarios time the call alone and print "[chatlens-bench] call times <benchmark> <mode> p50=..."
# (see CallTimes); those lines are in the console output saved next to the result.
call_p50 = {}
try:
    with open(path[:-len(".json")] + "-output.txt" if path.endswith(".json") else path + "-output.txt") as f:
        for text in f:
            # JMH may print it after an iteration's label on the same line
            text = text[text.find("[chatlens-bench] call times "):] if "[chatlens-bench] call times " in text else ""
            parts = text.split()
            if len(parts) > 5 and parts[5].startswith("p50="):
                config, method = parts[3].split(".")[-2:]
                call_p50[(config, method)] = float(parts[5][4:])
except OSError:
    pass

def median(config, method):
    if (config, method) in call_p50:
        return call_p50[(config, method)]
    run = results.get((config, method, "sample"))
    return None if run is None else run["primaryMetric"]["scorePercentiles"]["50.0"]

def average(config, method):
    run = results.get((config, method, "avgt"))
    return None if run is None else run["primaryMetric"]["score"]

def alloc(config, method):
    for mode in ("avgt", "sample", "thrpt", "ss"):
        run = results.get((config, method, mode))
        if run is None:
            continue
        for name, metric in run.get("secondaryMetrics", {}).items():
            if name.endswith("gc.alloc.rate.norm"):
                return metric["score"]
    return None

def fmt(value, digits=0):
    return "n/a" if value is None else f"{value:,.{digits}f}"

def diff(a, b):
    return None if a is None or b is None else a - b

# scenario, benchmark method, instrumented calls per operation, budget per call (ns)
JDBC_BUDGET_NS = 1500.0
rows = [
    ("turn", "turn", 1, BUDGET_NS),
    ("parser", "parser", 1, BUDGET_NS),
    ("search", "search", 1, BUDGET_NS),
    ("nested turn>parser>search", "nested", 3, BUDGET_NS),
    ("turn, paced (every event written)*", "turnPaced", 1, BUDGET_NS),
    ("nested, paced (every event written)*", "nestedPaced", 3, BUDGET_NS),
    ("jdbc prepared query (H2 mem)", "jdbcPrepared", 1, JDBC_BUDGET_NS),
    ("jdbc statement with literal", "jdbcStatement", 1, JDBC_BUDGET_NS),
    ("untouched turn (agent on)", "plainTurn", 0, 0),
    ("untouched parser (agent on)", "plainParser", 0, 0),
    ("untouched search (agent on)", "plainSearch", 0, 0),
    ("untouched nested (agent on)", "plainNested", 0, 0),
]

header = ("scenario", "p50 no agent", "p50 agent", "added p50", "added/call", "avg no agent", "avg agent",
          "added avg", "B/op added", "verdict")
table = []
failed = False
for label, method, calls, budget in rows:
    m0, m1 = median("NoAgent", method), median("WithAgent", method)
    a0, a1 = average("NoAgent", method), average("WithAgent", method)
    b0, b1 = alloc("NoAgent", method), alloc("WithAgent", method)
    added = diff(m1, m0)
    per_call = None if added is None else added / max(calls, 1)
    if added is None:
        verdict = "n/a"
    elif calls:
        verdict = "PASS" if per_call <= budget else "FAIL"
        failed |= verdict == "FAIL"
    else:
        # not woven: the same code, so the same time within timer noise
        verdict = "PASS (≈0)" if abs(added) <= 10 else "CHECK"
    table.append((label, fmt(m0, 1), fmt(m1, 1), fmt(added, 1), fmt(per_call, 1), fmt(a0, 1), fmt(a1, 1),
                  fmt(diff(a1, a0), 1), fmt(diff(b1, b0)), verdict))

widths = [max(len(str(r[i])) for r in [header] + table) for i in range(len(header))]
def line(r):
    return "  ".join(str(c).ljust(widths[i]) if i == 0 else str(c).rjust(widths[i]) for i, c in enumerate(r))
print()
print(f"ChatLens added cost per call (ns; budget: median <= {BUDGET_NS:.0f} ns per instrumented call, "
      f"{JDBC_BUDGET_NS:.0f} ns per JDBC span) - {path}")
print(line(header))
print("  ".join("-" * w for w in widths))
for r in table:
    print(line(r))
print("p50 = JMH SampleTime median; avg = AverageTime; added = agent - no agent; added/call = added divided by")
print("the instrumented calls of one operation (3 for nested); B/op added needs -prof gc.")
print("* paced: one call per ~95 us of other work; p50 is the median of the call alone, timed by the benchmark")
print("  (10 ns buckets, measurement iterations only); n/a before 'call times' lines exist in the output file.")
sys.exit(1 if failed else 0)
PY
}

if [[ "$TABLE_ONLY" == true ]]; then
  print_table "$RESULT"
  exit $?
fi

needs_build() {
  [[ -f "$JAR" && -f "$AGENT_JAR" ]] || return 0
  [[ -n "$(find "$REPO/pom.xml" "$REPO"/{bootstrap,instrumentation,agent,benchmarks}/{pom.xml,src} \
      -newer "$JAR" -type f -print -quit 2>/dev/null)" ]]
}

case "$BUILD" in
  always) DO_BUILD=true ;;
  never) DO_BUILD=false ;;
  *) if needs_build; then DO_BUILD=true; else DO_BUILD=false; fi ;;
esac
if [[ "$DO_BUILD" == true ]]; then
  echo "Building (mvn -B -q install -DskipTests) ..."
  (cd "$REPO" && mvn -B -q install -DskipTests)
fi
[[ -f "$JAR" ]] || { echo "missing $JAR (build with: mvn -B -q install -DskipTests)" >&2; exit 1; }
[[ -f "$AGENT_JAR" ]] || { echo "missing agent jar $AGENT_JAR" >&2; exit 1; }

# WithAgent's @Fork arguments are relative to benchmarks/: forked JVMs inherit this working directory.
cd "$BENCH_DIR"
mkdir -p target
cp -f "$AGENT_JAR" target/chatlens-agent.jar
rm -rf target/chatlens-bench-logs
mkdir -p target/chatlens-bench-logs "$(dirname "$RESULT")"

has_arg() {
  local wanted="$1" arg
  for arg in "${JMH_ARGS[@]+"${JMH_ARGS[@]}"}"; do
    [[ "$arg" == "$wanted" ]] && return 0
  done
  return 1
}
DEFAULTS=()
for pair in "-f 1" "-wi 5" "-w 2s" "-i 5" "-r 2s" "-t 1"; do
  set -- $pair
  has_arg "$1" || DEFAULTS+=("$1" "$2")
done

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }
echo "JDK: $("$JAVA" -version 2>&1 | head -1); CPUs: $(nproc); load average: $(load); agent: $AGENT_JAR"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "WARNING: the machine is already busy (load $(load) on $(nproc) CPUs): other processes will inflate the numbers"
fi
OUTPUT="${RESULT%.json}-output.txt"
set +e
"$JAVA" -jar "$JAR" "${DEFAULTS[@]+"${DEFAULTS[@]}"}" -rf json -rff "$RESULT" "${JMH_ARGS[@]+"${JMH_ARGS[@]}"}" 2>&1 | tee "$OUTPUT"
status=${PIPESTATUS[0]}
set -e
if grep -q '\[chatlens-bench\] WARNING' "$OUTPUT"; then
  echo
  grep '\[chatlens-bench\] WARNING' "$OUTPUT"
fi
if [[ $status -ne 0 ]]; then
  echo "JMH failed (exit $status); full output in $OUTPUT" >&2
  exit "$status"
fi
if grep -q '<failure>' "$OUTPUT"; then
  echo "a benchmark failed; see $OUTPUT" >&2
  exit 1
fi
echo "load average at the end: $(load)"
print_table "$RESULT"
