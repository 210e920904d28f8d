package io.chatlens.instrumentation.errors;

import io.chatlens.instrumentation.core.ChatContext;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ErrorInfo;
import io.chatlens.instrumentation.core.Events;
import io.chatlens.instrumentation.core.Instruments;
import io.chatlens.instrumentation.core.Invocation;
import io.chatlens.instrumentation.core.Labels;
import io.chatlens.instrumentation.core.Settings;
import io.chatlens.instrumentation.core.WeakIdentityMap;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/**
 * Records errors: whatever is thrown out of an instrumented method and whatever reaches the application's
 * error handler. Each error is classified and counted once, however many instrumented methods it passes
 * through and however often the application wraps it; every span it passes through is marked. The turn counts as failed when the
 * exception escapes the turn or reaches the error handler, not when the application recovered from it.
 */
public final class ErrorRecorder implements io.chatlens.instrumentation.core.ThrownErrors {

  static final AttributeKey<String> CATEGORY = AttributeKey.stringKey("chatbot.error.category");
  static final AttributeKey<String> FINGERPRINT = AttributeKey.stringKey("chatbot.error.fingerprint");
  static final AttributeKey<String> EXCEPTION_TYPE = io.chatlens.instrumentation.core.Semconv.EXCEPTION_TYPE;
  static final AttributeKey<String> EXCEPTION_MESSAGE = io.chatlens.instrumentation.core.Semconv.EXCEPTION_MESSAGE;
  static final AttributeKey<String> EXCEPTION_STACKTRACE = io.chatlens.instrumentation.core.Semconv.EXCEPTION_STACKTRACE;
  private static final int STACK_LIMIT = 8000;

  /** Where error groups and captured errors go: the group table and an error tracker. */
  public record Destinations(ErrorGroups groups, ErrorSink tracker) {
    /** A table of 1,000 groups and no tracker. */
    public static Destinations defaults() {
      return new Destinations(ErrorGroups.withCapacity(1000), ErrorSink.NONE);
    }
  }

  private final boolean userErrorsAreErrors;
  private final ErrorFingerprint fingerprints;
  private final ErrorCategorizer categorizer;
  private final Instruments instruments;
  private final Events events;
  private final Settings settings;
  private final Labels systemLabels = Labels.of("category", "type");
  private final Labels userLabels = Labels.of("category");
  // by identity, weakly: an application exception's equals/hashCode never run, and nothing is kept alive
  private final WeakIdentityMap<Throwable, ErrorInfo> seen = new WeakIdentityMap<>(1_000);
  private final ErrorGroups groups;
  private final ErrorSink tracker;

  /** With user errors kept apart from system errors (the default of chatlens.errors.user-errors-are-errors). */
  public ErrorRecorder(ErrorFingerprint fingerprints, ErrorCategorizer categorizer, Instruments instruments,
      Events events, Settings settings, Destinations destinations) {
    this(fingerprints, categorizer, instruments, events, settings, destinations, false);
  }

  /**
   * @param userErrorsAreErrors whether user errors (invalid commands, validation) also count as system errors
   */
  public ErrorRecorder(ErrorFingerprint fingerprints, ErrorCategorizer categorizer, Instruments instruments,
      Events events, Settings settings, Destinations destinations, boolean userErrorsAreErrors) {
    this.userErrorsAreErrors = userErrorsAreErrors;
    this.groups = destinations.groups();
    this.tracker = destinations.tracker();
    this.fingerprints = fingerprints;
    this.categorizer = categorizer;
    this.instruments = instruments;
    this.events = events;
    this.settings = settings;
  }

  /** An exception is leaving an instrumented method. */
  @Override
  public ErrorInfo thrown(Invocation invocation, Throwable error) {
    return record(invocation, error, false);
  }

  /** The application passed an exception to its error handler: the turn counts as failed. */
  public ErrorInfo handled(Invocation invocation, Throwable error) {
    return record(invocation, error, true);
  }

  private ErrorInfo record(Invocation invocation, Throwable error, boolean handled) {
    ErrorInfo info = seen.get(error);
    boolean first = info == null;
    boolean wrapsKnownError = first && causeAlreadyRecorded(error);
    ErrorFingerprint.Details details = null;
    if (first) {
      String category = categorizer.category(error);
      boolean userError = categorizer.isUserError(category) && !userErrorsAreErrors;
      details = fingerprints.describe(error);
      info = new ErrorInfo(error.getClass().getName(), category, details.fingerprint(), userError);
      seen.put(error, info);
    }
    Span span = invocation.span();
    span.setAttribute(Instruments.ERROR_TYPE, info.type());
    span.setAttribute(CATEGORY, info.category());
    span.setAttribute(FINGERPRINT, info.fingerprint());
    if (!info.userError()) {
      span.setStatus(StatusCode.ERROR, info.type());
    }
    if (first || handled) {
      span.addEvent("exception", exceptionAttributes(error, !info.userError()));
    }
    ChatContext chat = invocation.chat();
    boolean decidesTurn = handled || invocation.probe().component() == Component.TURN;
    if (chat != null && decidesTurn) {
      if (info.userError()) {
        chat.userError();
      } else {
        chat.systemError(info.type());
      }
    }
    if (first && !wrapsKnownError) {
      group(invocation, error, info, details, handled);
      if (info.userError()) {
        instruments.userErrors.add(1, userLabels.get(info.category()));
      } else {
        instruments.errors.add(1, systemLabels.get(info.category(), info.type()));
      }
      if (!info.userError() && invocation.probe().component() != Component.JDBC) {
        events.emit(invocation, ChatEvent.Level.ERROR,
            (handled ? "Captured " : "Error in " + invocation.probe().simpleClassName() + "." + invocation.probe().methodName() + ": ")
                + info.type() + (message(error) == null ? "" : ": " + message(error)),
            error, false, "error_category", info.category(), "error_fingerprint", info.fingerprint());
      }
    }
    return info;
  }

