package io.chatlens.agent.ui;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the live page learns from the exported spans (already redacted), on the span export thread, never on an
 * application thread: the slowest recent turns, each with its spans for a small waterfall; the zero-result search
 * queries by hash; and turns and failed turns by command. Every table is hard-bounded: at most {@code keep} turns
 * (of the last hour), {@link #MAX_PENDING_TRACES} traces waiting for their turn span with at most
 * {@link #MAX_SPANS_PER_TURN} spans each, {@link #MAX_QUERY_HASHES} query hashes and {@link #MAX_COMMANDS}
 * commands.
 */
final class SlowTurns {

  static final int MAX_PENDING_TRACES = 512;
  static final int MAX_SPANS_PER_TURN = 40;
  static final int MAX_QUERY_HASHES = 500;
  static final int MAX_COMMANDS = 200;
  static final Duration RECENT = Duration.ofHours(1);

  static final AttributeKey<String> COMPONENT = AttributeKey.stringKey("chatlens.component");
  static final AttributeKey<String> COMMAND = AttributeKey.stringKey("chatbot.command");
  static final AttributeKey<String> TURN_STATUS = AttributeKey.stringKey("chatbot.turn.status");
  static final AttributeKey<String> QUERY_HASH = AttributeKey.stringKey("chatbot.search.query.hash");
  static final AttributeKey<Long> RESULTS = AttributeKey.longKey("chatbot.search.results");

  /** One span of a turn's waterfall: offset from the turn's start and duration, in microseconds. */
  record Step(String name, String component, String spanId, String parentId, long offsetMicros, long durationMicros,
      boolean error) {}

  /** One slow turn. */
  record Turn(String traceId, String name, String command, long startMillis, long durationMicros,
      boolean error, List<Step> steps) {}

  private final int keep;
  private final LongSupplier clock;
  private final List<Turn> slowest = new ArrayList<>();
  private final LinkedHashMap<String, List<SpanData>> pending = new LinkedHashMap<>(64, 0.75f, false);
  private final LinkedHashMap<String, long[]> zeroResultQueries = new LinkedHashMap<>();
  private final Map<String, long[]> commands = new HashMap<>();
  private long turnsSeen;

  SlowTurns(int keep, LongSupplier clockMillis) {
    this.keep = Math.max(0, keep);
    this.clock = clockMillis;
  }

  /** Takes one exported batch (end order: a turn's spans come before the turn span itself). */
  synchronized void accept(Collection<SpanData> spans) {
    for (SpanData span : spans) {
      String component = span.getAttributes().get(COMPONENT);
      if ("search".equals(component)) {
        Long results = span.getAttributes().get(RESULTS);
        String hash = span.getAttributes().get(QUERY_HASH);
        if (results != null && results == 0 && hash != null) {
          countZeroResult(hash);
        }
      }
      if ("turn".equals(component)) {
        turn(span);
      } else if (keep > 0) {
        List<SpanData> waiting = pending.get(span.getTraceId());
        if (waiting == null) {
          if (pending.size() >= MAX_PENDING_TRACES) {
            Iterator<String> oldest = pending.keySet().iterator();
            oldest.next();
            oldest.remove();
          }
          waiting = new ArrayList<>();
          pending.put(span.getTraceId(), waiting);
        }
        if (waiting.size() < MAX_SPANS_PER_TURN - 1) {
          waiting.add(span);
        }
      }
    }
  }

  private void countZeroResult(String hash) {
    long[] count = zeroResultQueries.get(hash);
    if (count == null) {
      if (zeroResultQueries.size() >= MAX_QUERY_HASHES) {
        // forget the least counted
        String least = null;
        long leastCount = Long.MAX_VALUE;
        for (Map.Entry<String, long[]> entry : zeroResultQueries.entrySet()) {
          if (entry.getValue()[0] < leastCount) {
            least = entry.getKey();
            leastCount = entry.getValue()[0];
          }
        }
        zeroResultQueries.remove(least);
      }
      count = new long[1];
      zeroResultQueries.put(hash, count);
    }
    count[0]++;
  }

  private void turn(SpanData span) {
    turnsSeen++;
    boolean error = span.getStatus().getStatusCode() == StatusCode.ERROR
        || "error".equals(span.getAttributes().get(TURN_STATUS));
    String command = span.getAttributes().get(COMMAND);
    String commandKey = command == null ? "(none)" : command;
    long[] counts = commands.get(commandKey);
    if (counts == null && commands.size() < MAX_COMMANDS) {
      counts = new long[2];
      commands.put(commandKey, counts);
    }
    if (counts != null) {
      counts[0]++;
      counts[1] += error ? 1 : 0;
    }
    List<SpanData> children = pending.remove(span.getTraceId());
    if (keep == 0) {
      return;
    }
    long now = clock.getAsLong();
    slowest.removeIf(turn -> now - turn.startMillis() > RECENT.toMillis());
    long duration = micros(span);
    if (slowest.size() >= keep && duration <= slowest.get(slowest.size() - 1).durationMicros()) {
      return;
    }
    List<Step> steps = new ArrayList<>();
    long start = span.getStartEpochNanos();
    steps.add(step(span, start));
    if (children != null) {
      children.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
      for (SpanData child : children) {
        if (child.getStartEpochNanos() >= start && child.getEndEpochNanos() <= span.getEndEpochNanos()) {
          steps.add(step(child, start));
        }
      }
    }
    slowest.add(new Turn(span.getTraceId(), span.getName(), command,
        span.getStartEpochNanos() / 1_000_000, duration, error, List.copyOf(steps)));
    slowest.sort(Comparator.comparingLong(Turn::durationMicros).reversed());
    while (slowest.size() > keep) {
      slowest.remove(slowest.size() - 1);
    }
  }

  private static Step step(SpanData span, long turnStart) {
    String parent = span.getParentSpanContext().isValid() ? span.getParentSpanId() : null;
    return new Step(span.getName(), span.getAttributes().get(COMPONENT), span.getSpanId(), parent,
        (span.getStartEpochNanos() - turnStart) / 1000, micros(span), span.getStatus().getStatusCode() == StatusCode.ERROR);
  }

  private static long micros(SpanData span) {
    return Math.max(0, (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1000);
  }

  synchronized List<Turn> slowest() {
    long now = clock.getAsLong();
    slowest.removeIf(turn -> now - turn.startMillis() > RECENT.toMillis());
    return List.copyOf(slowest);
  }

  synchronized int pendingTraces() {
    return pending.size();
  }

  /** {@code {"keep":20,"turnsSeen":123,"turns":[{"traceId":...,"steps":[...]}]}}. */
  String json() {
    List<Turn> turns = slowest();
    Json json = new Json(256 + turns.size() * 1024).begin().field("keep", keep);
    synchronized (this) {
      json.field("turnsSeen", turnsSeen);
    }
    json.beginArray("turns");
    for (Turn turn : turns) {
      json.object(null).field("traceId", turn.traceId()).field("name", turn.name()).field("command", turn.command())
          .field("start", Instant.ofEpochMilli(turn.startMillis()).toString())
          .field("durationMs", turn.durationMicros() / 1000d).field("error", turn.error()).beginArray("steps");
      for (Step step : turn.steps()) {
        json.object(null).field("name", step.name()).field("component", step.component())
            .field("spanId", step.spanId()).field("parentId", step.parentId())
            .field("offsetMs", step.offsetMicros() / 1000d).field("durationMs", step.durationMicros() / 1000d)
            .field("error", step.error()).end();
      }
      json.endArray().end();
    }
    return json.endArray().end().toString();
  }

  /** The query hashes of zero-result searches, most frequent first. */
  synchronized List<Map.Entry<String, Long>> topZeroResultQueries(int limit) {
    List<Map.Entry<String, Long>> top = new ArrayList<>();
    zeroResultQueries.forEach((hash, count) -> top.add(Map.entry(hash, count[0])));
    top.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    return top.subList(0, Math.min(limit, top.size()));
  }

  /** Turns and failed turns by command, as seen in the exported spans. */
  synchronized Map<String, long[]> turnsByCommand() {
    Map<String, long[]> copy = new HashMap<>();
    commands.forEach((command, counts) -> copy.put(command, counts.clone()));
    return copy;
  }
}
