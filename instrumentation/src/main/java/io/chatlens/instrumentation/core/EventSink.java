package io.chatlens.instrumentation.core;

/** Where instrumentation hands its structured events. Must never block and never throw. */
public interface EventSink {

  /** Accepts an event, or drops (and counts) it under pressure. */
  void accept(ChatEvent event);

  /** Whether events of this level are written at all; lets callers skip building them. */
  boolean isEnabled(ChatEvent.Level level);

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
