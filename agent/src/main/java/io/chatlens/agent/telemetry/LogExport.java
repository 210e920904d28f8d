package io.chatlens.agent.telemetry;

import io.chatlens.instrumentation.core.ChatEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends the structured log events as OpenTelemetry log records (OTLP), carrying the trace context of the
 * span they were written in. Runs on the log-writer thread, after redaction.
 */
public final class LogExport implements Consumer<ChatEvent> {

  static final AttributeKey<String> MODULE = AttributeKey.stringKey("chatbot.module");
  static final AttributeKey<String> FUNCTION = io.chatlens.instrumentation.core.Semconv.CODE_FUNCTION_NAME;
  static final AttributeKey<String> EXCEPTION_TYPE = io.chatlens.instrumentation.core.Semconv.EXCEPTION_TYPE;
  static final AttributeKey<String> EXCEPTION_MESSAGE = io.chatlens.instrumentation.core.Semconv.EXCEPTION_MESSAGE;
  static final AttributeKey<Boolean> AUDIT = AttributeKey.booleanKey("chatbot.audit");

  /** Context keys come from a fixed set in the agent's own code; the bound only guards against surprises. */
  private static final int MAX_CACHED_KEYS = 256;

  private final Logger logger;
  private final boolean spanEvents;
  private final Map<String, AttributeKey<String>> keys = new java.util.concurrent.ConcurrentHashMap<>();

  /** Exports every event, including those that only repeat their span. */
  public LogExport(LoggerProvider provider) {
    this(provider, true);
  }

  /**
   * @param spanEvents whether DEBUG and INFO events written inside one of the agent's spans are exported too
   *     ({@code chatlens.log.export-span-events}); the span already carries what they say
   */
  public LogExport(LoggerProvider provider, boolean spanEvents) {
    this.logger = provider.get("io.chatlens");
    this.spanEvents = spanEvents;
  }

  /**
   * Whether the event only repeats the span it was written in: DEBUG or INFO, not an audit event, written by a
   * component inside a span (the agent's own events and alerts are never span echoes).
   */
  static boolean echoesItsSpan(ChatEvent event) {
    if (event.audit() || event.level().compareTo(ChatEvent.Level.INFO) > 0 || event.error() != null) {
      return false;
    }
    Map<String, String> context = event.context();
    return context != null && context.get("span_id") != null && !"chatlens_agent".equals(event.module())
        && !"alerts".equals(event.module());
  }

  @Override
  public void accept(ChatEvent event) {
    if (!spanEvents && echoesItsSpan(event)) {
      return;
    }
    LogRecordBuilder record = logger.logRecordBuilder()
        .setTimestamp(event.epochMillis(), TimeUnit.MILLISECONDS)
        .setSeverity(severity(event.level()))
        .setSeverityText(event.level().name())
        .setBody(event.message() == null ? "" : event.message())
        .setAttribute(MODULE, event.module())
        .setAttribute(FUNCTION, event.function());
    if (event.audit()) {
      record.setAttribute(AUDIT, true);
    }
    Map<String, String> context = event.context();
    if (context != null) {
      String traceId = context.get("trace_id");
      String spanId = context.get("span_id");
      if (traceId != null && spanId != null) {
        record.setContext(Context.root().with(Span.wrap(
            SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()))));
      }
      for (Map.Entry<String, String> entry : context.entrySet()) {
        String key = entry.getKey();
        if (!key.equals("trace_id") && !key.equals("span_id") && entry.getValue() != null) {
          record.setAttribute(keyOf(key), entry.getValue());
        }
      }
    }
    if (event.error() != null) {
      Throwable error = event.error();
      record.setAttribute(EXCEPTION_TYPE, error instanceof io.chatlens.agent.logging.RedactedEvent.RedactedThrowable redacted
          ? redacted.typeName() : error.getClass().getName());
      if (error.getMessage() != null) {
        record.setAttribute(EXCEPTION_MESSAGE, error.getMessage());
      }
    }
    record.emit();
  }

  private AttributeKey<String> keyOf(String contextKey) {
    AttributeKey<String> key = keys.get(contextKey);
    if (key == null) {
      key = AttributeKey.stringKey(attributeName(contextKey));
      if (keys.size() < MAX_CACHED_KEYS) {
        keys.put(contextKey, key);
      }
    }
    return key;
  }

  /** {@code user_id} becomes {@code user.id}, {@code session_id} {@code session.id}; others {@code chatbot.*}. */
  static String attributeName(String key) {
    return switch (key) {
      case "user_id" -> "user.id";
      case "session_id" -> "session.id";
      case "error_type" -> "error.type";
      default -> "chatbot." + key;
    };
  }

  static Severity severity(ChatEvent.Level level) {
    return switch (level) {
      case DEBUG -> Severity.DEBUG;
      case INFO -> Severity.INFO;
      case WARN -> Severity.WARN;
      case ERROR -> Severity.ERROR;
    };
  }
}
