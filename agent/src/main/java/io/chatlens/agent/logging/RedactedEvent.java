package io.chatlens.agent.logging;

import io.chatlens.agent.redaction.Redactor;
import io.chatlens.instrumentation.core.ChatEvent;
import java.util.Map;

/**
 * Applies the redaction stage to an event on the log-writer thread, never on the application thread:
 * the message, every context value (by key and by value) and the exception text.
 */
public final class RedactedEvent {

  private RedactedEvent() {}

  static ChatEvent of(ChatEvent event, Redactor redactor) {
    String message = redactor.redact(event.message());
    Map<String, String> context = event.context() == null ? null : redactor.redactAll(event.context());
    Throwable error = event.error() == null ? null : new RedactedThrowable(event.error(), redactor);
    return new ChatEvent(event.epochMillis(), event.level(), event.module(), event.function(), message, context,
        error, event.audit());
  }

  /** A stand-in that carries the original's type name, redacted message and stack frames. */
  public static final class RedactedThrowable extends RuntimeException {
    private final String typeName;

    RedactedThrowable(Throwable original, Redactor redactor) {
      super(redactor.redact(safeMessage(original)),
          original.getCause() == null || original.getCause() == original ? null
              : new RedactedThrowable(original.getCause(), redactor),
          false, false);
      this.typeName = original.getClass().getName();
      setStackTrace(safeStack(original));
    }

    public String typeName() {
      return typeName;
    }

    private static String safeMessage(Throwable error) {
      try {
        return error.getMessage();
      } catch (RuntimeException hostile) {
        return null;
      }
    }

    private static StackTraceElement[] safeStack(Throwable error) {
      try {
        return error.getStackTrace();
      } catch (RuntimeException hostile) {
        return new StackTraceElement[0];
      }
    }
  }
}
