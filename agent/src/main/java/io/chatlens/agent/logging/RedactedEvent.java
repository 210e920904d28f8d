package io.chatlens.agent.logging;

import io.chatlens.agent.redaction.Redactor;
import io.chatlens.instrumentation.core.ChatEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the redaction stage to an event on the log-writer thread, never on the application thread:
 * the message, every context value (by key and by value) and the exception text.
 */
public final class RedactedEvent {

  /** Causes copied at most; deeper ones (and cycles) are cut. */
  private static final int MAX_CAUSES = 16;

  private RedactedEvent() {}

  static ChatEvent of(ChatEvent event, Redactor redactor) {
    String message = redactor.redact(event.message());
    Map<String, String> context = event.context() == null ? null : bounded(redactor.redactAll(event.context()), redactor);
    Throwable error = event.error() == null ? null : RedactedThrowable.of(event.error(), redactor);
    return new ChatEvent(event.epochMillis(), event.level(), event.module(), event.function(), message, context,
        error, event.audit());
  }

  /** The fields that are metric dimensions (command, executor, table) bounded like metric labels. */
  private static Map<String, String> bounded(Map<String, String> context, Redactor redactor) {
    Map<String, String> result = context;
    for (Map.Entry<String, String> entry : context.entrySet()) {
      String value = entry.getValue();
      String guarded = redactor.labels().logValue(entry.getKey(), value);
      if (guarded != null && !guarded.equals(value)) {
        if (result == context) {
          result = new java.util.LinkedHashMap<>(context);
        }
        result.put(entry.getKey(), guarded);
      }
    }
    return result;
  }

  /**
   * A stand-in that carries the original's type name, redacted message and stack frames. It is built
   * without a stack trace of its own (a non-writable one, which {@code setStackTrace} cannot change), so
   * it reports the original's frames through {@link #getStackTrace()}.
   */
  public static final class RedactedThrowable extends RuntimeException {
    private final String typeName;
    private final StackTraceElement[] frames;

    private RedactedThrowable(Throwable original, Redactor redactor, RedactedThrowable cause) {
      super(redactor.redact(safeMessage(original)), cause, false, false);
      this.typeName = original.getClass().getName();
      this.frames = safeStack(original);
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      return frames.clone();
    }

    /** Copies the exception and its causes, stopping at a cycle or after {@value #MAX_CAUSES} causes. */
    static RedactedThrowable of(Throwable original, Redactor redactor) {
      Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      List<Throwable> chain = new ArrayList<>();
      for (Throwable current = original; current != null && seen.add(current) && chain.size() <= MAX_CAUSES;
          current = safeCause(current)) {
        chain.add(current);
      }
      RedactedThrowable copy = null;
      for (int i = chain.size() - 1; i >= 0; i--) {
        copy = new RedactedThrowable(chain.get(i), redactor, copy);
      }
      return copy;
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

    private static Throwable safeCause(Throwable error) {
      try {
        return error.getCause();
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
