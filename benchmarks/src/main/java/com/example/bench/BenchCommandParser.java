package com.example.bench;

/**
 * Instrumented by convention ({@code *CommandParser#parse*}). {@link PlainParserTwin} has the same body
 * under a name that matches no convention.
 */
public final class BenchCommandParser {

  /** {@code "/search reset password"} becomes {@code /search} with the argument {@code reset password}. */
  public BenchCommand parse(String message) {
    int space = message.indexOf(' ');
    return space < 0 ? new BenchCommand(message, "")
        : new BenchCommand(message.substring(0, space), message.substring(space + 1));
  }
}
