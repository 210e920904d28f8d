package com.example.chatbot;

import java.io.PrintStream;

/**
 * Prints the exchanges of script mode: {@code [user-3] > /search password} for a message and
 * {@code [user-3] < ...} for every line of the reply. One exchange is printed as a block, even when users run
 * concurrently.
 */
public final class Transcript {

  private final PrintStream out;

  private Transcript(PrintStream out) {
    this.out = out;
  }

  /** A transcript printed to the given stream. */
  public static Transcript printingTo(PrintStream out) {
    return new Transcript(out);
  }

  /** A transcript that prints nothing ({@code --quiet}). */
  public static Transcript silent() {
    return new Transcript(null);
  }

  /** Prints one message and its reply. */
  public void exchange(String userId, String message, String reply) {
    if (out == null) {
      return;
    }
    StringBuilder block = new StringBuilder();
    block.append('[').append(userId).append("] > ").append(message).append(System.lineSeparator());
    for (String line : reply.split("\\R")) {
      block.append('[').append(userId).append("] < ").append(line).append(System.lineSeparator());
    }
    synchronized (out) {
      out.print(block);
      out.flush();
    }
  }
}
