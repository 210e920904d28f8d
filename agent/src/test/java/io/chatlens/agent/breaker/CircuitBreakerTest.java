package io.chatlens.agent.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The breaker around the state machine: each change sets the level, is logged once and shows in /health. */
class CircuitBreakerTest {

  private final AtomicReference<StressSample> next = new AtomicReference<>(BreakerStateMachineTest.CALM);
  private final AtomicInteger level = new AtomicInteger();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> infos = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong(1_767_225_600_000L);
  private final CircuitBreaker breaker = new CircuitBreaker(BreakerStateMachineTest.settings(3), next::get, level::set,
      new CircuitBreaker.Log() {
        @Override
        public void degraded(String line) {
          warnings.add(line);
        }

        @Override
        public void recovered(String line) {
          infos.add(line);
        }
      }, clock::get);

  private void ticks(StressSample sample, int count) {
    next.set(sample);
    for (int i = 0; i < count; i++) {
      clock.addAndGet(1000);
      breaker.tick();
    }
  }

  @Test
  void everyLevelChangeIsLoggedExactlyOnce() {
    ticks(BreakerStateMachineTest.HEAP_STRESS, 3);
    assertThat(level.get()).isEqualTo(1);
    assertThat(warnings).containsExactly("self-protection: level 1 of 3 (DEBUG and INFO events dropped), was 0: "
        + "heap after GC 95% >= 90% for 3s; metrics and error counts stay exact");
    ticks(BreakerStateMachineTest.HEAP_STRESS, 2);
    assertThat(warnings).as("no repeat while stress holds below the next step").hasSize(1);
    ticks(BreakerStateMachineTest.HEAP_STRESS, 100);
    assertThat(warnings).as("one line per step, none at the top").hasSize(3);
    assertThat(level.get()).isEqualTo(3);
    assertThat(infos).isEmpty();

    ticks(BreakerStateMachineTest.CALM, 5);
    assertThat(level.get()).isEqualTo(2);
    assertThat(infos).singleElement().asString().startsWith("self-protection: level 2 of 3 (").contains("was 3");
    ticks(BreakerStateMachineTest.CALM, 100);
    assertThat(level.get()).isZero();
    assertThat(infos).hasSize(3).last().asString().startsWith("self-protection: level 0 of 3 (normal: nothing shed)");
    assertThat(warnings).hasSize(3);
    assertThat(breaker.degrades()).isEqualTo(3);
    assertThat(breaker.recoveries()).isEqualTo(3);
  }

  @Test
  void healthShowsTheLevelWhyAndSince() {
    ticks(BreakerStateMachineTest.QUEUE_STRESS, 3);
    String json = breaker.healthJson();
    assertThat(json).startsWith("{\"enabled\":true,\"level\":1,\"maxLevel\":3,")
        .contains("\"shedding\":\"DEBUG and INFO events dropped\"")
        .contains("\"since\":\"2026-01-01T00:00:03Z\"")
        .contains("\"reason\":\"queue fill 99% >= 90% for 3s\"")
        .contains("\"transitions\":{\"degrade\":1,\"recover\":0}")
        .contains("\"signals\":{\"heapAfterGcPercent\":40.0,\"gcTimePercent\":1.0,\"queueFillPercent\":99.0}")
        .containsPattern("\"shed\":\\{\"log_event\":\\d+,\"span\":\\d+}}$");
    ticks(StressSample.UNKNOWN, 1);
    assertThat(breaker.healthJson()).contains("\"signals\":{\"heapAfterGcPercent\":null,\"gcTimePercent\":null,"
        + "\"queueFillPercent\":null}");
  }

  @Test
  void offMeansLevelZeroNoThreadAndSaysSo() {
    BreakerSettings on = BreakerStateMachineTest.settings(3);
    BreakerSettings off = new BreakerSettings(false, on.heapStress(), on.heapRelief(), on.gcTimeStress(),
        on.gcTimeRelief(), on.queueStress(), on.queueRelief(), on.stressDuration(), on.reliefDuration(),
        on.checkInterval(), on.maxLevel());
    try (CircuitBreaker disabled = CircuitBreaker.start(off, List.of(() -> 100.0))) {
      assertThat(disabled.level()).isZero();
      assertThat(disabled.healthJson()).startsWith("{\"enabled\":false,\"level\":0,");
      assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("chatlens-breaker"));
    }
  }

  @Test
  void theJvmSignalsAreReadable() {
    try (JvmStress jvm = new JvmStress(java.time.Duration.ofMinutes(1))) {
      assertThat(jvm.oldPoolNames()).as("an old pool to watch").isNotEmpty()
          .noneMatch(JvmStress::young);
      long start = System.nanoTime();
      assertThat(jvm.gcTime(start)).as("no interval yet").isNaN();
      System.gc();
      double gcTime = jvm.gcTime(start + 1_000_000_000L);
      assertThat(gcTime).isBetween(0.0, 100.0);
      double heap = jvm.heapAfterGc(System.nanoTime());
      assertThat(Double.isNaN(heap) || heap >= 0 && heap <= 100).as("heap after GC " + heap).isTrue();
    }
    assertThat(JvmStress.young("G1 Eden Space")).isTrue();
    assertThat(JvmStress.young("PS Survivor Space")).isTrue();
    assertThat(JvmStress.young("G1 Old Gen")).isFalse();
    assertThat(JvmStress.young("Tenured Gen")).isFalse();
  }
}
