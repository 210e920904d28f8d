package io.chatlens.instrumentation.core;

/** Where instrumentation hands its structured events. Must never block and never throw. */
public interface EventSink {

  /** Accepts an event, or drops (and counts) it under pressure. */
  void accept(ChatEvent event);

  /** Whether events of this level are written at all; lets callers skip building them. */
  boolean isEnabled(ChatEvent.Level level);

  /**
   * Whether an event of this level would be accepted right now; {@code false} also when it would be dropped
   * under pressure, in which case the drop is counted. Default: {@link #isEnabled} (audit events always).
   */
  default boolean admits(ChatEvent.Level level, boolean audit) {
    return audit || isEnabled(level);
  }

  /** A sink that discards everything. */
  EventSink NONE = new EventSink() {
    @Override
    public void accept(ChatEvent event) {}

    @Override
    public boolean isEnabled(ChatEvent.Level level) {
      return false;
    }
  };
}
