package io.chatlens.agent.alerts;

import io.chatlens.agent.alerts.MetricSnapshot.HistogramPoint;
import io.chatlens.agent.alerts.MetricSnapshot.NumberPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * The arithmetic the signals share, over one window of the snapshot history: increases of counters
 * (per series, with resets handled as Prometheus does), current and averaged gauge values and the
 * increase of a histogram. A metric that was never reported gives an empty result: "no data".
 */
final class SignalWindow {

  static final Predicate<Map<String, String>> ALL = attributes -> true;

  private final MetricSnapshot latest;
  private final MetricSnapshot baseline;
  private final List<MetricSnapshot> samples;

  SignalWindow(SnapshotHistory history, Duration window) {
    SnapshotHistory.View view = history.view(window);
    this.latest = view.latest();
    this.baseline = view.baseline();
    this.samples = view.samples();
  }

  /** Whether the attribute has exactly this value. */
  static Predicate<Map<String, String>> where(String attribute, String value) {
    return attributes -> value.equals(attributes.get(attribute));
  }

  /** Seconds between the start and the end of the window; 0 when there is no start. */
  double seconds() {
    return baseline == null ? 0 : (latest.epochMillis() - baseline.epochMillis()) / 1000.0;
  }

  /**
   * How much a counter grew over the window, summed over the matching series. Empty when the counter is
   * not reported or the window has no start yet; 0 when it is reported but no series matches.
   */
  OptionalDouble increase(String metric, Predicate<Map<String, String>> filter) {
    if (latest == null || baseline == null || !latest.hasNumbers(metric)) {
      return OptionalDouble.empty();
    }
    Map<Map<String, String>, Double> before = new HashMap<>();
    for (NumberPoint point : baseline.numbers(metric)) {
      before.put(point.attributes(), point.value());
    }
    double total = 0;
    for (NumberPoint point : latest.numbers(metric)) {
      if (filter.test(point.attributes())) {
        double previous = before.getOrDefault(point.attributes(), 0.0);
        total += point.value() >= previous ? point.value() - previous : point.value();
      }
    }
    return OptionalDouble.of(total);
  }

  /** {@code numerator / denominator} of two increases; empty when the denominator is missing or did not grow. */
  OptionalDouble ratioOfIncreases(String numeratorMetric, Predicate<Map<String, String>> numeratorFilter,
      String denominatorMetric, Predicate<Map<String, String>> denominatorFilter) {
    OptionalDouble denominator = increase(denominatorMetric, denominatorFilter);
    if (denominator.isEmpty() || denominator.getAsDouble() <= 0) {
      return OptionalDouble.empty();
    }
    OptionalDouble numerator = increase(numeratorMetric, numeratorFilter);
    return OptionalDouble.of(numerator.orElse(0) / denominator.getAsDouble());
  }

  /** Per-second increase of a counter over the window. */
  OptionalDouble rate(String metric, Predicate<Map<String, String>> filter) {
    OptionalDouble increase = increase(metric, filter);
    double seconds = seconds();
    return increase.isEmpty() || seconds <= 0 ? OptionalDouble.empty() : OptionalDouble.of(increase.getAsDouble() / seconds);
  }

  /** The latest value of a gauge or up-down counter, summed over the matching series; empty when none matches. */
  OptionalDouble current(String metric, Predicate<Map<String, String>> filter) {
    return latest == null ? OptionalDouble.empty() : sum(latest, metric, filter);
  }

  /** The latest values summed by one attribute, e.g. per connection pool. */
  Map<String, Double> currentBy(String metric, String attribute, Predicate<Map<String, String>> filter) {
    Map<String, Double> sums = new HashMap<>();
    if (latest != null) {
      for (NumberPoint point : latest.numbers(metric)) {
        if (filter.test(point.attributes())) {
          sums.merge(point.attributes().getOrDefault(attribute, ""), point.value(), Double::sum);
        }
      }
    }
    return sums;
  }

  /** The largest latest value among the matching series. */
  OptionalDouble currentMax(String metric) {
    if (latest == null) {
      return OptionalDouble.empty();
    }
    return latest.numbers(metric).stream().mapToDouble(NumberPoint::value).max();
  }

