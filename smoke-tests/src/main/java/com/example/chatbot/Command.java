package com.example.chatbot;

import java.util.List;
import java.util.Objects;

/**
 * A parsed user message: the command name with its leading slash and the validated argument text.
 *
 * @param name     one of the command constants, e.g. {@link #SEARCH}
 * @param argument the text after the name, trimmed; empty when there is none
 */
public record Command(String name, String argument) {

  /** Lists the commands. */
  public static final String HELP = "/help";
  /** Searches the FAQ: {@code /search <query>}. */
  public static final String SEARCH = "/search";
  /** Answers a free-text question; plain text without a leading slash is parsed as {@code /ask <text>}. */
  public static final String ASK = "/ask";
  /** Shows one FAQ entry: {@code /faq <id>}. */
  public static final String FAQ = "/faq";
  /** Shows the recent messages of the session. */
  public static final String HISTORY = "/history";
  /** Rates an FAQ answer: {@code /feedback <faqId> good|bad}. */
  public static final String FEEDBACK = "/feedback";
  /** Ends the session. */
  public static final String QUIT = "/quit";
  /** Operator commands; only {@code /admin crash}, which makes the database fail on purpose. */
  public static final String ADMIN = "/admin";

  /** Rejects {@code null} parts. */
  public Command {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(argument, "argument");
  }

  /** The argument split on whitespace; empty when there is no argument. */
  public List<String> words() {
    return argument.isBlank() ? List.of() : List.of(argument.strip().split("\\s+"));
  }
}
