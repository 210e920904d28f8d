package io.chatlens.agent.alerts;

import static io.chatlens.agent.alerts.Metrics.collection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Each signal's arithmetic on synthetic cumulative metrics, two collections a minute apart. */
class SignalsTest {

  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final List<Double> BOUNDS = List.of(0.5, 1.0, 2.5, 5.0);
  private final Signals signals = new Signals(Duration.ofHours(1));

  private void at(long seconds, Metrics metrics) {
    signals.record(seconds * 1000, metrics.build());
  }

  private OptionalDouble value(Signal signal) {
    return signals.value(signal, WINDOW, Map.of());
  }

  private double valueOf(Signal signal) {
    OptionalDouble value = value(signal);
    assertThat(value).as(signal.id()).isPresent();
    return value.getAsDouble();
  }

  @Test
  void errorRateIsTurnsThatFailedOverTurnsWithinTheWindow() {
    at(0, collection().counter("chatbot.requests", 95, "status", "success").counter("chatbot.requests", 5, "status", "error")
        .counter("chatbot.errors", 1, "category", "database"));
    // 40 more errors, most of them outside turns (a background job): only the 10 failed turns count
    at(60, collection().counter("chatbot.requests", 185, "status", "success").counter("chatbot.requests", 15, "status", "error")
        .counter("chatbot.errors", 37, "category", "database").counter("chatbot.errors", 4, "category", "timeout"));

    assertThat(valueOf(Signal.ERROR_RATE)).isCloseTo(10.0 / 100, within(1e-12));
  }

  @Test
  void errorRateIsZeroWithoutErrorsAndNoDataWithoutRequests() {
    at(0, collection().counter("chatbot.requests", 10));
    at(60, collection().counter("chatbot.requests", 30));
    assertThat(valueOf(Signal.ERROR_RATE)).isZero();

    at(120, collection().counter("chatbot.requests", 30).counter("chatbot.errors", 2));
    at(180, collection().counter("chatbot.requests", 30).counter("chatbot.errors", 2));
    assertThat(signals.value(Signal.ERROR_RATE, Duration.ofMinutes(1), Map.of())).as("no requests in the window").isEmpty();
  }

  @Test
  void aSingleCollectionOrAMissingMetricIsNoData() {
    at(0, collection().counter("chatbot.requests", 10).counter("chatbot.errors", 5));
    for (Signal signal : Signal.values()) {
      assertThat(signals.value(signal, WINDOW, Map.of(Signal.MAX_SESSIONS, 100.0))).as(signal.id()).isEmpty();
    }
  }

  @Test
  void responseTimeAverageAndP95ComeFromTheBucketIncreases() {
    at(0, collection().histogram("chatbot.response_time", BOUNDS, new long[] {50, 0, 0, 0, 0}, 10));
    // 100 new answers between 1 s and 2.5 s: p95 = 1 + 1.5 * 0.95 (as histogram_quantile)
    at(60, collection().histogram("chatbot.response_time", BOUNDS, new long[] {50, 0, 100, 0, 0}, 210));

    assertThat(valueOf(Signal.RESPONSE_TIME_AVG)).isCloseTo(2.0, within(1e-12));
    assertThat(valueOf(Signal.RESPONSE_TIME_P95)).isCloseTo(2.425, within(1e-12));
  }

  @Test
  void p95MergesSeriesAndInterpolatesFromZeroInTheFirstBucket() {
    at(0, collection().histogram("chatbot.response_time", BOUNDS, new long[] {0, 0, 0, 0, 0}, 0, "endpoint", "/a")
        .histogram("chatbot.response_time", BOUNDS, new long[] {0, 0, 0, 0, 0}, 0, "endpoint", "/b"));
    at(60, collection().histogram("chatbot.response_time", BOUNDS, new long[] {60, 0, 0, 0, 0}, 6, "endpoint", "/a")
        .histogram("chatbot.response_time", BOUNDS, new long[] {40, 0, 0, 0, 0}, 4, "endpoint", "/b"));

    assertThat(valueOf(Signal.RESPONSE_TIME_P95)).isCloseTo(0.5 * 0.95, within(1e-12));
  }

  @Test
  void p95InTheOverflowBucketIsTheHighestFiniteBound() {
    at(0, collection().histogram("chatbot.response_time", BOUNDS, new long[] {0, 0, 0, 0, 0}, 0));
    at(60, collection().histogram("chatbot.response_time", BOUNDS, new long[] {1, 0, 0, 0, 99}, 1000));

    assertThat(valueOf(Signal.RESPONSE_TIME_P95)).isEqualTo(5.0);
  }

  @Test
  void p95WithoutNewObservationsIsNoData() {
    at(0, collection().histogram("chatbot.response_time", BOUNDS, new long[] {3, 0, 0, 0, 0}, 1));
    at(60, collection().histogram("chatbot.response_time", BOUNDS, new long[] {3, 0, 0, 0, 0}, 1));

    assertThat(value(Signal.RESPONSE_TIME_P95)).isEmpty();
    assertThat(value(Signal.RESPONSE_TIME_AVG)).isEmpty();
  }

