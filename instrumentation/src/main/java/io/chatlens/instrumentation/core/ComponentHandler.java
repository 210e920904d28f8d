package io.chatlens.instrumentation.core;

/**
 * What one component records. The dispatcher has already created the {@link Invocation} and its span;
 * the handler adds the component's attributes, metrics and log event.
 */
public interface ComponentHandler {

  /** Called once per probe, the first time it fires: precompute names and attributes. */
  ProbeSemantics describe(Probe probe);

  /** After the span started. Arguments are known; the return value is not. */
  void onEnter(Invocation invocation);

  /** Before the span ends. */
  void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos);
}
