package com.example.chatbot;

/** A command-line argument of {@link ChatbotApp} that is unknown or has a bad value. */
public class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the bad argument. */
  public UsageException(String message) {
    super(message);
  }
}
