package io.chatlens.instrumentation.core;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * What ChatLens knows about the conversation on this thread: the session and user of the current turn,
 * and whether the turn met an error. It travels in the OpenTelemetry {@link Context}, so every nested
 * span (parser, search, JDBC) and every log line of the turn carries the same ids.
 */
public final class ChatContext {

  static final ContextKey<ChatContext> KEY = ContextKey.named("chatlens-chat-context");

  private volatile String sessionId;
  private volatile String userId;
  private volatile String command;
  private volatile boolean systemError;
  private volatile boolean userError;
  private volatile String errorType;

  private volatile String rejectedCommand;

  public String sessionId() {
    return sessionId;
  }

  public String userId() {
    return userId;
  }

  public void sessionId(String value) {
    if (value != null) {
      sessionId = value;
    }
  }

  public void userId(String value) {
    if (value != null) {
      userId = value;
    }
  }

  /** The (bounded) label of a command the parser rejected during this turn, or {@code null}. */
  public String rejectedCommand() {
    return rejectedCommand;
  }

  public void rejectedCommand(String label) {
    rejectedCommand = label;
  }

  /** The command the parser recognised during this turn, or {@code null}. */
  public String command() {
    return command;
  }

  public void command(String value) {
    command = value;
  }

  /** Marks the turn as failed by a system error (thrown, or caught and passed to the error handler). */
  public void systemError(String type) {
    systemError = true;
    if (errorType == null) {
      errorType = type;
    }
  }

  /** Marks the turn as rejected because of the user's input (an invalid command). */
  public void userError() {
    userError = true;
  }

  public boolean hasSystemError() {
    return systemError;
  }

  public boolean hasUserError() {
    return userError;
  }

  public String errorType() {
    return errorType;
  }
}
