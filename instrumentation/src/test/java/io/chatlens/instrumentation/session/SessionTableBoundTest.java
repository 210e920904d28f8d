package io.chatlens.instrumentation.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionTableBoundTest {

  private final AtomicLong clock = new AtomicLong();

  @Test
  void aMillionSessionsKeyedByAnythingStayWithinTheLimit() {
    SessionTable table = new SessionTable(1000, clock::incrementAndGet);
    table.created("real", "alice");
    java.util.List<String> evicted = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000_000; i++) {
      table.touched("message text used as a key " + i, entry -> evicted.add(entry.sessionId())); // never seen created
    }
    assertThat(table.size()).isEqualTo(1000);
    assertThat(evicted).as("every eviction is reported, the real session's too").hasSize(999_001).contains("real");
    for (int i = 0; i < 1_000_000; i++) {
      table.created("sess-" + i, "user");
    }
    assertThat(table.size()).isEqualTo(1000);
    assertThat(table.userOf("sess-999999")).isEqualTo("user");
    assertThat(table.userOf("sess-0")).isNull();
  }

  @Test
  void evictsTheLeastRecentlyActiveAndReportsIt() {
    SessionTable table = new SessionTable(2, clock::incrementAndGet);
    table.created("a", "u1");
    table.created("b", "u2");
    table.touched("a"); // b is now the least recently active

    List<SessionTable.Entry> evicted = table.created("c", "u3");

    assertThat(evicted).isNotEmpty().extracting(SessionTable.Entry::sessionId).containsExactly("b");
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void idleSweepRemovesOnlyIdleSessionsOldestFirst() {
    SessionTable table = new SessionTable(10, clock::get);
    clock.set(0);
    table.created("old", "u");
    clock.set(100);
    table.created("recent", "u");
    clock.set(150);

    List<SessionTable.Entry> removed = table.removeIdle(100);

    assertThat(removed).isNotEmpty().extracting(SessionTable.Entry::sessionId).containsExactly("old");
    assertThat(table.size()).isEqualTo(1);
    assertThat(table.removeLeastRecentlyActive(5)).extracting(SessionTable.Entry::sessionId).containsExactly("recent");
  }

  @Test
  void sweepsOfMoreThanOneBatchRemoveEverySessionTheyShould() {
    int idle = SessionTable.BATCH * 2 + 500;
    SessionTable table = new SessionTable(100_000, clock::get);
    clock.set(0);
    for (int i = 0; i < idle; i++) {
      table.created("idle-" + i, null);
    }
    clock.set(1_000);
    table.created("active", null);
    for (int i = 0; i < idle; i++) {
      table.created("lru-" + i, null);
    }
    clock.set(1_050);

    List<SessionTable.Entry> removed = table.removeIdle(100);

    assertThat(removed).hasSize(idle).allSatisfy(entry -> assertThat(entry.sessionId()).startsWith("idle-"));
    assertThat(table.size()).isEqualTo(idle + 1);
    List<SessionTable.Entry> oldest = table.removeLeastRecentlyActive(SessionTable.BATCH + 1L);
    assertThat(oldest).hasSize(SessionTable.BATCH + 1);
    assertThat(oldest.get(0).sessionId()).isEqualTo("active");
    assertThat(table.size()).isEqualTo(idle - SessionTable.BATCH);
  }
}
