package io.chatlens.agent.alerts;

import io.opentelemetry.sdk.metrics.data.MetricData;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The signal values of one agent: fed with successive metric collections, it keeps a bounded history
 * of the metrics the catalog reads and computes any {@link Signal} over any window up to its retention.
 * Thread-safe.
 */
public final class Signals {

  /** Most snapshots kept, whatever the retention and interval. */
  static final int CAPACITY = 512;

  private final SnapshotHistory history;

  /** @param retention the longest window that will be asked about */
  public Signals(Duration retention) {
    this.history = new SnapshotHistory(retention, CAPACITY);
  }

  /** Adds a collection taken at this time. */
  public void record(long epochMillis, Collection<MetricData> metrics) {
    history.add(MetricSnapshot.of(epochMillis, metrics, Signal.METRICS));
  }

  /** The signal's value over the window ending with the last collection; empty means "no data". */
  public OptionalDouble value(Signal signal, Duration window, Map<String, Double> params) {
    try {
      OptionalDouble value = signal.compute(new SignalWindow(history, window), params);
      return value.isPresent() && Double.isFinite(value.getAsDouble()) ? value : OptionalDouble.empty();
    } catch (RuntimeException unexpected) {
      return OptionalDouble.empty();
    }
  }

  /** The value of a rule's signal. */
  public OptionalDouble value(AlertRule rule) {
    return value(rule.signal(), rule.window(), rule.params());
  }

  int historySize() {
    return history.size();
  }
}