  /** The average over the window of a gauge's value (summed over the matching series at each snapshot). */
  OptionalDouble average(String metric, Predicate<Map<String, String>> filter) {
    double total = 0;
    int count = 0;
    for (MetricSnapshot snapshot : samples) {
      OptionalDouble value = sum(snapshot, metric, filter);
      if (value.isPresent()) {
        total += value.getAsDouble();
        count++;
      }
    }
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(total / count);
  }

  /**
   * The observations a histogram gained over the window, all series merged; {@code null} when it is
   * not reported or the window has no start yet.
   */
  HistogramIncrease histogramIncrease(String metric) {
    if (latest == null || baseline == null || latest.histograms(metric).isEmpty()) {
      return null;
    }
    Map<Map<String, String>, HistogramPoint> before = new HashMap<>();
    for (HistogramPoint point : baseline.histograms(metric)) {
      before.put(point.attributes(), point);
    }
    List<Double> boundaries = null;
    long[] counts = null;
    double sum = 0;
    long count = 0;
    for (HistogramPoint point : latest.histograms(metric)) {
      if (boundaries == null) {
        boundaries = point.boundaries();
        counts = new long[point.counts().length];
      } else if (!boundaries.equals(point.boundaries())) {
        continue;
      }
      HistogramPoint previous = before.get(point.attributes());
      boolean reset = previous == null || !previous.boundaries().equals(point.boundaries()) || point.count() < previous.count();
      for (int i = 0; i < counts.length; i++) {
        counts[i] += point.counts()[i] - (reset ? 0 : previous.counts()[i]);
      }
      sum += point.sum() - (reset ? 0 : previous.sum());
      count += point.count() - (reset ? 0 : previous.count());
    }
    return new HistogramIncrease(boundaries, counts, sum, count);
  }

  private static OptionalDouble sum(MetricSnapshot snapshot, String metric, Predicate<Map<String, String>> filter) {
    boolean matched = false;
    double total = 0;
    for (NumberPoint point : snapshot.numbers(metric)) {
      if (filter.test(point.attributes())) {
        matched = true;
        total += point.value();
      }
    }
    return matched ? OptionalDouble.of(total) : OptionalDouble.empty();
  }

  /**
   * Observations gained by a histogram over a window.
   *
   * @param boundaries the explicit bucket upper bounds (the last bucket, +Inf, is implied)
   * @param counts per-bucket (not cumulative) counts, one more than the boundaries
   */
  record HistogramIncrease(List<Double> boundaries, long[] counts, double sum, long count) {

    /**
     * The q-quantile, interpolated linearly within its bucket exactly as PromQL's
     * {@code histogram_quantile}: a quantile in the +Inf bucket is the highest finite bound, and the
     * first bucket starts at 0 unless its bound is not positive. Empty without observations.
     */
    OptionalDouble quantile(double q) {
      if (count <= 0 || boundaries.isEmpty()) {
        return OptionalDouble.empty();
      }
      List<Double> upperBounds = new ArrayList<>(boundaries);
      upperBounds.add(Double.POSITIVE_INFINITY);
      double[] cumulative = new double[counts.length];
      double running = 0;
      for (int i = 0; i < counts.length; i++) {
        running += counts[i];
        cumulative[i] = running;
      }
      double observations = cumulative[cumulative.length - 1];
      if (observations <= 0) {
        return OptionalDouble.empty();
      }
      double rank = q * observations;
      int last = cumulative.length - 1;
      int bucket = last;
      for (int i = 0; i < last; i++) {
        if (cumulative[i] >= rank) {
          bucket = i;
          break;
        }
      }
      if (bucket == last) {
        return OptionalDouble.of(upperBounds.get(last - 1));
      }
      if (bucket == 0 && upperBounds.get(0) <= 0) {
        return OptionalDouble.of(upperBounds.get(0));
      }
      double start = 0;
      double end = upperBounds.get(bucket);
      double inBucket = cumulative[bucket];
      if (bucket > 0) {
        start = upperBounds.get(bucket - 1);
        inBucket -= cumulative[bucket - 1];
        rank -= cumulative[bucket - 1];
      }
      return OptionalDouble.of(start + (end - start) * (rank / inBucket));
    }

    @Override
    public String toString() {
      return "HistogramIncrease[boundaries=" + boundaries + ", counts=" + Arrays.toString(counts) + ", sum=" + sum
          + ", count=" + count + "]";
    }
  }
}
