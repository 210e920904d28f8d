package com.example.bench;

/** {@link BenchCommandParser}'s twin: identical body, a name that matches no convention. */
public final class PlainParserTwin {

  public BenchCommand parse(String message) {
    int space = message.indexOf(' ');
    return space < 0 ? new BenchCommand(message, "")
        : new BenchCommand(message.substring(0, space), message.substring(space + 1));
  }
}
