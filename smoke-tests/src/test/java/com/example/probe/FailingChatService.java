package com.example.probe;

/** A turn (by the agent's {@code *ChatService#handle*} convention) that always fails. */
public final class FailingChatService {

  public String handle(String sessionId, String message) {
    throw new IllegalStateException("the model is down");
  }
}
