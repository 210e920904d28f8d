package io.chatlens.instrumentation.core;

import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;

/** Builds the structured log events of component handlers. */
public final class Events {

  private final EventSink sink;

  public Events(EventSink sink) {
    this.sink = sink;
  }

  public boolean enabled(ChatEvent.Level level) {
    return sink.isEnabled(level);
  }

  /**
   * Whether an event of this level would be kept right now: enabled, and not about to be dropped because
   * the queue is under pressure (a drop is counted here). Checked before anything is built, so a
   * saturated log costs the application thread nothing.
   */
  public boolean admits(ChatEvent.Level level, boolean audit) {
    return sink.admits(level, audit);
  }

  /**
   * As {@link #admits(ChatEvent.Level, boolean)}, for an event of this invocation: {@code false} also when load
   * shedding drops events of this level ({@link LoadShedding}; the drop is counted).
   */
  public boolean admits(Invocation invocation, ChatEvent.Level level, boolean audit) {
    if (LoadShedding.shedsEvent(invocation.shedding, level, audit)) {
      LoadShedding.eventShed();
      return false;
    }
    return sink.admits(level, audit);
  }

  /**
   * Emits an event for an invocation (redaction happens later, on the log-writer thread): module and function
   * come from its probe; {@code user_id}, {@code session_id}, {@code trace_id} and {@code span_id} from its
   * context; then the extra pairs. User ids, from the context or the pairs, are already the exported ones
   * (hashed when {@code chatlens.redaction.hash-user-ids} is on).
   */
  public void emit(Invocation invocation, ChatEvent.Level level, String message, Throwable error, boolean audit,
      String... pairs) {
    if (!admits(invocation, level, audit)) {
      return;
    }
    ChatContext chat = invocation.chat();
    String traceId = null;
    String spanId = null;
    if (invocation.correlationSpan() != null) {
      SpanContext span = invocation.correlationSpan().getSpanContext();
      if (span.isValid()) {
        traceId = span.getTraceId();
        spanId = span.getSpanId();
      }
    }
    // the ordered map is built on the log-writer thread, the first time it is read
    Map<String, String> context = new EventContext(chat == null ? null : chat.userId(),
        chat == null ? null : chat.sessionId(), pairs, traceId, spanId);
    ProbeSemantics semantics = (ProbeSemantics) invocation.probe().semantics();
    sink.accept(new ChatEvent(System.currentTimeMillis(), level, invocation.probe().component().module(),
        semantics == null ? invocation.probe().methodName() : semantics.function(),
        message, context, error, audit));
  }

  /** {@code createSession} becomes {@code create_session}. */
  public static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0 && name.charAt(i - 1) != '_') {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
