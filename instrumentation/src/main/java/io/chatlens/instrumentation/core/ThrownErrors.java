package io.chatlens.instrumentation.core;

/**
 * What the dispatcher needs from the errors component when an exception leaves a woven method: the errors package
 * implements it ({@code errors.ErrorRecorder}), so the core does not depend on it.
 */
public interface ThrownErrors {

  /** An exception is leaving an instrumented method: what it is, recorded once however many methods it crosses. */
  ErrorInfo thrown(Invocation invocation, Throwable error);

  /** After the call's handler ran: hands the exception to the error tracker when the call asked for it. */
  void captureThrown(Invocation invocation, Throwable error);
}
