#!/usr/bin/env python3
"""Prints the overhead benchmark's tables from benchmarks/overhead/target/{runs,phases,first}.txt (see run.sh)."""
import collections
import statistics
import sys

out = sys.argv[1]
AGENTS = ["none", "chatlens", "otel", "elastic"]
NAMES = {"none": "no agent", "chatlens": "**ChatLens**", "otel": "OpenTelemetry agent 2.31.0",
         "elastic": "Elastic APM agent 1.52.0"}


def kv(fields):
    return {k: v for k, v in (f.split("=", 1) for f in fields if "=" in f)}


phases = collections.defaultdict(list)   # (agent, phase) -> [dict]
threads = collections.defaultdict(list)  # (agent, phase) -> [dict]
for line in open(f"{out}/phases.txt"):
    parts = line.split()
    agent, kind, rest = parts[0], parts[2], kv(parts[3:])
    (phases if kind == "LOAD" else threads)[(agent, rest["phase"])].append(rest)

runs = collections.defaultdict(list)
for line in open(f"{out}/runs.txt"):
    agent, _round, turns, wire, disk, drops = line.split()
    runs[agent].append((int(turns), int(wire), int(disk), int(drops)))

first = collections.defaultdict(list)
try:
    for line in open(f"{out}/first.txt"):
        agent, _round, first_ms, wall_ms = line.split()
        first[agent].append((int(first_ms), int(wall_ms)))
except FileNotFoundError:
    pass

agents = [a for a in AGENTS if runs.get(a)]


def med(agent, phase, key):
    values = [float(r[key]) for r in phases.get((agent, phase), []) if key in r]
    return statistics.median(values) if values else None


def ratio(value, base):
    return f"{value / base:.2f}x" if value is not None and base else "–"


