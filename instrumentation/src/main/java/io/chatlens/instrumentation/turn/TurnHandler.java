package io.chatlens.instrumentation.turn;

import java.util.List;

import io.chatlens.instrumentation.accessor.Accessor;
import io.chatlens.instrumentation.accessor.Guess;
import io.chatlens.instrumentation.core.BaseHandler;
import io.chatlens.instrumentation.core.ChatContext;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.Events;
import io.chatlens.instrumentation.core.Instruments;
import io.chatlens.instrumentation.core.Invocation;
import io.chatlens.instrumentation.core.Labels;
import io.chatlens.instrumentation.core.Probe;
import io.chatlens.instrumentation.core.Settings;
import io.chatlens.instrumentation.core.TurnParent;
import io.chatlens.instrumentation.session.SessionTable;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;

/**
 * A turn: one user message handled from start to reply. Its span is the root of the turn's trace
 * (SERVER), and it is what the seed's response time measures: {@code chatbot_response_time_seconds} and
 * {@code chatbot_requests_total{endpoint,status}}. A turn whose error was caught and passed to the error
 * handler still counts as {@code status=error}; one rejected as an invalid command counts as
 * {@code status=invalid}.
 */
public final class TurnHandler extends BaseHandler implements TurnParent.Source {

  static final AttributeKey<Long> MESSAGE_LENGTH = AttributeKey.longKey("chatbot.message.length");
  static final AttributeKey<String> MESSAGE = AttributeKey.stringKey("chatbot.message");
  static final AttributeKey<String> TURN_STATUS = AttributeKey.stringKey("chatbot.turn.status");
  static final AttributeKey<String> COMMAND = AttributeKey.stringKey("chatbot.command");
  static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("chatbot.endpoint");

  /**
   * The turn unit's keys ({@code TurnUnit}): the endpoint label, where the session id, user id, message and remote
   * parent are read ({@code null}: the documented heuristics), and whether the message text is recorded.
   */
  public record Options(String endpoint, Accessor sessionId, Accessor userId, Accessor message, Accessor parent,
      boolean captureMessages) {
    /** The defaults: endpoint /chat, the heuristics, no message text. */
    public static Options defaults() {
      return new Options("/chat", null, null, null, null, false);
    }
  }

  private final SessionTable sessions;
  private final Options options;
  private final Labels requestLabels = Labels.of("endpoint", "status");
  private final Labels latencyLabels = Labels.of("endpoint");

  public TurnHandler(Instruments instruments, Events events, Settings settings, SessionTable sessions, Options options) {
    super(instruments, events, settings);
    this.sessions = sessions;
    this.options = options;
  }

  /** With the defaults ({@link Options#defaults()}). */
  public TurnHandler(Instruments instruments, Events events, Settings settings, SessionTable sessions) {
    this(instruments, events, settings, sessions, Options.defaults());
  }

  @Override
  protected SpanKind kind(Probe probe) {
    return SpanKind.SERVER;
  }

  @Override
  protected void addAttributes(Probe probe, io.opentelemetry.api.common.AttributesBuilder attributes) {
    attributes.put(ENDPOINT, options.endpoint());
  }

  @Override
  public Object parentCarrier(Object self, Object[] args) {
    return options.parent() == null ? null : options.parent().read(self, args, null);
  }

  @Override
  public void onEnter(Invocation invocation) {
    Object[] args = invocation.args();
    ChatContext chat = invocation.chat();
    String sessionId = options.sessionId() != null
        ? Guess.text(options.sessionId().read(invocation.self(), args, null))
        : Guess.stringCount(args) >= 2 ? Guess.firstString(args) : null;
    chat.sessionId(sessionId);
    String rawUserId = options.userId() != null ? Guess.text(options.userId().read(invocation.self(), args, null)) : null;
    // the session table already holds exported (possibly hashed) ids; only a raw id read here is mapped
    String userId = rawUserId != null ? settings.userIdMapper.apply(rawUserId)
        : chat.sessionId() != null ? sessions.userOf(chat.sessionId()) : null;
    chat.userId(userId);
    String message = options.message() != null
        ? Guess.text(options.message().read(invocation.self(), args, null))
        : Guess.stringCount(args) >= 2 ? Guess.lastString(args, 2) : Guess.firstString(args);
    if (message != null && !invocation.essentialAttributesOnly()) {
      invocation.span().setAttribute(MESSAGE_LENGTH, (long) message.length());
      if (options.captureMessages()) {
        invocation.span().setAttribute(MESSAGE, settings.redactor.apply(message));
      }
    }
  }

  @Override
  public void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos) {
    ChatContext chat = invocation.chat();
    String status;
    if (chat.hasSystemError()) {
      status = "error";
      if (thrown == null) {
        invocation.span().setStatus(StatusCode.ERROR, "handled error: " + chat.errorType());
        invocation.span().setAttribute(Instruments.ERROR_TYPE, chat.errorType());
      }
    } else if (chat.hasUserError()) {
      status = "invalid";
    } else {
      status = "success";
    }
    invocation.span().setAttribute(TURN_STATUS, status);
    if (chat.command() != null && !invocation.essentialAttributesOnly()) {
      invocation.span().setAttribute(COMMAND, chat.command());
    }
    String endpoint = options.endpoint();
    instruments.requests.add(1, requestLabels.get(endpoint, status));
    instruments.responseTime.record(seconds(durationNanos), latencyLabels.get(endpoint));
    ChatEvent.Level level = status.equals("error") ? ChatEvent.Level.WARN : ChatEvent.Level.INFO;
    // totals other components added during the turn (the tokens and cost of its LLM calls): on the turn's span and
    // as fields of its log event
    java.util.SortedMap<String, Number> totals = chat.hasTotals() ? chat.totals() : null;
    if (totals != null && !invocation.essentialAttributesOnly()) {
      totals.forEach((name, total) -> {
        if (total instanceof Long count) {
          invocation.span().setAttribute("chatbot.turn." + name, count);
        } else {
          invocation.span().setAttribute("chatbot.turn." + name, total.doubleValue());
        }
      });
    }
    if (events.admits(invocation, level, false)) {
      String millis = millis(durationNanos);
      String message = "Handled message in " + millis + " ms, status=" + status;
      if (totals == null) {
        events.emit(invocation, level, message, null, false, "command", chat.command(), "duration_ms", millis);
        return;
      }
      List<String> pairs = new java.util.ArrayList<>(List.of("command", String.valueOf(chat.command()),
          "duration_ms", millis));
      if (chat.command() == null) {
        pairs.subList(0, 2).clear();
      }
      totals.forEach((name, total) -> {
        pairs.add(name);
        pairs.add(formatTotal(total));
      });
      events.emit(invocation, level, message, null, false, pairs.toArray(new String[0]));
    }
  }

  /** A count as such, an amount with up to 8 decimals without trailing zeros (a cost of a few millionths). */
  static String formatTotal(Number total) {
    if (total instanceof Long count) {
      return Long.toString(count);
    }
    return new java.math.BigDecimal(total.doubleValue()).setScale(8, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros().toPlainString();
  }
}
