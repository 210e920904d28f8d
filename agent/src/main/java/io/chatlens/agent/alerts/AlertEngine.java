package io.chatlens.agent.alerts;

import io.chatlens.agent.diagnostics.Diagnostics;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Evaluates the in-process alert rules every interval on its own daemon thread: collects the metrics,
 * records them in the {@link Signals} history, advances each rule's state and hands notifications to the
 * notifier (which must not block). Never throws into the host application; its memory is bounded by the
 * number of rules and the history's capacity.
 */
public final class AlertEngine {

  private final List<RuleEvaluation> evaluations = new ArrayList<>();
  private final Signals signals;
  private final Supplier<Collection<MetricData>> metrics;
  private final Clock clock;
  private final Duration interval;
  private final Consumer<AlertNotification> notifier;
  private volatile List<AlertStatus> statuses;
  private ScheduledExecutorService scheduler;

  /**
   * @param rules the rules to evaluate (Prometheus-only rules are ignored)
   * @param signals the history the rules read, fed by this engine
   * @param metrics where the metrics come from, normally {@link AlertMetricReader#collect()}
   * @param clock the time source
   * @param interval time between two evaluations
   * @param repeatInterval how often a still-firing alert is notified again
   * @param notifier receives firing and resolved notifications; must not block
   */
  public AlertEngine(List<AlertRule> rules, Signals signals, Supplier<Collection<MetricData>> metrics, Clock clock,
      Duration interval, Duration repeatInterval, Consumer<AlertNotification> notifier) {
    this.signals = signals;
    this.metrics = metrics;
    this.clock = clock;
    this.interval = interval;
    this.notifier = notifier;
    Instant now = clock.instant();
    for (AlertRule rule : rules) {
      if (rule.evaluatedInProcess()) {
        evaluations.add(new RuleEvaluation(rule, repeatInterval, now));
      }
    }
    publishStatuses();
  }

  /** Takes the first collection now, then evaluates every interval on a daemon thread. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    evaluate();
    scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "chatlens-alerts");
      thread.setDaemon(true);
      return thread;
    });
    long millis = Math.max(1, interval.toMillis());
    scheduler.scheduleWithFixedDelay(this::evaluate, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Stops the schedule, then evaluates one last time so a change in the last interval is not lost. */
  public void stop() {
    ScheduledExecutorService current;
    synchronized (this) {
      current = scheduler;
      scheduler = null;
    }
    if (current != null) {
      current.shutdownNow();
      try {
        current.awaitTermination(interval.toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      evaluate();
    }
  }

  /** One evaluation of every rule; never throws. */
  public void evaluate() {
    synchronized (evaluations) {
      try {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        signals.record(now.toEpochMilli(), metrics.get());
        for (RuleEvaluation evaluation : evaluations) {
          evaluation.update(signals.value(evaluation.rule()), now, this::notifySafely);
        }
        publishStatuses();
      } catch (Throwable unexpected) {
        Diagnostics.warnRateLimited("alerts-evaluation", "alert evaluation failed (retrying next interval): " + unexpected);
      }
    }
  }

  /** Every in-process rule's current state. */
  public List<AlertStatus> statuses() {
    return statuses;
  }

  /** The rules that are pending or firing, for the health endpoint. */
  public List<AlertStatus> activeAlerts() {
    return statuses.stream()
        .filter(status -> status.state() == AlertState.PENDING || status.state() == AlertState.FIRING)
        .toList();
  }

  private void notifySafely(AlertNotification notification) {
    try {
      notifier.accept(notification);
    } catch (RuntimeException failure) {
      Diagnostics.warnRateLimited("alerts-notify", "alert notification failed: " + failure);
    }
  }

  private void publishStatuses() {
    List<AlertStatus> current = new ArrayList<>();
    for (RuleEvaluation evaluation : evaluations) {
      current.add(evaluation.status());
    }
    statuses = List.copyOf(current);
  }
}
