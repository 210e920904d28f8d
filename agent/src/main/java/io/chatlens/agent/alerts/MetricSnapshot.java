package io.chatlens.agent.alerts;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of the metrics the signals read, at one instant: counters and up-down counters as
 * cumulative sums, gauges as their last value, histograms as cumulative bucket counts. Only the named
 * metrics are kept, and at most {@value #MAX_POINTS_PER_METRIC} series each, so memory stays bounded.
 */
final class MetricSnapshot {

  static final int MAX_POINTS_PER_METRIC = 1000;

  /** One series of a sum or gauge. */
  record NumberPoint(Map<String, String> attributes, double value) {}

  /** One series of an explicit-bucket histogram; {@code counts} has one more entry than {@code boundaries}. */
  record HistogramPoint(Map<String, String> attributes, List<Double> boundaries, long[] counts, double sum, long count) {}

  private final long epochMillis;
  private final Map<String, List<NumberPoint>> numbers;
  private final Map<String, List<HistogramPoint>> histograms;

  MetricSnapshot(long epochMillis, Map<String, List<NumberPoint>> numbers, Map<String, List<HistogramPoint>> histograms) {
    this.epochMillis = epochMillis;
    this.numbers = numbers;
    this.histograms = histograms;
  }

  /** Keeps the points of the named metrics out of a collection. */
  static MetricSnapshot of(long epochMillis, Collection<MetricData> metrics, Set<String> names) {
    Map<String, List<NumberPoint>> numbers = new HashMap<>();
    Map<String, List<HistogramPoint>> histograms = new HashMap<>();
    for (MetricData metric : metrics) {
      String name = metric.getName();
      if (!names.contains(name)) {
        continue;
      }
      switch (metric.getType()) {
        case LONG_SUM -> addLongs(numbers, name, metric.getLongSumData().getPoints());
        case LONG_GAUGE -> addLongs(numbers, name, metric.getLongGaugeData().getPoints());
        case DOUBLE_SUM -> addDoubles(numbers, name, metric.getDoubleSumData().getPoints());
        case DOUBLE_GAUGE -> addDoubles(numbers, name, metric.getDoubleGaugeData().getPoints());
        case HISTOGRAM -> addHistograms(histograms, name, metric.getHistogramData().getPoints());
        default -> {
          // exponential histograms and summaries are not used by any signal
        }
      }
    }
    return new MetricSnapshot(epochMillis, numbers, histograms);
  }

  long epochMillis() {
    return epochMillis;
  }

  /** The series of a sum or gauge; empty when the metric was not reported. */
  List<NumberPoint> numbers(String metric) {
    return numbers.getOrDefault(metric, List.of());
  }

  boolean hasNumbers(String metric) {
    return !numbers(metric).isEmpty();
  }

  /** The series of a histogram; empty when the metric was not reported. */
  List<HistogramPoint> histograms(String metric) {
    return histograms.getOrDefault(metric, List.of());
  }

  private static void addLongs(Map<String, List<NumberPoint>> into, String name, Collection<LongPointData> points) {
    List<NumberPoint> list = into.computeIfAbsent(name, unused -> new ArrayList<>());
    for (LongPointData point : points) {
      if (list.size() < MAX_POINTS_PER_METRIC) {
        list.add(new NumberPoint(attributes(point.getAttributes()), point.getValue()));
      }
    }
  }

  private static void addDoubles(Map<String, List<NumberPoint>> into, String name, Collection<DoublePointData> points) {
    List<NumberPoint> list = into.computeIfAbsent(name, unused -> new ArrayList<>());
    for (DoublePointData point : points) {
      if (list.size() < MAX_POINTS_PER_METRIC && !Double.isNaN(point.getValue())) {
        list.add(new NumberPoint(attributes(point.getAttributes()), point.getValue()));
      }
    }
  }

  private static void addHistograms(Map<String, List<HistogramPoint>> into, String name,
      Collection<HistogramPointData> points) {
    List<HistogramPoint> list = into.computeIfAbsent(name, unused -> new ArrayList<>());
    for (HistogramPointData point : points) {
      if (list.size() < MAX_POINTS_PER_METRIC) {
        long[] counts = point.getCounts().stream().mapToLong(Long::longValue).toArray();
        list.add(new HistogramPoint(attributes(point.getAttributes()), List.copyOf(point.getBoundaries()), counts,
            point.getSum(), point.getCount()));
      }
    }
  }

  private static Map<String, String> attributes(Attributes attributes) {
    if (attributes.isEmpty()) {
      return Map.of();
    }
    Map<String, String> map = new HashMap<>();
    attributes.forEach((key, value) -> map.put(key.getKey(), String.valueOf(value)));
    return Map.copyOf(map);
  }
}
