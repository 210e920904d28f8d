package io.chatlens.instrumentation.core;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * How much the instrumentation sheds right now: the level the agent's circuit breaker sets and every woven call
 * reads, once, when it starts (one volatile read; the {@link Invocation} keeps the value for the rest of the call).
 * Metrics and error counts are recorded at every level.
 *
 * <ol start="0">
 *   <li>{@link #NORMAL}: everything is recorded.
 *   <li>{@link #NO_LOW_EVENTS}: structured log events below WARN (DEBUG, INFO) are dropped; audit events are kept.
 *   <li>{@link #ESSENTIAL_ATTRIBUTES}: also, spans carry only the {@linkplain #ESSENTIAL_KEYS essential attributes}
 *       (their ids, name, kind, status and duration are kept, and so is the exception event of a failure).
 *   <li>{@link #ESSENTIAL_SPANS}: also, only turns, error-handler calls and failed calls record a span; a failed call
 *       gets its span when it fails, back-dated to its start.
 * </ol>
 */
public final class LoadShedding {

  public static final int NORMAL = 0;
  public static final int NO_LOW_EVENTS = 1;
  public static final int ESSENTIAL_ATTRIBUTES = 2;
  public static final int ESSENTIAL_SPANS = 3;
  public static final int MAX_LEVEL = ESSENTIAL_SPANS;

  /** What a span keeps at level {@link #ESSENTIAL_ATTRIBUTES} and above: who, where, and how it ended. */
  public static final Set<String> ESSENTIAL_KEYS = Set.of(
      Instruments.COMPONENT.getKey(), Instruments.SESSION_ID.getKey(), Instruments.USER_ID.getKey(),
      Instruments.ERROR_TYPE.getKey(), "chatbot.error.category", "chatbot.error.fingerprint",
      "chatbot.endpoint", "chatbot.turn.status", "db.response.status_code");

  private static volatile int level;
  private static final LongAdder SHED_EVENTS = new LongAdder();
  private static final LongAdder SHED_SPANS = new LongAdder();

  private LoadShedding() {}

  /** The current level, 0 to {@link #MAX_LEVEL}. */
  public static int level() {
    return level;
  }

  /** Set by the agent's circuit breaker; clamped to 0..{@link #MAX_LEVEL}. */
  public static void level(int value) {
    level = Math.max(NORMAL, Math.min(MAX_LEVEL, value));
  }

  /** Structured log events dropped by load shedding since the start. */
  public static long shedEvents() {
    return SHED_EVENTS.sum();
  }

  /** Spans not recorded because of load shedding since the start. */
  public static long shedSpans() {
    return SHED_SPANS.sum();
  }

  static void eventShed() {
    SHED_EVENTS.increment();
  }

  static void spanShed() {
    SHED_SPANS.increment();
  }

  /** Whether a log event of this level is dropped at this shedding level. */
  static boolean shedsEvent(int sheddingLevel, ChatEvent.Level eventLevel, boolean audit) {
    return sheddingLevel >= NO_LOW_EVENTS && !audit && eventLevel.compareTo(ChatEvent.Level.WARN) < 0;
  }

  /** The essential subset of a probe's constant attributes (computed once per probe). */
  static Attributes essentials(Attributes attributes) {
    AttributesBuilder kept = Attributes.builder();
    attributes.forEach((key, value) -> {
      if (ESSENTIAL_KEYS.contains(key.getKey())) {
        @SuppressWarnings("unchecked")
        AttributeKey<Object> typed = (AttributeKey<Object>) key;
        kept.put(typed, value);
      }
    });
    return kept.build();
  }
}