has_steady = any(p == "steady" for (_, p) in phases)
print()
print("| agent | cold: turns/s | cold: p99 | steady: turns/s | steady: p99 | JIT compile time, whole run (added) "
      "| first answered turn (added) | OTLP/intake bytes per turn | log disk bytes per turn |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
base_jit = statistics.median([int(r[0]["jit_total_ms"]) for r in [[x] for x in phases[("none", "steady" if has_steady else "cold")]]]) \
    if phases.get(("none", "steady" if has_steady else "cold")) else None
base_first = statistics.median([f for f, _ in first["none"]]) if first.get("none") else None
for agent in agents:
    last = "steady" if has_steady else "cold"
    cold_tps, cold_p99 = med(agent, "cold", "tps"), med(agent, "cold", "p99_us")
    steady_tps, steady_p99 = med(agent, "steady", "tps"), med(agent, "steady", "p99_us")
    jit = med(agent, last, "jit_total_ms")
    turns = statistics.median(t for t, _, _, _ in runs[agent])
    wire = statistics.median(w / t for t, w, _, _ in runs[agent])
    disk = statistics.median(d / t for t, _, d, _ in runs[agent])
    first_ms = statistics.median(f for f, _ in first[agent]) if first.get(agent) else None
    jit_text = f"{jit / 1000:.1f} s" + (f" (+{(jit - base_jit) / 1000:.1f} s)" if agent != "none" and base_jit is not None else "")
    first_text = "–" if first_ms is None else f"{first_ms:.0f} ms" + (
        f" (+{first_ms - base_first:.0f} ms)" if agent != "none" and base_first is not None else "")
    print(f"| {NAMES[agent]} | {cold_tps:.0f} ({ratio(cold_tps, med('none', 'cold', 'tps'))}) "
          f"| {cold_p99:.0f} µs ({ratio(cold_p99, med('none', 'cold', 'p99_us'))}) "
          + (f"| {steady_tps:.0f} ({ratio(steady_tps, med('none', 'steady', 'tps'))}) "
             f"| {steady_p99:.0f} µs ({ratio(steady_p99, med('none', 'steady', 'p99_us'))}) " if steady_tps else "| – | – ")
          + f"| {jit_text} | {first_text} | {wire:.0f} | {disk:.0f} |")

print()
print("Per turn, medians of the rounds (ns of CPU unless named; request CPU and allocation from ThreadMXBean for the")
print("two request threads, every other thread from /proc/self/task, grouped by name with digits folded to N):")
for phase in (["cold", "steady"] if has_steady else ["cold"]):
    print()
    print(f"{phase}:")
    groups = sorted({k for a in agents for r in threads.get((a, phase), []) for k in r if k != "phase"})
    print("| thread group | " + " | ".join(NAMES[a] for a in agents) + " |")
    print("|---|" + "---:|" * len(agents))
    for key, label in (("request_cpu_ns_per_turn", "request threads (ThreadMXBean)"),
                       ("alloc_bytes_per_turn", "request threads: allocated bytes")):
        print(f"| {label} | " + " | ".join(f"{med(a, phase, key):.0f}" for a in agents) + " |")
    for group in groups:
        values = []
        for a in agents:
            rows = [int(r.get(group, 0)) for r in threads.get((a, phase), [])]
            values.append(f"{statistics.median(rows):.0f}" if rows else "0")
        if any(v != "0" for v in values):
            print(f"| {group} | " + " | ".join(values) + " |")
    print("| JIT: compile time per turn (ns of compiler-thread wall) | "
          + " | ".join(f"{med(a, phase, 'jit_ms') * 1e6 / med(a, phase, 'turns'):.0f}" for a in agents) + " |")

def budget(phase):
    """ChatLens's cost per turn, each line the median over rounds of ChatLens's value minus no agent's."""
    if not threads.get(("chatlens", phase)) or not threads.get(("none", phase)):
        return
    def group(agent, *prefixes):
        rows = threads[(agent, phase)]
        return statistics.median(sum(int(v) for k, v in r.items() if k != "phase" and k.startswith(prefixes))
                                 for r in rows)
    lines = [
        ("request threads (span, metrics, events on the application's threads)",
         med("chatlens", phase, "request_cpu_ns_per_turn") - med("none", phase, "request_cpu_ns_per_turn"),
         "`chatlens.instrument.*` per component"),
        ("JIT compiler threads", group("chatlens", "CN_Compiler") - group("none", "CN_Compiler"),
         "reduced by `chatlens.jit.light-background` (on by default)"),
        ("log writer (redaction, formatting, files)", group("chatlens", "chatlens-log-wr"), "`chatlens.log.level`"),
        ("span export (batching, redaction, marshalling, gzip, HTTP)",
         group("chatlens", "BatchSpanProces", "jdkhttp", "HttpClient"), "`otel.traces.exporter=none`"),
        ("log export (batching)", group("chatlens", "BatchLogRecordP"), "`otel.logs.exporter=none`"),
        ("metric collection and export", group("chatlens", "chatlens-metric", "chatlens-alert", "PeriodicMetric"),
         "`otel.metrics.exporter=none`, `chatlens.alerts.enabled=false`"),
        ("garbage collection", group("chatlens", "GC_", "GN_", "G1_") - group("none", "GC_", "GN_", "G1_"), ""),
    ]
    turns = [t for t, _, _, _ in runs["chatlens"]]
    print()
    print(f"Per-turn budget of ChatLens, {phase} phase (ns of CPU per turn, ChatLens minus no agent, medians):")
    print("| where | ns per turn | switch that removes or reduces it |")
    print("|---|---:|---|")
    total = 0
    for label, value, switch in lines:
        total += max(0, value)
        print(f"| {label} | {value:.0f} | {switch} |")
    print(f"| **total CPU** | **{total:.0f}** | |")
    print(f"| bytes on the wire (all signals, gzip) | {statistics.median(w / t for t, w, _, _ in runs['chatlens']):.0f} B | |")
    print(f"| bytes on disk (structured log files) | {statistics.median(d / t for t, _, d, _ in runs['chatlens']):.0f} B | `chatlens.log.level` |")


for phase in (["cold", "steady"] if has_steady else ["cold"]):
    budget(phase)

print()
print("ChatLens drop counters at the end of each measurement (its /metrics; all zero = nothing dropped):")
try:
    for line in open(f"{out}/drops.txt"):
        parts = line.split(None, 4)
        counters = [c.split("=")[-1] for c in parts[4].split(" | ")] if len(parts) > 4 else []
        print(f"  round {parts[1]} {parts[3]}: " + ("dropped " + str(sum(float(c) for c in counters if c.replace('.', '', 1).isdigit()))
                                                 if counters else "no counters") + "  (" + parts[4].strip()[:300] + ")")
except FileNotFoundError:
    pass
print()
print("runs (agent round total_turns wire_bytes disk_bytes stderr_lines_with_drop):")
for line in open(f"{out}/runs.txt"):
    print("  " + line.rstrip())
