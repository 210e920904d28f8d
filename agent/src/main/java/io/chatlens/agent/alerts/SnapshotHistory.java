package io.chatlens.agent.alerts;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A bounded ring of timestamped snapshots covering the longest window any signal is asked about. The
 * newest snapshot is always available; older ones are kept at least {@code spacing} apart, so a long
 * window never holds more than {@code capacity} snapshots, whatever the evaluation interval. Thread-safe.
 */
final class SnapshotHistory {

  private final long retentionMillis;
  private final long spacingMillis;
  private final int capacity;
  private final ArrayDeque<MetricSnapshot> kept = new ArrayDeque<>();
  private MetricSnapshot latest;

  /**
   * @param retention the longest window asked about
   * @param capacity the most snapshots kept (at least 3)
   */
  SnapshotHistory(Duration retention, int capacity) {
    this.retentionMillis = retention.toMillis();
    this.capacity = Math.max(3, capacity);
    this.spacingMillis = retentionMillis / (this.capacity - 2);
  }

  synchronized void add(MetricSnapshot snapshot) {
    latest = snapshot;
    MetricSnapshot last = kept.peekLast();
    if (last == null || snapshot.epochMillis() - last.epochMillis() >= spacingMillis) {
      kept.addLast(snapshot);
    }
    long horizon = snapshot.epochMillis() - retentionMillis;
    while (kept.size() >= 2 && second().epochMillis() <= horizon) {
      kept.removeFirst();
    }
    while (kept.size() > capacity) {
      kept.removeFirst();
    }
  }

  synchronized MetricSnapshot latest() {
    return latest;
  }

  /**
   * The snapshot a window starts from: the newest one taken at least {@code window} before the latest,
   * or, while the history is still shorter than the window, the oldest one; {@code null} when there is
   * no snapshot older than the latest.
   */
  synchronized MetricSnapshot baseline(Duration window) {
    if (latest == null) {
      return null;
    }
    long start = latest.epochMillis() - window.toMillis();
    MetricSnapshot candidate = null;
    for (MetricSnapshot snapshot : kept) {
      if (snapshot.epochMillis() <= start || candidate == null) {
        candidate = snapshot;
      } else {
        break;
      }
    }
    return candidate == null || candidate.epochMillis() >= latest.epochMillis() ? null : candidate;
  }

  /** The snapshots taken within the window that ends with the latest one, oldest first, latest included. */
  synchronized List<MetricSnapshot> within(Duration window) {
    List<MetricSnapshot> result = new ArrayList<>();
    if (latest == null) {
      return result;
    }
    long start = latest.epochMillis() - window.toMillis();
    for (MetricSnapshot snapshot : kept) {
      if (snapshot.epochMillis() >= start && snapshot != latest) {
        result.add(snapshot);
      }
    }
    result.add(latest);
    return result;
  }

  /** The latest snapshot, the window's baseline and its samples, taken together. */
  record View(MetricSnapshot latest, MetricSnapshot baseline, List<MetricSnapshot> samples) {}

  /** {@link #latest()}, {@link #baseline} and {@link #within} of one window, consistent with each other. */
  synchronized View view(Duration window) {
    return new View(latest, baseline(window), within(window));
  }

  synchronized int size() {
    return kept.size();
  }

  private MetricSnapshot second() {
    Iterator<MetricSnapshot> iterator = kept.iterator();
    iterator.next();
    return iterator.next();
  }
}
