package io.chatlens.instrumentation.core;

/**
 * What one component records. The dispatcher has already created the {@link Invocation} and its span;
 * the handler adds the component's attributes, metrics and log event.
 */
public interface ComponentHandler {

  /** Called once per probe, the first time it fires: precompute names and attributes. */
  ProbeSemantics describe(Probe probe);

  /**
   * Before the span starts: the span name for this call, or {@code null} when the call records no span of
   * its own (its invocation still counts for re-entrancy, and its events attach to the enclosing span).
   */
  default @Nullable String spanName(Invocation invocation, ProbeSemantics semantics) {
    return semantics.spanName();
  }

  /** Attributes known before the span starts. */
  default void startAttributes(Invocation invocation, io.opentelemetry.api.trace.SpanBuilder span) {}

  /**
   * For a call without a span of its own that failed: the span that records the failure (the handler
   * starts it, back-dated to the call's start), or {@code null} to attach the error to the enclosing span.
   */
  default io.opentelemetry.api.trace.@Nullable Span failureSpan(Invocation invocation, Throwable thrown) {
    return null;
  }

  /** After the span started. Arguments are known; the return value is not. */
  void onEnter(Invocation invocation);

  /** Before the span ends. */
  void onExit(Invocation invocation, @Nullable Object returned, @Nullable Throwable thrown, long durationNanos);

  /**
   * Faults the handler swallowed outside any call, in a metric callback that reads the application's objects (an
   * accessor or a thread pool that threw): counted with the dispatcher's own in {@code chatlens.agent.faults}.
   */
  default long callbackFaults() {
    return 0;
  }
}
