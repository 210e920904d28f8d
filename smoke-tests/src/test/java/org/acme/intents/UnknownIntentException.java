package org.acme.intents;

/** Thrown for a command the bot does not know; its message carries what the user typed. */
public final class UnknownIntentException extends RuntimeException {
  public UnknownIntentException(String message) {
    super(message);
  }
}
