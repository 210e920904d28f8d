package io.chatlens.instrumentation.logs;

import io.chatlens.instrumentation.accessor.Accessor;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.Invocation;
import io.chatlens.instrumentation.core.Probe;
import io.chatlens.instrumentation.core.ProbeSemantics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Turns the application's own log events (Logback, Log4j 2, java.util.logging) into OpenTelemetry log
 * records carrying the current trace context. The application's log output is not changed. Records no span;
 * the log record exporter redacts bodies and attributes before export.
 */
public final class LogBridgeHandler implements ComponentHandler {

  static final AttributeKey<String> THREAD = AttributeKey.stringKey("thread.name");
  static final AttributeKey<String> EXCEPTION_TYPE = io.chatlens.instrumentation.core.Semconv.EXCEPTION_TYPE;
  static final AttributeKey<String> EXCEPTION_MESSAGE = io.chatlens.instrumentation.core.Semconv.EXCEPTION_MESSAGE;
  static final AttributeKey<String> EXCEPTION_STACKTRACE = io.chatlens.instrumentation.core.Semconv.EXCEPTION_STACKTRACE;

  private static final Accessor LOGBACK_LEVEL = Accessor.parse("arg0.level");
  private static final Accessor LOGBACK_LOGGER = Accessor.parse("arg0.loggerName");
  private static final Accessor LOGBACK_MESSAGE = Accessor.parse("arg0.formattedMessage");
  private static final Accessor LOGBACK_TIME = Accessor.parse("arg0.timeStamp");
  private static final Accessor LOGBACK_THREAD = Accessor.parse("arg0.threadName");
  private static final Accessor LOGBACK_ERROR_TYPE = Accessor.parse("arg0.throwableProxy.className");
  private static final Accessor LOGBACK_ERROR_MESSAGE = Accessor.parse("arg0.throwableProxy.message");
  private static final Accessor LOG4J_NAME = Accessor.parse("this.name");
  private static final Accessor LOG4J_MESSAGE = Accessor.parse("arg3.formattedMessage");
  private static final Accessor LOG4J_LOCATION_MESSAGE = Accessor.parse("arg4.formattedMessage");

  private final LoggerProvider logs;
  private final SimpleFormatter julFormatter = new SimpleFormatter();

  public LogBridgeHandler(LoggerProvider logs) {
    this.logs = logs;
  }

  @Override
  public ProbeSemantics describe(Probe probe) {
    return new ProbeSemantics(probe.methodName(), SpanKind.INTERNAL, Attributes.empty(), probe.methodName());
  }

  @Override
  public String spanName(Invocation invocation, ProbeSemantics semantics) {
    return null;
  }

  @Override
  public void onEnter(Invocation invocation) {
    String role = invocation.probe().role();
    Object self = invocation.self();
    Object[] args = invocation.args();
    if (LogRoles.LOGBACK.equals(role)) {
      String logger = text(LOGBACK_LOGGER.read(self, args, null));
      LogRecordBuilder record = builder(logger, text(LOGBACK_LEVEL.read(self, args, null)),
          text(LOGBACK_MESSAGE.read(self, args, null)), text(LOGBACK_THREAD.read(self, args, null)));
      if (LOGBACK_TIME.read(self, args, null) instanceof Long millis) {
        record.setTimestamp(millis, TimeUnit.MILLISECONDS);
      }
      String errorType = text(LOGBACK_ERROR_TYPE.read(self, args, null));
      if (errorType != null) {
        record.setAttribute(EXCEPTION_TYPE, errorType);
        String errorMessage = text(LOGBACK_ERROR_MESSAGE.read(self, args, null));
        if (errorMessage != null) {
          record.setAttribute(EXCEPTION_MESSAGE, errorMessage);
        }
      }
      record.emit();
    } else if (LogRoles.LOG4J_LOCATION.equals(role)) {
      LogRecordBuilder record = builder(text(LOG4J_NAME.read(self, args, null)), args.length > 0 ? String.valueOf(args[0]) : null,
          text(LOG4J_LOCATION_MESSAGE.read(self, args, null)), Thread.currentThread().getName());
      if (args.length > 5 && args[5] instanceof Throwable error) {
        exception(record, error);
      }
      record.emit();
    } else if (LogRoles.LOG4J.equals(role)) {
      LogRecordBuilder record = builder(text(LOG4J_NAME.read(self, args, null)), args.length > 1 ? String.valueOf(args[1]) : null,
          text(LOG4J_MESSAGE.read(self, args, null)), Thread.currentThread().getName());
      if (args.length > 4 && args[4] instanceof Throwable error) {
        exception(record, error);
      }
      record.emit();
    } else if (LogRoles.JUL.equals(role) && args.length == 1 && args[0] instanceof LogRecord julRecord
        && self instanceof java.util.logging.Logger julLogger) {
      String name = julRecord.getLoggerName() == null ? julLogger.getName() : julRecord.getLoggerName();
      if (name == null || name.startsWith("io.chatlens") || julRecord.getLevel() == null
          || !julLogger.isLoggable(julRecord.getLevel())) {
        return;
      }
      LogRecordBuilder record = builder(name, julRecord.getLevel().getName(), julFormatter.formatMessage(julRecord),
          Thread.currentThread().getName());
      record.setTimestamp(julRecord.getInstant().toEpochMilli(), TimeUnit.MILLISECONDS);
      if (julRecord.getThrown() != null) {
        exception(record, julRecord.getThrown());
      }
      record.emit();
    }
  }

  private LogRecordBuilder builder(String logger, String level, String message, String thread) {
    LogRecordBuilder record = logs.get(logger == null || logger.isEmpty() ? "application" : logger).logRecordBuilder()
        .setSeverity(severity(level)).setBody(message == null ? "" : message);
    if (level != null) {
      record.setSeverityText(level);
    }
    if (thread != null) {
      record.setAttribute(THREAD, thread);
    }
    return record;
  }

  private static void exception(LogRecordBuilder record, Throwable error) {
    record.setAttribute(EXCEPTION_TYPE, error.getClass().getName());
    try {
      if (error.getMessage() != null) {
        record.setAttribute(EXCEPTION_MESSAGE, error.getMessage());
      }
      StringWriter stack = new StringWriter();
      error.printStackTrace(new PrintWriter(stack));
      record.setAttribute(EXCEPTION_STACKTRACE, stack.toString());
    } catch (RuntimeException hostile) {
      // the type is enough
    }
  }

  static Severity severity(String level) {
    if (level == null) {
      return Severity.UNDEFINED_SEVERITY_NUMBER;
    }
    return switch (level.toUpperCase(Locale.ROOT)) {
      case "TRACE", "FINEST", "FINER" -> Severity.TRACE;
      case "DEBUG", "FINE", "CONFIG" -> Severity.DEBUG;
      case "INFO" -> Severity.INFO;
      case "WARN", "WARNING" -> Severity.WARN;
      case "ERROR", "SEVERE" -> Severity.ERROR;
      case "FATAL" -> Severity.FATAL;
      default -> Severity.UNDEFINED_SEVERITY_NUMBER;
    };
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  @Override
  public void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos) {}
}
