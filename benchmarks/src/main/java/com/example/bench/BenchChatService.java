package com.example.bench;

import java.util.List;

/**
 * Instrumented by convention ({@code *ChatService#handle*}): every {@code handle*} call is a chat turn.
 * {@link PlainChatTwin} has the same bodies under a name that matches no convention.
 */
public final class BenchChatService {

  private static final String REPLY = "Here is what I found.";
  private static final String SHORT_REPLY = "Could you say more?";
  private static final String NO_RESULTS = "Sorry, nothing matched.";

  private final BenchCommandParser parser;
  private final BenchSearchEngine engine;

  public BenchChatService(BenchCommandParser parser, BenchSearchEngine engine) {
    this.parser = parser;
    this.engine = engine;
  }

  /** A turn alone: a tiny body that depends on its arguments. */
  public String handle(String sessionId, String message) {
    return message.length() > sessionId.length() ? REPLY : SHORT_REPLY;
  }

  /** A turn that parses the message and searches: turn, parser and search spans in one trace. */
  public String handleCommand(String sessionId, String message) {
    BenchCommand command = parser.parse(message);
    List<String> results = engine.search(command.argument());
    return results.isEmpty() ? NO_RESULTS : results.get(0);
  }
}
