package com.example.chatbot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * REPL mode: one session for {@code repl-user}; every line of input is a message and its reply is printed.
 * {@code :quit}, {@code /quit} or the end of input ends the conversation.
 */
public final class ReplRunner {

  /** The user id of the REPL session. */
  public static final String USER_ID = "repl-user";

  /** The input line that leaves the REPL without sending a message. */
  public static final String EXIT = ":quit";

  private final ChatService chatService;
  private final BufferedReader in;
  private final PrintStream out;

  /** Creates the REPL reading from {@code in} and printing to {@code out}. */
  public ReplRunner(ChatService chatService, BufferedReader in, PrintStream out) {
    this.chatService = chatService;
    this.in = in;
    this.out = out;
  }

  /** Runs until {@code :quit}, {@code /quit} or the end of input, and returns the totals. */
  public RunSummary run() throws IOException {
    String sessionId = chatService.openSession(USER_ID);
    out.println("Acme Cloud assistant. Ask a question, type /help for commands or :quit to leave.");
    long replies = 0;
    try {
      while (true) {
        out.print("> ");
        out.flush();
        String line = in.readLine();
        if (line == null || line.strip().equals(EXIT)) {
          out.println();
          break;
        }
        if (line.isBlank()) {
          continue;
        }
        String reply = chatService.handle(sessionId, line);
        out.println(reply);
        if (!reply.isBlank()) {
          replies++;
        }
        if (!chatService.isSessionOpen(sessionId)) {
          break;
        }
      }
    } finally {
      chatService.closeSession(sessionId);
    }
    ChatStatistics statistics = chatService.statistics();
    return new RunSummary(1, statistics.turns(), replies, statistics.invalidCommands(), statistics.errors(), 0);
  }
}
