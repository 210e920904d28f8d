package io.chatlens.instrumentation.core;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * What ChatLens knows about the conversation on this thread: the session and user of the current turn,
 * and whether the turn met an error. It travels in the OpenTelemetry {@link Context}, so every nested
 * span (parser, search, JDBC) and every log line of the turn carries the same ids.
 */
public final class ChatContext {

  static final ContextKey<ChatContext> KEY = ContextKey.named("chatlens-chat-context");

  private volatile String sessionId;
  private volatile String userId;
  private volatile String command;
  private volatile boolean systemError;
  private volatile boolean userError;
  private volatile String errorType;

  private volatile String rejectedCommand;
  /** Per-turn totals that components add to (tokens, cost), created by the first one; {@code null} in most turns. */
  private volatile java.util.Map<String, Total> totals;

  /** One total: a count (whole numbers, reported as a long) or an amount. */
  private static final class Total {
    final boolean count;
    final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

    Total(boolean count) {
      this.count = count;
    }
  }

  /**
   * Adds to one of this turn's amounts (a cost), which the turn reports as a field of its log event and a
   * {@code chatbot.turn.<name>} span attribute. At most 8 names per turn; further names are ignored.
   */
  public void addToTotal(String name, double amount) {
    add(name, amount, false);
  }

  /** As {@link #addToTotal}, for a count (tokens): reported as a whole number. */
  public void addToCount(String name, long count) {
    add(name, count, true);
  }

  private void add(String name, double amount, boolean count) {
    java.util.Map<String, Total> current = totals;
    if (current == null) {
      synchronized (this) {
        current = totals;
        if (current == null) {
          current = new java.util.concurrent.ConcurrentHashMap<>(4);
          totals = current;
        }
      }
    }
    Total total = current.get(name);
    if (total == null) {
      if (current.size() >= 8) {
        return;
      }
      total = current.computeIfAbsent(name, key -> new Total(count));
    }
    total.sum.add(amount);
  }

  /** This turn's totals by name, sorted: a {@code Long} for a count, a {@code Double} for an amount. */
  public java.util.SortedMap<String, Number> totals() {
    java.util.Map<String, Total> current = totals;
    java.util.SortedMap<String, Number> values = new java.util.TreeMap<>();
    if (current != null) {
      current.forEach((name, total) -> values.put(name, total.count ? (Number) (long) total.sum.sum()
          : (Number) total.sum.sum()));
    }
    return values;
  }

  /** Whether a component added to one of this turn's totals. */
  public boolean hasTotals() {
    return totals != null;
  }

  public @Nullable String sessionId() {
    return sessionId;
  }

  public @Nullable String userId() {
    return userId;
  }

  public void sessionId(@Nullable String value) {
    if (value != null) {
      sessionId = value;
    }
  }

  public void userId(@Nullable String value) {
    if (value != null) {
      userId = value;
    }
  }

  /** The (bounded) label of a command the parser rejected during this turn, or {@code null}. */
  public @Nullable String rejectedCommand() {
    return rejectedCommand;
  }

  public void rejectedCommand(String label) {
    rejectedCommand = label;
  }

  /** The command the parser recognised during this turn, or {@code null}. */
  public @Nullable String command() {
    return command;
  }

  public void command(String value) {
    command = value;
  }

  /** Marks the turn as failed by a system error (thrown, or caught and passed to the error handler). */
  public void systemError(String type) {
    systemError = true;
    if (errorType == null) {
      errorType = type;
    }
  }

  /** Marks the turn as rejected because of the user's input (an invalid command). */
  public void userError() {
    userError = true;
  }

  public boolean hasSystemError() {
    return systemError;
  }

  public boolean hasUserError() {
    return userError;
  }

  public @Nullable String errorType() {
    return errorType;
  }
}
