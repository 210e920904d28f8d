package io.chatlens.instrumentation.core;

import io.opentelemetry.api.trace.SpanContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the structured log events of component handlers. */
public final class Events {

  private final EventSink sink;
  private final Settings settings;

  public Events(EventSink sink, Settings settings) {
    this.sink = sink;
    this.settings = settings;
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
   * Emits an event for an invocation (redaction happens later, on the log-writer thread): module and function come from its probe; {@code user_id},
   * {@code session_id}, {@code trace_id} and {@code span_id} from its context; then the extra pairs.
   */
  public void emit(Invocation invocation, ChatEvent.Level level, String message, Throwable error, boolean audit,
      String... pairs) {
    if (!sink.admits(level, audit)) {
      return;
    }
    Map<String, String> context = new LinkedHashMap<>(8);
    ChatContext chat = invocation.chat();
    String userId = chat == null ? null : chat.userId();
    String sessionId = chat == null ? null : chat.sessionId();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i].equals("user_id")) {
        userId = pairs[i + 1];
      } else if (pairs[i].equals("session_id")) {
        sessionId = pairs[i + 1];
      }
    }
    if (userId != null) {
      context.put("user_id", settings.userIdMapper.apply(userId));
    }
    if (sessionId != null) {
      context.put("session_id", sessionId);
    }
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (!pairs[i].equals("user_id") && !pairs[i].equals("session_id") && pairs[i + 1] != null) {
        context.put(pairs[i], pairs[i + 1]);
      }
    }
    if (invocation.span() != null) {
      SpanContext span = invocation.span().getSpanContext();
      if (span.isValid()) {
        context.put("trace_id", span.getTraceId());
        context.put("span_id", span.getSpanId());
      }
    }
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
