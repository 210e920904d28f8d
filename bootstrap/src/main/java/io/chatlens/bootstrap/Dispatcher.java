package io.chatlens.bootstrap;

/**
 * The agent-side receiver of every probe hit. Implemented inside the isolated agent class loader and
 * installed into {@link ChatLensBridge}; advice never sees the implementation class.
 */
public interface Dispatcher {

  /**
   * Called on entry to an instrumented method.
   *
   * @param probeId the id the agent gave this method when it was woven
   * @param self the receiver, or {@code null} for a static method
   * @param args the method arguments (never modified)
   * @return a token handed back to {@link #onExit}, or {@code null} when nothing needs to happen on exit
   */
  Object onEnter(int probeId, Object self, Object[] args);

  /**
   * Called on every exit of an instrumented method whose {@link #onEnter} returned a token.
   *
   * @param token what {@link #onEnter} returned
   * @param returned the return value, boxed, or {@code null} for void methods and on exceptions
   * @param thrown the exception the method is throwing, or {@code null}
   */
  void onExit(Object token, Object returned, Throwable thrown);

  /**
   * Called when {@link #onExit} itself failed before it could run (a StackOverflowError as it was called, say): puts
   * back the thread's state (context, current call) that the call's entry set, and records nothing else.
   *
   * @param token what {@link #onEnter} returned
   */
  default void onExitLost(Object token) {}

  /**
   * Called when a woven constructor completed, e.g. to remember thread pools whose queues are reported.
   *
   * @param probeId the id the agent gave this constructor
   * @param instance the constructed object
   */
  default void onConstructed(int probeId, Object instance) {}

  /**
   * Called when an application logging framework builds the MDC of a log event: returns the map to use,
   * with the current trace and span ids added, or the given map unchanged.
   */
  default Object onMdc(Object mdc) {
    return mdc;
  }
}
