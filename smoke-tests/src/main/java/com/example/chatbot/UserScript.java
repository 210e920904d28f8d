package com.example.chatbot;

import java.util.List;
import java.util.Objects;

/**
 * The messages one simulated user sends in script mode.
 *
 * @param userId          the user id, e.g. {@code user-3}
 * @param messages        the messages in the order they are sent
 * @param abandonsSession {@code true} when the user leaves without closing the session, so that it expires later
 */
public record UserScript(String userId, List<String> messages, boolean abandonsSession) {

  /** Copies the message list. */
  public UserScript {
    Objects.requireNonNull(userId, "userId");
    messages = List.copyOf(messages);
  }
}