  @Test
  void requestRateIsPerSecond() {
    at(0, collection().counter("chatbot.requests", 100));
    at(50, collection().counter("chatbot.requests", 200));

    assertThat(valueOf(Signal.REQUEST_RATE)).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void sessionsAreTheLatestGaugeAndTheirShareOfTheMaximum() {
    at(0, collection().gauge("chatbot.active_sessions", 10));
    at(60, collection().gauge("chatbot.active_sessions", 950));

    assertThat(valueOf(Signal.ACTIVE_SESSIONS)).isEqualTo(950);
    assertThat(signals.value(Signal.SESSION_USAGE, WINDOW, Map.of(Signal.MAX_SESSIONS, 1000.0)).getAsDouble())
        .isCloseTo(0.95, within(1e-12));
  }

  @Test
  void zeroResultRateAndAnswerAccuracyAreRatiosOfIncreases() {
    at(0, collection().counter("chatbot.search.requests", 5, "outcome", "results")
        .counter("chatbot.search.feedback", 1, "outcome", "correct"));
    at(60, collection().counter("chatbot.search.requests", 35, "outcome", "results")
        .counter("chatbot.search.requests", 10, "outcome", "zero_results")
        .counter("chatbot.search.feedback", 10, "outcome", "correct")
        .counter("chatbot.search.feedback", 1, "outcome", "incorrect"));

    assertThat(valueOf(Signal.ZERO_RESULT_RATE)).isCloseTo(10.0 / 40, within(1e-12));
    assertThat(valueOf(Signal.ANSWER_ACCURACY)).isCloseTo(9.0 / 10, within(1e-12));
  }

  @Test
  void searchesWithAnUnknownResultCountAreLeftOutOfTheZeroResultRate() {
    at(0, collection().counter("chatbot.search.requests", 0, "outcome", "results")
        .counter("chatbot.search.requests", 0, "outcome", "unknown"));
    at(60, collection().counter("chatbot.search.requests", 30, "outcome", "results")
        .counter("chatbot.search.requests", 10, "outcome", "zero_results")
        .counter("chatbot.search.requests", 60, "outcome", "unknown"));

    assertThat(valueOf(Signal.ZERO_RESULT_RATE)).isCloseTo(10.0 / 40, within(1e-12));
    assertThat(Signal.ZERO_RESULT_RATE.promQl("5m", Map.of()))
        .contains("chatbot_search_requests_total{outcome!=\"unknown\"}");
  }

  @Test
  void databaseCountsAreIncreasesWithinTheWindow() {
    at(0, collection().counter("chatbot.db.connection.failures", 2).counter("chatbot.db.slow_queries", 10));
    at(60, collection().counter("chatbot.db.connection.failures", 3).counter("chatbot.db.slow_queries", 17));

    assertThat(valueOf(Signal.DB_CONNECTION_FAILURES)).isEqualTo(1);
    assertThat(valueOf(Signal.SLOW_QUERIES)).isEqualTo(7);
  }

  @Test
  void aCounterResetCountsItsNewValue() {
    at(0, collection().counter("chatbot.db.slow_queries", 10));
    at(60, collection().counter("chatbot.db.slow_queries", 3));

    assertThat(valueOf(Signal.SLOW_QUERIES)).isEqualTo(3);
  }

  @Test
  void poolUsageIsThatOfTheFullestPool() {
    at(0, collection()
        .upDown("db.client.connection.count", 2, "db.client.connection.pool.name", "main", "db.client.connection.state", "used")
        .upDown("db.client.connection.count", 8, "db.client.connection.pool.name", "main", "db.client.connection.state", "idle")
        .upDown("db.client.connection.max", 10, "db.client.connection.pool.name", "main")
        .upDown("db.client.connection.count", 3, "db.client.connection.pool.name", "reports", "db.client.connection.state", "used")
        .upDown("db.client.connection.max", 4, "db.client.connection.pool.name", "reports"));

    assertThat(valueOf(Signal.DB_POOL_USAGE)).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void queueLengthAddsInFlightCommandsAndExecutorQueues() {
    at(0, collection().gauge("chatbot.commands.in_flight", 3));
    assertThat(valueOf(Signal.QUEUE_LENGTH)).isEqualTo(3);

    at(1, collection().gauge("chatbot.commands.in_flight", 3)
        .gauge("chatbot.executor.queue.depth", 4, "executor.name", "a").gauge("chatbot.executor.queue.depth", 5, "executor.name", "b"));
    assertThat(valueOf(Signal.QUEUE_LENGTH)).isEqualTo(12);

    at(2, collection());
    assertThat(value(Signal.QUEUE_LENGTH)).isEmpty();
  }

  @Test
  void heapRatioUsesHeapPoolsOnly() {
    at(0, collection()
        .upDown("jvm.memory.used", 300, "jvm.memory.type", "heap", "jvm.memory.pool.name", "G1 Eden Space")
        .upDown("jvm.memory.used", 600, "jvm.memory.type", "heap", "jvm.memory.pool.name", "G1 Old Gen")
        .upDown("jvm.memory.used", 5000, "jvm.memory.type", "non_heap", "jvm.memory.pool.name", "Metaspace")
        .upDown("jvm.memory.limit", 1000, "jvm.memory.type", "heap", "jvm.memory.pool.name", "G1 Old Gen")
        .upDown("jvm.memory.limit", 9000, "jvm.memory.type", "non_heap", "jvm.memory.pool.name", "Metaspace"));

    assertThat(valueOf(Signal.HEAP_USED_RATIO)).isCloseTo(0.9, within(1e-12));
  }

  @Test
  void heapAfterGcRatioIsTheLiveDataOverTheLimit() {
    at(0, collection()
        .upDown("jvm.memory.used", 950, "jvm.memory.type", "heap", "jvm.memory.pool.name", "G1 Old Gen")
        .upDown("jvm.memory.used_after_last_gc", 0, "jvm.memory.type", "heap", "jvm.memory.pool.name", "G1 Eden Space")
        .upDown("jvm.memory.used_after_last_gc", 400, "jvm.memory.type", "heap", "jvm.memory.pool.name", "G1 Old Gen")
        .upDown("jvm.memory.used_after_last_gc", 7000, "jvm.memory.type", "non_heap", "jvm.memory.pool.name", "Metaspace")
        .upDown("jvm.memory.limit", 1000, "jvm.memory.type", "heap", "jvm.memory.pool.name", "G1 Old Gen"));

    // the heap is 95% used now, but only 40% is live: no memory pressure
    assertThat(valueOf(Signal.HEAP_USED_RATIO)).isCloseTo(0.95, within(1e-12));
    assertThat(valueOf(Signal.HEAP_AFTER_GC_RATIO)).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void heapRatioWithoutALimitIsNoData() {
    at(0, collection().upDown("jvm.memory.used", 300, "jvm.memory.type", "heap"));

    assertThat(value(Signal.HEAP_USED_RATIO)).isEmpty();
  }

  @Test
  void cpuIsAveragedOverTheWindow() {
    at(0, collection().gauge("jvm.cpu.recent_utilization", 0.1).gauge("jvm.system.cpu.utilization", 0.5));
    at(200, collection().gauge("jvm.cpu.recent_utilization", 0.6).gauge("jvm.system.cpu.utilization", 0.7));
    at(400, collection().gauge("jvm.cpu.recent_utilization", 0.9).gauge("jvm.system.cpu.utilization", 0.9));

    // the window of 5m ending at 400 s holds the samples at 200 s and 400 s
    assertThat(valueOf(Signal.CPU_UTILIZATION)).isCloseTo(0.75, within(1e-12));
    assertThat(valueOf(Signal.SYSTEM_CPU_UTILIZATION)).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void diskFreeRatioIsThatOfTheFullestFileSystem() {
    at(0, collection().gauge("system.filesystem.utilization", 0.5, "system.filesystem.mountpoint", "/")
        .gauge("system.filesystem.utilization", 0.93, "system.filesystem.mountpoint", "/var"));

    assertThat(valueOf(Signal.DISK_FREE_RATIO)).isCloseTo(0.07, within(1e-12));
  }

  @Test
  void theWindowStartsAtTheNewestCollectionOldEnough() {
    at(0, collection().counter("chatbot.requests", 0));
    at(60, collection().counter("chatbot.requests", 100));
    at(120, collection().counter("chatbot.requests", 300));
    at(180, collection().counter("chatbot.requests", 600));

    assertThat(signals.value(Signal.REQUEST_RATE, Duration.ofMinutes(2), Map.of()).getAsDouble())
        .as("from 60 s to 180 s").isCloseTo(500.0 / 120, within(1e-12));
    assertThat(signals.value(Signal.REQUEST_RATE, Duration.ofMinutes(10), Map.of()).getAsDouble())
        .as("shorter history than the window: from its start").isCloseTo(600.0 / 180, within(1e-12));
  }

  @Test
  void theHistoryStaysBounded() {
    Signals small = new Signals(Duration.ofMinutes(1));
    for (int i = 0; i < 10_000; i++) {
      small.record(i * 1000L, collection().counter("chatbot.requests", i).build());
    }
    assertThat(small.historySize()).isLessThanOrEqualTo(62);

    Signals longWindow = new Signals(Duration.ofDays(7));
    for (int i = 0; i < 10_000; i++) {
      longWindow.record(i * 1000L, collection().counter("chatbot.requests", i).build());
    }
    assertThat(longWindow.historySize()).isLessThanOrEqualTo(Signals.CAPACITY);
    assertThat(longWindow.value(Signal.REQUEST_RATE, Duration.ofDays(7), Map.of()).getAsDouble()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void metricsNoSignalReadsAreNotKept() {
    MetricSnapshot snapshot = MetricSnapshot.of(0, collection().counter("app.unrelated", 5).counter("chatbot.requests", 1).build(),
        Signal.METRICS);
    assertThat(snapshot.hasNumbers("app.unrelated")).isFalse();
    assertThat(snapshot.hasNumbers("chatbot.requests")).isTrue();
  }
}
