package io.chatlens.instrumentation.parser;

import io.chatlens.instrumentation.accessor.Accessor;
import io.chatlens.instrumentation.accessor.Guess;
import io.chatlens.instrumentation.core.BaseHandler;
import io.chatlens.instrumentation.core.ChatContext;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.Events;
import io.chatlens.instrumentation.core.Instruments;
import io.chatlens.instrumentation.core.Invocation;
import io.chatlens.instrumentation.core.Labels;
import io.chatlens.instrumentation.core.Settings;
import io.opentelemetry.api.common.AttributeKey;

/**
 * Command parsing and validation: records the command name and whether it was valid, and counts
 * {@code chatbot_commands_total{command,status}}. A rejected command is a user error: it is counted, and
 * it makes its turn {@code status=invalid}, but it is not a system error unless configured so.
 */
public final class ParserHandler extends BaseHandler {

  static final AttributeKey<String> COMMAND = AttributeKey.stringKey("chatbot.command");
  static final AttributeKey<Boolean> VALID = AttributeKey.booleanKey("chatbot.command.valid");

  private final CommandNames names;
  private final Labels labels = Labels.of("command", "status");

  /** The parser unit's keys ({@code ParserUnit}): where the command is read ({@code null}: the heuristics), how many names. */
  public record Options(Accessor command, int maxCommandNames) {
    public static Options defaults() {
      return new Options(null, 50);
    }
  }

  private final Options options;

  /** With the defaults ({@link Options#defaults()}). */
  public ParserHandler(Instruments instruments, Events events, Settings settings) {
    this(instruments, events, settings, Options.defaults());
  }

  public ParserHandler(Instruments instruments, Events events, Settings settings, Options options) {
    super(instruments, events, settings);
    this.options = options;
    this.names = new CommandNames(options.maxCommandNames());
  }

  @Override
  public void onEnter(Invocation invocation) {}

  @Override
  public void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos) {
    ChatContext chat = invocation.chat();
    String typed = typedCommand(Guess.firstString(invocation.args()));
    if (thrown == null && returned != null) {
      String command = options.command() != null
          ? Guess.text(options.command().read(invocation.self(), invocation.args(), returned))
          : Guess.commandName(returned);
      if (command == null) {
        command = typed;
      }
      String label = names.valid(command);
      if (!invocation.essentialAttributesOnly()) {
        invocation.span().setAttribute(COMMAND, label);
        invocation.span().setAttribute(VALID, true);
      }
      instruments.commands.add(1, labels.get(label, "valid"));
      if (chat != null) {
        chat.command(label);
      }
      if (events.admits(invocation, ChatEvent.Level.INFO, false)) {
        events.emit(invocation, ChatEvent.Level.INFO, "Parsed command " + label, null, false, "command", label);
      }
      return;
    }
    String label = names.rejected(typed);
    if (!invocation.essentialAttributesOnly()) {
      invocation.span().setAttribute(COMMAND, label);
      invocation.span().setAttribute(VALID, false);
    }
    instruments.commands.add(1, labels.get(label, "invalid"));
    if (chat != null) {
      chat.userError();
      chat.rejectedCommand(label);
    }
    String reason = thrown == null ? "the parser returned nothing" : thrown.getMessage();
    events.emit(invocation, ChatEvent.Level.INFO, (typed == null ? "Rejected invalid input" : "Rejected invalid command "
        + typed) + (reason == null ? "" : ": " + reason), null, false, "command", label);
  }

  /** The first word of the message when it looks like a command ({@code /search ...}). */
  static String typedCommand(String message) {
    if (message == null) {
      return null;
    }
    String trimmed = message.trim();
    if (!trimmed.startsWith("/")) {
      return null;
    }
    int space = trimmed.indexOf(' ');
    String word = space < 0 ? trimmed : trimmed.substring(0, space);
    return word.length() > 40 ? word.substring(0, 40) : word;
  }
}
