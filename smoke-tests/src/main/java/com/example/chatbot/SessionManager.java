package com.example.chatbot;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open chat sessions. A session ends when it is closed or when {@link #expireIdleSessions()} finds it idle for
 * longer than the idle timeout; until such a sweep an idle session stays usable. Thread-safe.
 */
public final class SessionManager {

  private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Duration idleTimeout;
  private final Clock clock;

  /**
   * Creates an empty session manager.
   *
   * @param idleTimeout how long a session may stay without messages before a sweep expires it; positive
   * @param clock       the time source for creation, activity and expiry
   */
  public SessionManager(Duration idleTimeout, Clock clock) {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idle timeout must be positive: " + idleTimeout);
    }
    this.idleTimeout = idleTimeout;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Opens a new session for a user; its id is {@code sess-} followed by a random UUID. */
  public Session createSession(String userId) {
    Objects.requireNonNull(userId, "userId");
    Session session = new Session("sess-" + UUID.randomUUID(), userId, clock.instant());
    sessions.put(session.getId(), session);
    LOG.debug("Opened {} for {}", session.getId(), userId);
    return session;
  }

  /**
   * Records a user message: the session becomes active now and counts one more interaction.
   *
   * @throws SessionNotFoundException when the id is unknown, closed or expired
   */
  public Session updateSession(String sessionId) {
    Session session = sessionId == null ? null : sessions.get(sessionId);
    if (session == null || !session.touch(clock.instant())) {
      throw new SessionNotFoundException(sessionId);
    }
    return session;
  }

  /** Closes a session; closing an unknown or already ended session does nothing. */
  public void closeSession(String sessionId) {
    Session session = sessionId == null ? null : sessions.remove(sessionId);
    if (session != null) {
      session.end();
      LOG.debug("Closed {} after {} interactions", sessionId, session.getInteractions());
    }
  }

  /** Removes every session idle for longer than the idle timeout and returns their ids. */
  public List<String> expireIdleSessions() {
    List<String> expired = new ArrayList<>();
    for (Session session : sessions.values()) {
      if (session.endIfIdleLongerThan(idleTimeout, clock.instant())) {
        sessions.remove(session.getId(), session);
        expired.add(session.getId());
      }
    }
    if (!expired.isEmpty()) {
      LOG.info("Expired {} idle session(s) after {}", expired.size(), idleTimeout);
    }
    return List.copyOf(expired);
  }

  /** How many sessions are open. */
  public int activeCount() {
    return sessions.size();
  }

  /** The open session with this id, if any. */
  public Optional<Session> find(String sessionId) {
    return sessionId == null ? Optional.empty() : Optional.ofNullable(sessions.get(sessionId));
  }
}
