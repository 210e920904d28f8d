package com.example.chatbot;

import java.time.Duration;
import java.time.Instant;

/**
 * One user's conversation, owned by {@link SessionManager}. The activity fields change while the conversation goes
 * on; all accessors are thread-safe.
 */
public final class Session {

  private final String id;
  private final String userId;
  private final Instant createdAt;
  private Instant lastActiveAt;
  private int interactions;
  private boolean ended;

  Session(String id, String userId, Instant createdAt) {
    this.id = id;
    this.userId = userId;
    this.createdAt = createdAt;
    this.lastActiveAt = createdAt;
  }

  /** The session id, e.g. {@code sess-5f0c...}. */
  public String getId() {
    return id;
  }

  /** The user the session belongs to. */
  public String getUserId() {
    return userId;
  }

  /** When the session was opened. */
  public Instant getCreatedAt() {
    return createdAt;
  }

  /** When the user last sent a message, or the creation time before the first message. */
  public synchronized Instant getLastActiveAt() {
    return lastActiveAt;
  }

  /** How many messages the user has sent in this session. */
  public synchronized int getInteractions() {
    return interactions;
  }

  /** Records one interaction; returns {@code false} when the session has already ended. */
  synchronized boolean touch(Instant now) {
    if (ended) {
      return false;
    }
    lastActiveAt = now;
    interactions++;
    return true;
  }

  /** Ends the session if it has been idle longer than the timeout; returns whether it did. */
  synchronized boolean endIfIdleLongerThan(Duration idleTimeout, Instant now) {
    if (ended || Duration.between(lastActiveAt, now).compareTo(idleTimeout) <= 0) {
      return false;
    }
    ended = true;
    return true;
  }

  /** Ends the session; later touches fail. */
  synchronized void end() {
    ended = true;
  }

  @Override
  public synchronized String toString() {
    return "Session[" + id + ", user=" + userId + ", interactions=" + interactions + ", lastActiveAt=" + lastActiveAt
        + "]";
  }
}
