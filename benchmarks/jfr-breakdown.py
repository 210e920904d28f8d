#!/usr/bin/env python3
"""Where the benchmark thread spends its CPU samples, from a JFR recording (run.sh ... -prof jfr).

Usage: jfr-breakdown.py RECORDING.jfr [--jfr PATH_TO_JFR_TOOL] [--thread SUBSTRING] [--top N]

Prints, for the JMH worker thread only (the application thread; the agent's own threads are left out):
  - inclusive share of samples under each step of the agent's hot path (a sample counts for every
    step on its stack, so shares of nested steps overlap);
  - the top self (leaf) frames;
  - allocation samples (jdk.ObjectAllocationSample) by allocating frame, weighted by bytes.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

STEPS = [
    ("advice -> bridge enter", "io.chatlens.bootstrap.ChatLensBridge.enter"),
    ("  dispatcher onEnter", "io.chatlens.instrumentation.core.ChatLensDispatcher.onEnter"),
    ("    span start (SDK)", "io.chatlens.shaded.io.opentelemetry.sdk.trace.SdkSpanBuilder.startSpan"),
    ("    handler onEnter", "Handler.onEnter"),
    ("      search query hash (SHA-256)", "io.chatlens.instrumentation.search.SearchHandler.hash"),
    ("        MessageDigest.getInstance", "java.security.MessageDigest.getInstance"),
    ("    context makeCurrent", "io.chatlens.shaded.io.opentelemetry.context.Context.makeCurrent"),
    ("advice -> bridge exit", "io.chatlens.bootstrap.ChatLensBridge.exit"),
    ("  dispatcher onExit", "io.chatlens.instrumentation.core.ChatLensDispatcher.onExit"),
    ("    handler onExit", "Handler.onExit"),
    ("      metrics (counter add)", "io.chatlens.shaded.io.opentelemetry.sdk.metrics.SdkLongCounter.add"),
    ("      metrics (histogram record)", "Histogram.record"),
    ("      log event (Events.emit)", "io.chatlens.instrumentation.core.Events.emit"),
    ("        redaction on app thread", "io.chatlens.agent.redaction.Redactor.redact"),
    ("        EventQueue.accept", "io.chatlens.agent.logging.EventQueue.accept"),
    ("      command name (accessor)", "io.chatlens.instrumentation.accessor.Guess.commandName"),
    ("    span end (SDK)", "io.chatlens.shaded.io.opentelemetry.sdk.trace.SdkSpan.end"),
    ("      BatchSpanProcessor.onEnd", "io.chatlens.shaded.io.opentelemetry.sdk.trace.export.BatchSpanProcessor.onEnd"),
    ("    scope close", "io.chatlens.shaded.io.opentelemetry.context.ThreadLocalContextStorage$"),
]


def frames_of(event):
    stack = event["values"].get("stackTrace") or {}
    out = []
    for frame in stack.get("frames", []):
        method = frame["method"]
        out.append(method["type"]["name"].replace("/", ".") + "." + method["name"])
    return out  # leaf first


def thread_of(event, key):
    thread = event["values"].get(key) or {}
    return thread.get("javaName") or thread.get("osName") or ""


def load(jfr, recording, events):
    text = subprocess.run([jfr, "print", "--json", "--events", events, recording], check=True,
                          capture_output=True, text=True).stdout
    return json.loads(text)["recording"]["events"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("--jfr", default=os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "jfr"))
    parser.add_argument("--thread", default="jmh-worker")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    samples = [e for e in load(args.jfr, args.recording, "jdk.ExecutionSample")
               if args.thread in thread_of(e, "sampledThread")]
    total = len(samples)
    print(f"{args.recording}: {total} CPU samples on threads matching '{args.thread}'")
    if not total:
        return
    inclusive = collections.Counter()
    leaves = collections.Counter()
    for event in samples:
        frames = frames_of(event)
        if frames:
            leaves[frames[0]] += 1
        for label, needle in STEPS:
            if any(needle in f for f in frames):
                inclusive[label] += 1
    print("\nInclusive share of the application thread's samples:")
    for label, _ in STEPS:
        if inclusive[label]:
            print(f"  {label:<40} {100.0 * inclusive[label] / total:5.1f}%")
    print(f"\nTop {args.top} self frames:")
    for frame, count in leaves.most_common(args.top):
        print(f"  {100.0 * count / total:5.1f}%  {frame}")

    allocations = [e for e in load(args.jfr, args.recording, "jdk.ObjectAllocationSample")
                   if args.thread in thread_of(e, "eventThread")]
    weight = sum(e["values"].get("weight", 0) for e in allocations)
    if weight:
        by_site = collections.Counter()
        for event in allocations:
            frames = frames_of(event)
            # the first frame outside java.* names the allocating code
            site = next((f for f in frames if not f.startswith(("java.", "jdk.", "sun."))), frames[0] if frames else "?")
            cls = event["values"].get("objectClass", {}).get("name", "?").replace("/", ".")
            by_site[(site, cls)] += event["values"].get("weight", 0)
        print(f"\nTop {args.top} allocation sites on the application thread (share of sampled bytes):")
        for (site, cls), w in by_site.most_common(args.top):
            print(f"  {100.0 * w / weight:5.1f}%  {cls:<28} {site}")


if __name__ == "__main__":
    sys.exit(main())
