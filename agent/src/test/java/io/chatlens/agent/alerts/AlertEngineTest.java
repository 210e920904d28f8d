package io.chatlens.agent.alerts;

import static io.chatlens.agent.alerts.Metrics.collection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opentelemetry.sdk.metrics.data.MetricData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule life cycle with a hand-moved clock: one evaluation per call, no threads, no sleeps. */
class AlertEngineTest {

  private static final Instant START = Instant.parse("2024-01-15T10:30:00Z");
  private final MutableClock clock = new MutableClock(START);
  private final List<AlertNotification> notifications = new ArrayList<>();
  private long requests;
  private long errors;
  private boolean reportErrors = true;

  private Collection<MetricData> metrics() {
    // the error rate is turns that failed / turns: the failed ones are the requests with status=error
    Metrics metrics = collection().counter("chatbot.requests", requests - errors, "status", "success");
    return reportErrors ? metrics.counter("chatbot.requests", errors, "status", "error").build() : metrics.build();
  }

  private static AlertRule errorRate(Duration forDuration) {
    return new AlertRule("HighErrorRate", Severity.CRITICAL, Signal.ERROR_RATE, null, Duration.ofMinutes(1),
        Comparison.ABOVE, 0.05, forDuration, "Error rate {{value}}", "", Map.of(), Map.of(), false);
  }

  private AlertEngine engine(AlertRule rule, Duration repeat) {
    return new AlertEngine(List.of(rule), new Signals(Duration.ofMinutes(5)), this::metrics, clock,
        Duration.ofSeconds(15), repeat, notifications::add);
  }

  /** One interval of traffic: this many requests, of which this many failed. */
  private void step(AlertEngine engine, long newRequests, long newErrors) {
    clock.advance(Duration.ofSeconds(15));
    requests += newRequests;
    errors += newErrors;
    engine.evaluate();
  }

  private AlertState state(AlertEngine engine) {
    return engine.statuses().get(0).state();
  }

