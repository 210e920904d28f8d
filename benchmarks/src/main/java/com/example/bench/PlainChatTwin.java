package com.example.bench;

import java.util.List;

/** {@link BenchChatService}'s twin: identical bodies, a name that matches no convention. */
public final class PlainChatTwin {

  private static final String REPLY = "Here is what I found.";
  private static final String SHORT_REPLY = "Could you say more?";
  private static final String NO_RESULTS = "Sorry, nothing matched.";

  private final PlainParserTwin parser;
  private final PlainSearchTwin engine;

  public PlainChatTwin(PlainParserTwin parser, PlainSearchTwin engine) {
    this.parser = parser;
    this.engine = engine;
  }

  public String handle(String sessionId, String message) {
    return message.length() > sessionId.length() ? REPLY : SHORT_REPLY;
  }

  public String handleCommand(String sessionId, String message) {
    BenchCommand command = parser.parse(message);
    List<String> results = engine.search(command.argument());
    return results.isEmpty() ? NO_RESULTS : results.get(0);
  }
}
