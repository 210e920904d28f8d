package io.chatlens.instrumentation.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ErrorGroupsTest {

  private static final long MINUTE = 60_000L;
  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

  @Test
  void firstSightingOfAGroupIsNewAndLaterOnesAreCounted() {
    ErrorGroups groups = new ErrorGroups(10, now::get);

    assertThat(groups.observe("fp1", "com.acme.UnknownIntent", "validation", "com.acme.Parser.parse", true).isNew())
        .isTrue();
    now.addAndGet(1_000);
    assertThat(groups.observe("fp1", "com.acme.UnknownIntent", "validation", "com.acme.Parser.parse", true).isNew())
        .isFalse();

    List<ErrorGroups.Group> snapshot = groups.snapshot();
    assertThat(snapshot).hasSize(1);
    ErrorGroups.Group group = snapshot.get(0);
    assertThat(group.fingerprint()).isEqualTo("fp1");
    assertThat(group.type()).isEqualTo("com.acme.UnknownIntent");
    assertThat(group.category()).isEqualTo("validation");
    assertThat(group.topFrame()).isEqualTo("com.acme.Parser.parse");
    assertThat(group.userError()).isTrue();
    assertThat(group.count()).isEqualTo(2);
    assertThat(group.lastSeenMillis() - group.firstSeenMillis()).isEqualTo(1_000);
    assertThat(groups.created()).isEqualTo(1);
  }

  @Test
  void countsTheLastFiveMinutesAndAnHourOfTrend() {
    ErrorGroups groups = new ErrorGroups(10, now::get);
    now.set(100 * MINUTE); // the start of a minute
    for (int minute = 0; minute < 10; minute++) {
      groups.observe("fp", "T", "c", "f", false);
      now.addAndGet(MINUTE);
    }
    now.addAndGet(-MINUTE); // still in the tenth minute

    ErrorGroups.Group group = groups.snapshot().get(0);
    assertThat(group.count()).isEqualTo(10);
    assertThat(group.lastFiveMinutes()).isEqualTo(5);
    assertThat(group.perMinute()).hasSize(ErrorGroups.TREND_MINUTES);
    assertThat(group.perMinute()[ErrorGroups.TREND_MINUTES - 1]).isEqualTo(1);
    assertThat(java.util.Arrays.stream(group.perMinute()).sum()).isEqualTo(10);

    now.addAndGet(2 * ErrorGroups.TREND_MINUTES * MINUTE); // two hours later: buckets of old minutes do not count
    ErrorGroups.Group later = groups.snapshot().get(0);
    assertThat(later.lastFiveMinutes()).isZero();
    assertThat(java.util.Arrays.stream(later.perMinute()).sum()).isZero();
    assertThat(later.count()).isEqualTo(10);
    assertThat(groups.recentlySeen()).isZero();
  }

  @Test
  void keepsASampleRefreshedAtMostOnceAMinute() {
    ErrorGroups groups = new ErrorGroups(10, now::get);

    assertThat(groups.observe("fp", "T", "c", "f", false).wantsSample()).isTrue();
    groups.sample("fp", "unknown command: [REDACTED:email]", "0af7651916cd43dd8448eb211c80319c");
    now.addAndGet(30_000);
    assertThat(groups.observe("fp", "T", "c", "f", false).wantsSample()).isFalse();
    now.addAndGet(30_000);
    assertThat(groups.observe("fp", "T", "c", "f", false).wantsSample()).isTrue();

    ErrorGroups.Group group = groups.snapshot().get(0);
    assertThat(group.sampleMessage()).isEqualTo("unknown command: [REDACTED:email]");
    assertThat(group.sampleTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
  }

  @Test
  void theLeastRecentlySeenGroupIsEvictedWhenFull() {
    ErrorGroups groups = new ErrorGroups(3, now::get);
    groups.observe("a", "T", "c", "f", false);
    groups.observe("b", "T", "c", "f", false);
    groups.observe("c", "T", "c", "f", false);
    groups.observe("a", "T", "c", "f", false); // a is recent again: b is the eldest

    assertThat(groups.observe("d", "T", "c", "f", false).isNew()).isTrue();

    assertThat(groups.snapshot()).extracting(ErrorGroups.Group::fingerprint).containsExactlyInAnyOrder("a", "c", "d");
    assertThat(groups.evicted()).isEqualTo(1);
  }

  @Test
  void aMillionDistinctFingerprintsStayWithinTheBound() {
    ErrorGroups groups = new ErrorGroups(1000, now::get);
    for (int i = 0; i < 1_000_000; i++) {
      groups.observe("fp-" + i, "T", "c", "f", false);
    }
    assertThat(groups.size()).isEqualTo(1000);
    assertThat(groups.created()).isEqualTo(1_000_000);
    assertThat(groups.evicted()).isEqualTo(999_000);
    List<ErrorGroups.Group> snapshot = groups.snapshot();
    assertThat(snapshot).isNotEmpty().hasSize(1000);
    assertThat(snapshot).extracting(ErrorGroups.Group::fingerprint).contains("fp-999999").doesNotContain("fp-0");
  }

  @Test
  void snapshotIsMostRecentlySeenFirst() {
    ErrorGroups groups = new ErrorGroups(10, now::get);
    groups.observe("old", "T", "c", "f", false);
    now.addAndGet(5);
    groups.observe("new", "T", "c", "f", false);

    assertThat(groups.snapshot()).extracting(ErrorGroups.Group::fingerprint).containsExactly("new", "old");
  }
}
