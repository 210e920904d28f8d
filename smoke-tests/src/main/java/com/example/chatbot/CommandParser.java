package com.example.chatbot;

import java.util.List;
import java.util.Locale;

/**
 * Turns a user message into a {@link Command}. Text without a leading slash is a question ({@code /ask}); slash
 * commands are checked for a known name and well-formed arguments.
 */
public final class CommandParser {

  /**
   * Parses one message.
   *
   * @throws InvalidCommandException for an empty message, an unknown command or bad arguments
   */
  public Command parse(String message) {
    if (message == null || message.isBlank()) {
      throw new InvalidCommandException("", "empty message");
    }
    String text = message.strip();
    if (!text.startsWith("/")) {
      return new Command(Command.ASK, text);
    }
    String[] parts = text.split("\\s+", 2);
    String name = parts[0].toLowerCase(Locale.ROOT);
    String argument = parts.length > 1 ? parts[1].strip() : "";
    switch (name) {
      case Command.HELP:
      case Command.HISTORY:
      case Command.QUIT:
        return new Command(name, argument);
      case Command.SEARCH:
        return new Command(name, requireText(name, argument, "/search needs a query, e.g. /search reset password"));
      case Command.ASK:
        return new Command(name, requireText(name, argument, "/ask needs a question, e.g. /ask how do I get a refund?"));
      case Command.FAQ:
        return new Command(name, faqArgument(argument));
      case Command.FEEDBACK:
        return new Command(name, feedbackArgument(argument));
      case Command.ADMIN:
        return new Command(name, adminArgument(argument));
      default:
        throw new InvalidCommandException(name, "unknown command " + name);
    }
  }

  private static String requireText(String name, String argument, String hint) {
    if (argument.isEmpty()) {
      throw new InvalidCommandException(name, hint);
    }
    return argument;
  }

  private static String faqArgument(String argument) {
    List<String> words = new Command(Command.FAQ, argument).words();
    if (words.size() != 1 || !isPositiveNumber(words.get(0))) {
      throw new InvalidCommandException(Command.FAQ, "/faq needs a numeric FAQ id, e.g. /faq 2");
    }
    return words.get(0);
  }

  private static String feedbackArgument(String argument) {
    List<String> words = new Command(Command.FEEDBACK, argument).words();
    String usage = "/feedback needs an FAQ id and good or bad, e.g. /feedback 2 good";
    if (words.size() != 2 || !isPositiveNumber(words.get(0))) {
      throw new InvalidCommandException(Command.FEEDBACK, usage);
    }
    String rating = words.get(1).toLowerCase(Locale.ROOT);
    if (!rating.equals("good") && !rating.equals("bad")) {
      throw new InvalidCommandException(Command.FEEDBACK, usage);
    }
    return words.get(0) + " " + rating;
  }

  private static String adminArgument(String argument) {
    if (!argument.equalsIgnoreCase("crash")) {
      throw new InvalidCommandException(Command.ADMIN, "unknown admin action '" + argument + "'; only /admin crash");
    }
    return "crash";
  }

  private static boolean isPositiveNumber(String word) {
    if (word.isEmpty() || word.length() > 9) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return Integer.parseInt(word) > 0;
  }
}
