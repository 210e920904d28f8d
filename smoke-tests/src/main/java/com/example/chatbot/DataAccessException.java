package com.example.chatbot;

/** An unchecked wrapper around a {@link java.sql.SQLException} raised by {@link DatabaseManager}. */
public class DataAccessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a description of the failed operation and the JDBC cause. */
  public DataAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