  @Test
  void pendingThenFiringAfterForThenResolved() {
    AlertEngine engine = engine(errorRate(Duration.ofSeconds(30)), Duration.ofHours(1));
    engine.evaluate();

    step(engine, 100, 10);
    assertThat(state(engine)).isEqualTo(AlertState.PENDING);
    assertThat(engine.activeAlerts()).singleElement().satisfies(status -> {
      assertThat(status.name()).isEqualTo("HighErrorRate");
      assertThat(status.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(status.since()).isEqualTo(START.plusSeconds(15));
      assertThat(status.value()).isEqualTo(0.1);
    });
    step(engine, 100, 10);
    assertThat(state(engine)).as("held 15 s of 30 s").isEqualTo(AlertState.PENDING);
    assertThat(notifications).isEmpty();

    step(engine, 100, 10);
    assertThat(state(engine)).isEqualTo(AlertState.FIRING);
    assertThat(notifications).singleElement().satisfies(notification -> {
      assertThat(notification.state()).isEqualTo(AlertState.FIRING);
      assertThat(notification.since()).isEqualTo(START.plusSeconds(45));
      assertThat(notification.repeat()).isFalse();
    });

    for (int i = 0; i < 10 && state(engine) == AlertState.FIRING; i++) {
      step(engine, 100, 0);
    }
    assertThat(state(engine)).isEqualTo(AlertState.RESOLVED);
    assertThat(notifications).hasSize(2);
    assertThat(notifications.get(1).state()).isEqualTo(AlertState.RESOLVED);
    assertThat(notifications.get(1).since()).as("since it fired").isEqualTo(START.plusSeconds(45));
    assertThat(engine.activeAlerts()).isEmpty();

    step(engine, 100, 0);
    assertThat(state(engine)).isEqualTo(AlertState.INACTIVE);
  }

  @Test
  void aConditionThatStopsBeforeForNeverFires() {
    AlertEngine engine = engine(errorRate(Duration.ofMinutes(1)), Duration.ofHours(1));
    engine.evaluate();
    step(engine, 100, 50);
    assertThat(state(engine)).isEqualTo(AlertState.PENDING);
    for (int i = 0; i < 5; i++) {
      step(engine, 100, 0);
    }
    assertThat(state(engine)).isEqualTo(AlertState.INACTIVE);
    assertThat(notifications).isEmpty();
  }

  @Test
  void withoutForItFiresAtOnce() {
    AlertEngine engine = engine(errorRate(Duration.ZERO), Duration.ofHours(1));
    engine.evaluate();
    step(engine, 10, 1);

    assertThat(state(engine)).isEqualTo(AlertState.FIRING);
    assertThat(notifications).hasSize(1);
  }

  @Test
  void noDataIsNeverAnAlert() {
    AlertEngine engine = engine(errorRate(Duration.ZERO), Duration.ofHours(1));
    engine.evaluate();
    for (int i = 0; i < 5; i++) {
      step(engine, 0, 0);
    }
    assertThat(state(engine)).isEqualTo(AlertState.INACTIVE);
    assertThat(engine.statuses().get(0).value()).isNaN();
    assertThat(notifications).isEmpty();
  }

  @Test
  void aFiringAlertWhoseDataDisappearsResolves() {
    AlertEngine engine = engine(errorRate(Duration.ZERO), Duration.ofHours(1));
    engine.evaluate();
    step(engine, 10, 5);
    assertThat(state(engine)).isEqualTo(AlertState.FIRING);

    for (int i = 0; i < 5; i++) {
      step(engine, 0, 0);
    }
    assertThat(state(engine)).isEqualTo(AlertState.INACTIVE);
    assertThat(notifications).extracting(AlertNotification::state).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    assertThat(notifications.get(1).value()).isNaN();
  }

  @Test
  void aStillFiringAlertIsNotifiedAgainAfterTheRepeatInterval() {
    AlertEngine engine = engine(errorRate(Duration.ZERO), Duration.ofMinutes(1));
    engine.evaluate();
    for (int i = 0; i < 9; i++) {
      step(engine, 10, 5);
    }
    // fired at 15 s, reminded at 75 s and 135 s
    assertThat(notifications).extracting(AlertNotification::repeat).containsExactly(false, true, true);
    assertThat(notifications).extracting(AlertNotification::at)
        .containsExactly(START.plusSeconds(15), START.plusSeconds(75), START.plusSeconds(135));
  }

  @Test
  void prometheusOnlyRulesAreNotEvaluated() {
    AlertRule down = new AlertRule("SystemDown", Severity.CRITICAL, null, "up == 0", Duration.ofMinutes(5), null,
        Double.NaN, Duration.ZERO, "down", "", Map.of(), Map.of(), true);
    AlertEngine engine = new AlertEngine(List.of(down, errorRate(Duration.ZERO)), new Signals(Duration.ofMinutes(5)),
        this::metrics, clock, Duration.ofSeconds(15), Duration.ofHours(1), notifications::add);

    assertThat(engine.statuses()).extracting(AlertStatus::name).containsExactly("HighErrorRate");
  }

  @Test
  void failuresOfTheMetricsOrTheNotifierNeverEscape() {
    AlertEngine broken = new AlertEngine(List.of(errorRate(Duration.ZERO)), new Signals(Duration.ofMinutes(5)), () -> {
      throw new IllegalStateException("collection failed");
    }, clock, Duration.ofSeconds(15), Duration.ofHours(1), notifications::add);
    assertThatCode(broken::evaluate).doesNotThrowAnyException();

    AlertEngine throwingNotifier = new AlertEngine(List.of(errorRate(Duration.ZERO)), new Signals(Duration.ofMinutes(5)),
        this::metrics, clock, Duration.ofSeconds(15), Duration.ofHours(1), notification -> {
          throw new IllegalStateException("notifier failed");
        });
    throwingNotifier.evaluate();
    step(throwingNotifier, 10, 5);
    assertThat(throwingNotifier.statuses().get(0).state()).isEqualTo(AlertState.FIRING);
  }

  @Test
  void requestsWithoutAFailedOneAreAZeroErrorRate() {
    reportErrors = false;
    AlertRule low = new AlertRule("LowErrorRate", Severity.WARNING, Signal.ERROR_RATE, null, Duration.ofMinutes(1),
        Comparison.BELOW, 0.5, Duration.ZERO, "s", "", Map.of(), Map.of(), false);
    AlertEngine engine = engine(low, Duration.ofHours(1));
    engine.evaluate();
    step(engine, 10, 0);

    assertThat(engine.statuses().get(0).value()).isZero();
    assertThat(state(engine)).isEqualTo(AlertState.FIRING);
  }
}
