package io.chatlens.instrumentation.core;

import java.util.Map;

/**
 * One structured log event: the seed's log format fields. Formatting happens later, on the agent's
 * log-writer thread, never on the application thread.
 *
 * @param epochMillis when it happened
 * @param level DEBUG, INFO, WARN or ERROR
 * @param module the component, e.g. {@code session_manager}
 * @param function the method, e.g. {@code create_session}
 * @param message a human-readable sentence
 * @param context structured key/value pairs ({@code user_id}, {@code session_id}, {@code trace_id}, ...)
 * @param error an exception to describe, or {@code null}
 * @param audit whether the event also belongs in the audit log
 */
public record ChatEvent(long epochMillis, Level level, String module, String function, String message,
    Map<String, String> context, Throwable error, boolean audit) {

  /** Severity, as in the seed (CRITICAL maps to ERROR). */
  public enum Level { DEBUG, INFO, WARN, ERROR }
}
