package com.example.chatbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SessionManagerTest {

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  private final MutableClock clock = MutableClock.startingAt("2025-03-01T10:00:00Z");
  private final SessionManager sessions = new SessionManager(IDLE_TIMEOUT, clock);

  @Test
  void createsAnOpenSession() {
    Session session = sessions.createSession("user-1");

    assertThat(session.getId()).startsWith("sess-").hasSizeGreaterThan("sess-".length());
    assertThat(session.getUserId()).isEqualTo("user-1");
    assertThat(session.getCreatedAt()).isEqualTo(clock.instant());
    assertThat(session.getLastActiveAt()).isEqualTo(clock.instant());
    assertThat(session.getInteractions()).isZero();
    assertThat(sessions.activeCount()).isEqualTo(1);
    assertThat(sessions.find(session.getId())).containsSame(session);
  }

  @Test
  void givesEverySessionItsOwnId() {
    String first = sessions.createSession("user-1").getId();
    String second = sessions.createSession("user-1").getId();

    assertThat(first).isNotEqualTo(second);
    assertThat(sessions.activeCount()).isEqualTo(2);
  }

  @Test
  void updateTouchesTheSessionAndCountsInteractions() {
    Session session = sessions.createSession("user-1");
    clock.advance(Duration.ofSeconds(5));

    Session updated = sessions.updateSession(session.getId());
    sessions.updateSession(session.getId());

    assertThat(updated).isSameAs(session);
    assertThat(session.getLastActiveAt()).isEqualTo(clock.instant());
    assertThat(session.getCreatedAt()).isEqualTo(clock.instant().minusSeconds(5));
    assertThat(session.getInteractions()).isEqualTo(2);
  }

  @Test
  void updateOfAnUnknownIdFails() {
    assertThatThrownBy(() -> sessions.updateSession("sess-nope"))
        .isInstanceOfSatisfying(SessionNotFoundException.class,
            e -> assertThat(e.getSessionId()).isEqualTo("sess-nope"));
    assertThatThrownBy(() -> sessions.updateSession(null)).isInstanceOf(SessionNotFoundException.class);
    assertThat(sessions.find("sess-nope")).isEmpty();
  }

  @Test
  void closedSessionIsGoneAndClosingTwiceIsHarmless() {
    Session session = sessions.createSession("user-1");

    sessions.closeSession(session.getId());
    sessions.closeSession(session.getId());
    sessions.closeSession("sess-unknown");

    assertThat(sessions.find(session.getId())).isEmpty();
    assertThat(sessions.activeCount()).isZero();
    assertThatThrownBy(() -> sessions.updateSession(session.getId())).isInstanceOf(SessionNotFoundException.class);
  }

  @Test
  void expiresOnlySessionsIdleLongerThanTheTimeout() {
    Session old = sessions.createSession("user-1");
    clock.advance(Duration.ofSeconds(20));
    Session recent = sessions.createSession("user-2");
    clock.advance(Duration.ofSeconds(11));

    List<String> expired = sessions.expireIdleSessions();

    assertThat(expired).containsExactly(old.getId());
    assertThat(sessions.activeCount()).isEqualTo(1);
    assertThat(sessions.find(recent.getId())).isPresent();
    assertThatThrownBy(() -> sessions.updateSession(old.getId())).isInstanceOf(SessionNotFoundException.class);
    assertThat(sessions.expireIdleSessions()).isEmpty();
  }

  @Test
  void sessionIdleExactlyForTheTimeoutIsKept() {
    Session session = sessions.createSession("user-1");
    clock.advance(IDLE_TIMEOUT);

    assertThat(sessions.expireIdleSessions()).isEmpty();

    clock.advance(Duration.ofMillis(1));
    assertThat(sessions.expireIdleSessions()).containsExactly(session.getId());
  }

  @Test
  void activityResetsTheIdleTime() {
    Session session = sessions.createSession("user-1");
    clock.advance(Duration.ofSeconds(25));
    sessions.updateSession(session.getId());
    clock.advance(Duration.ofSeconds(25));

    assertThat(sessions.expireIdleSessions()).isEmpty();
    assertThat(sessions.updateSession(session.getId()).getInteractions()).isEqualTo(2);
  }

  @Test
  void idleSessionStaysUsableUntilASweepExpiresIt() {
    Session session = sessions.createSession("user-1");
    clock.advance(Duration.ofMinutes(5));

    assertThat(sessions.updateSession(session.getId()).getInteractions()).isEqualTo(1);
    assertThat(sessions.expireIdleSessions()).isEmpty();
  }

  @Test
  void countsConcurrentUpdatesExactly() throws Exception {
    Session session = sessions.createSession("user-1");
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int task = 0; task < 8; task++) {
        futures.add(executor.submit(() -> {
          for (int i = 0; i < 500; i++) {
            sessions.updateSession(session.getId());
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      executor.shutdownNow();
    }

    assertThat(session.getInteractions()).isEqualTo(8 * 500);
  }

  @Test
  void rejectsANonPositiveIdleTimeout() {
    assertThatThrownBy(() -> new SessionManager(Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SessionManager(Duration.ofSeconds(-1), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
