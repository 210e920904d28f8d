package com.example.chatbot;

/**
 * A message the chatbot cannot act on: an unknown slash command or a known one with bad arguments. This is a user
 * error, answered with a hint rather than reported as a failure.
 */
public class InvalidCommandException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String command;

  /** Creates the exception for a command name (e.g. {@code /frobnicate}) and a user-readable reason. */
  public InvalidCommandException(String command, String message) {
    super(message);
    this.command = command;
  }

  /** The command name the user typed, with its slash; empty for an empty message. */
  public String getCommand() {
    return command;
  }
}
