package io.chatlens.instrumentation.core;

/**
 * The typed key of what a handler keeps for one call between its entry and its exit ({@link Invocation#put},
 * {@link Invocation#get}): each handler declares its own, e.g.
 * {@code static final CallState<Execution> EXECUTION = CallState.of("jdbc execution", Execution.class)}. A call has
 * one handler, so one slot per call; a key reads only what was stored under it.
 *
 * @param <T> the type of the value
 */
public final class CallState<T> {

  private final String name;
  private final Class<T> type;

  private CallState(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  public static <T> CallState<T> of(String name, Class<T> type) {
    return new CallState<>(name, type);
  }

  T cast(Object value) {
    return type.cast(value);
  }

  @Override
  public String toString() {
    return name;
  }
}
