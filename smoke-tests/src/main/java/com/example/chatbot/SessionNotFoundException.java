package com.example.chatbot;

/** A session id that is unknown, closed or expired. */
public class SessionNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String sessionId;

  /** Creates the exception for the id that was not found. */
  public SessionNotFoundException(String sessionId) {
    super("no active session " + sessionId);
    this.sessionId = sessionId;
  }

  /** The id that was not found. */
  public String getSessionId() {
    return sessionId;
  }
}