  /**
   * Counts the error in its group; the first of a group writes one "New error group" line to the log and the audit
   * log. A captured copy goes to the error tracker when it wants one.
   */
  private void group(Invocation invocation, Throwable error, ErrorInfo info, ErrorFingerprint.Details details,
      boolean handled) {
    ErrorGroups.Sighting sighting = groups.observe(info.fingerprint(), info.type(), info.category(),
        details.topFrame(), info.userError());
    io.opentelemetry.api.trace.SpanContext spanContext = invocation.span().getSpanContext();
    String traceId = spanContext.isValid() ? spanContext.getTraceId() : null;
    if (sighting.wantsSample()) {
      String message = message(error);
      groups.sample(info.fingerprint(), message == null ? null : settings.redactor.apply(message), traceId);
    }
    if (sighting.isNew()) {
      instruments.errorGroupsCreated.add(1, userLabels.get(info.category()));
      events.emit(invocation, ChatEvent.Level.WARN, "New error group " + info.fingerprint() + ": " + info.type()
          + (details.topFrame().isEmpty() ? "" : " at " + details.topFrame()) + " (category " + info.category() + ")",
          null, true, "error_category", info.category(), "error_fingerprint", info.fingerprint());
    }
    if (tracker.wants(info.fingerprint())) {
      if (handled) {
        capture(invocation, error, info, Boolean.TRUE);
      } else {
        invocation.captureOnExit = true;
      }
    }
  }

  /**
   * Hands an exception that left an instrumented method to the error tracker, once the method's handler is done.
   * It escaped the application when it left the turn; thrown from an inner method, whether the application
   * handles it is not known yet.
   */
  @Override
  public void captureThrown(Invocation invocation, Throwable error) {
    invocation.captureOnExit = false;
    ErrorInfo info = invocation.error;
    if (info != null && error != null) {
      capture(invocation, error, info,
          invocation.probe().component() == Component.TURN ? Boolean.FALSE : null);
    }
  }

  private void capture(Invocation invocation, Throwable error, ErrorInfo info, Boolean handled) {
    io.opentelemetry.api.trace.SpanContext spanContext = invocation.span().getSpanContext();
    ChatContext chat = invocation.chat();
    String command = chat == null ? null : chat.command() != null ? chat.command() : chat.rejectedCommand();
    tracker.accept(new CapturedError(System.currentTimeMillis(), info.fingerprint(), info.type(), info.category(),
        info.userError(), handled, invocation.probe().component().key(), command,
        chat == null ? null : chat.sessionId(), chat == null ? null : chat.userId(),
        spanContext.isValid() ? spanContext.getTraceId() : null,
        spanContext.isValid() ? spanContext.getSpanId() : null, fingerprints.copyChain(error)));
  }

  /**
   * Whether a cause of this exception was already recorded: an application that wraps a driver's
   * SQLException in its own exception still has one error, counted once.
   */
  private boolean causeAlreadyRecorded(Throwable error) {
    Throwable cause = error.getCause();
    for (int depth = 0; cause != null && cause != error && depth < 10; depth++) {
      if (seen.get(cause) != null) {
        return true;
      }
      cause = cause.getCause();
    }
    return false;
  }

  /**
   * The semantic-convention exception event, with the message and stack trace redacted. A user error (an
   * invalid command: expected, frequent, and not a fault of the application) gets no stack trace: printing
   * and redacting it was most of the cost of a rejected command.
   */
  Attributes exceptionAttributes(Throwable error, boolean withStackTrace) {
    String message = message(error);
    String redactedMessage = message == null ? "" : settings.redactor.apply(message);
    if (!withStackTrace) {
      return Attributes.of(EXCEPTION_TYPE, error.getClass().getName(), EXCEPTION_MESSAGE, redactedMessage);
    }
    return Attributes.of(EXCEPTION_TYPE, error.getClass().getName(), EXCEPTION_MESSAGE, redactedMessage,
        EXCEPTION_STACKTRACE, settings.redactor.apply(stackTrace(error)));
  }

  /** The message, or {@code null} when the exception's own getMessage fails. */
  static String message(Throwable error) {
    try {
      return error.getMessage();
    } catch (RuntimeException hostile) {
      return null;
    }
  }

  private static String stackTrace(Throwable error) {
    java.io.StringWriter out = new java.io.StringWriter();
    try {
      error.printStackTrace(new java.io.PrintWriter(out));
    } catch (RuntimeException hostile) {
      out.write(error.getClass().getName());
    }
    String text = out.toString();
    return text.length() > STACK_LIMIT ? text.substring(0, STACK_LIMIT) + "..." : text;
  }
}
