package io.chatlens.agent.ui;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The numbers of the live page, read from the agent's in-process metric reader (cumulative): the trend points
 * sampled every {@link #RESOLUTION_SECONDS} s into a {@link TrendBuffer} (on the sampler thread), and the KPIs now
 * (on an endpoint worker, from a fresh collection, over the last 5 minutes of samples).
 */
final class LiveMetrics {

  static final int RESOLUTION_SECONDS = 10;
  /** How far back the KPIs look: the alert engine's KPI gauges use the same 5 minutes. */
  static final long KPI_WINDOW_MILLIS = 5 * 60_000;

  static final List<String> ERROR_CATEGORIES = List.of("validation", "database", "timeout", "resource", "internal");

  static final List<String> SERIES = List.of("latency.p50", "latency.p95", "latency.p99", "throughput",
      "errors.validation", "errors.database", "errors.timeout", "errors.resource", "errors.internal", "errors.other",
      "errors.user", "sessions.active", "heap.used", "heap.limit", "cpu.process", "cpu.system");

  /** What is cumulative in one collection, to take differences between two. */
  record Totals(long epochMillis, double requests, double failedRequests, Histogram latency,
      Map<String, Double> errorsByCategory, double userErrors, double searches, double zeroResultSearches) {}

  /** A merged explicit-bucket histogram: {@code counts} has one more entry than {@code bounds}. */
  record Histogram(List<Double> bounds, long[] counts, double sum, long count) {

    static final Histogram EMPTY = new Histogram(List.of(), new long[] {0}, 0, 0);

    Histogram minus(Histogram earlier) {
      if (earlier == null || !earlier.bounds.equals(bounds) || earlier.count > count) {
        return this;
      }
      long[] difference = counts.clone();
      for (int i = 0; i < difference.length; i++) {
        difference[i] -= earlier.counts[i];
      }
      return new Histogram(bounds, difference, sum - earlier.sum, count - earlier.count);
    }

    /** The quantile, interpolated within its bucket as Prometheus's histogram_quantile does; NaN when empty. */
    double quantile(double q) {
      if (count <= 0 || bounds.isEmpty()) {
        return Double.NaN;
      }
      double rank = q * count;
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        if (seen + counts[i] >= rank && counts[i] > 0) {
          if (i == bounds.size()) {
            return bounds.get(bounds.size() - 1);
          }
          double lower = i == 0 ? 0 : bounds.get(i - 1);
          double upper = bounds.get(i);
          return lower + (upper - lower) * ((rank - seen) / counts[i]);
        }
        seen += counts[i];
      }
      return bounds.get(bounds.size() - 1);
    }

    double mean() {
      return count == 0 ? Double.NaN : sum / count;
    }
  }

  private final TrendBuffer trends = new TrendBuffer(SERIES);
  /** The totals of the last 5 minutes of samples, oldest first (31 at most). */
  private final ArrayDeque<Totals> recent = new ArrayDeque<>();

  TrendBuffer trends() {
    return trends;
  }

  /** One sample: the rates since the previous one and the gauges now, into the trend buffer. */
  void sample(long epochMillis, Collection<MetricData> metrics) {
    Totals now = totals(epochMillis, metrics);
    Totals previous;
    synchronized (recent) {
      previous = recent.peekLast();
      recent.addLast(now);
      while (recent.size() > KPI_WINDOW_MILLIS / 1000 / RESOLUTION_SECONDS + 1) {
        recent.removeFirst();
      }
    }
    double[] row = new double[SERIES.size()];
    java.util.Arrays.fill(row, Double.NaN);
    if (previous != null) {
      double seconds = Math.max(1e-3, (now.epochMillis() - previous.epochMillis()) / 1000d);
      Histogram latency = now.latency().minus(previous.latency());
      row[0] = latency.quantile(0.50) * 1000;
      row[1] = latency.quantile(0.95) * 1000;
      row[2] = latency.quantile(0.99) * 1000;
      row[3] = rate(now.requests(), previous.requests(), seconds);
      double other = 0;
      for (Map.Entry<String, Double> category : now.errorsByCategory().entrySet()) {
        double rate = rate(category.getValue(), previous.errorsByCategory().getOrDefault(category.getKey(), 0d), seconds);
        int index = ERROR_CATEGORIES.indexOf(category.getKey());
        if (index >= 0) {
          row[4 + index] = rate;
        } else if (Double.isFinite(rate)) {
          other += rate;
        }
      }
      for (int i = 4; i < 9; i++) {
        row[i] = Double.isNaN(row[i]) ? 0 : row[i];
      }
      row[9] = other;
      row[10] = rate(now.userErrors(), previous.userErrors(), seconds);
    }
    row[11] = sum(metrics, "chatbot.active_sessions", point -> true);
    Predicate<Attributes> heap = attributes -> "heap".equals(attribute(attributes, "jvm.memory.type"));
    row[12] = sum(metrics, "jvm.memory.used", heap) / (1024 * 1024);
    row[13] = sum(metrics, "jvm.memory.limit", heap) / (1024 * 1024);
    row[14] = sum(metrics, "jvm.cpu.recent_utilization", point -> true) * 100;
    row[15] = sum(metrics, "jvm.system.cpu.utilization", point -> true) * 100;
    trends.add(epochMillis, row);
  }

  private static double rate(double now, double before, double seconds) {
    return now < before ? Double.NaN : (now - before) / seconds;
  }

  /** The sample at least {@code agoMillis} before {@code now}, else the oldest (or {@code null}: none yet). */
  private Totals before(long nowMillis, long agoMillis) {
    synchronized (recent) {
      Totals chosen = recent.peekFirst();
      for (Totals totals : recent) {
        if (nowMillis - totals.epochMillis() >= agoMillis) {
          chosen = totals;
        }
      }
      return chosen;
    }
  }

  /**
   * The KPIs now, from a fresh collection: totals since start, rates over the last minute, ratios and percentiles
   * over the last 5 minutes (since the start when younger), and the gauges now.
   */
  void kpis(Json json, long epochMillis, Collection<MetricData> metrics) {
    Totals now = totals(epochMillis, metrics);
    Totals minuteAgo = before(epochMillis, 60_000);
    Totals window = before(epochMillis, KPI_WINDOW_MILLIS);
    double requestsPerSecond = Double.NaN;
    if (minuteAgo != null && epochMillis - minuteAgo.epochMillis() >= 1000) {
      requestsPerSecond = rate(now.requests(), minuteAgo.requests(), (epochMillis - minuteAgo.epochMillis()) / 1000d);
    }
    Totals base = window == null ? new Totals(0, 0, 0, null, Map.of(), 0, 0, 0) : window;
    Histogram latency = now.latency().minus(base.latency());
    double requests = now.requests() - base.requests();
    double failed = now.failedRequests() - base.failedRequests();
    double searches = now.searches() - base.searches();
    double zero = now.zeroResultSearches() - base.zeroResultSearches();
    Histogram duration = histogram(metrics, "chatbot.session.duration");
    Histogram interactions = histogram(metrics, "chatbot.session.interactions");
    json.object("kpis")
        .field("windowSeconds", window == null ? 0 : (epochMillis - window.epochMillis()) / 1000)
        .field("requestsTotal", now.requests())
        .field("failedRequestsTotal", now.failedRequests())
        .field("errorsTotal", now.errorsByCategory().values().stream().mapToDouble(Double::doubleValue).sum())
        .field("requestsPerSecond", requestsPerSecond)
        .field("errorRate", requests > 0 ? failed / requests : Double.NaN)
        .field("p50Ms", latency.quantile(0.50) * 1000)
        .field("p95Ms", latency.quantile(0.95) * 1000)
        .field("p99Ms", latency.quantile(0.99) * 1000)
        .field("activeSessions", sum(metrics, "chatbot.active_sessions", point -> true))
        .field("sessionsCreatedTotal", sum(metrics, "chatbot.sessions.created", point -> true))
        .field("zeroResultRate", searches > 0 ? zero / searches : Double.NaN)
        .field("answerAccuracy", gauge(metrics, "chatbot.answer.accuracy"))
        .field("sessionDurationMeanSeconds", duration.mean())
        .field("sessionsEnded", duration.count())
        .field("interactionsPerSessionMean", interactions.mean())
        // LLM calls (the llm component): tokens per turn since start, and the cost of the priced ones
        .field("llmTokensPerTurn", llmTokensPerTurn(metrics, now.requests()))
        .preciseField("llmCostTotal", sum(metrics, "chatbot.llm.cost", point -> true))
        .end();
  }

  /** Tokens of the LLM calls per turn since start; NaN before the first LLM call or turn. */
  static double llmTokensPerTurn(Collection<MetricData> metrics, double turns) {
    Histogram tokens = histogram(metrics, "gen_ai.client.token.usage");
    return tokens.count() > 0 && turns > 0 ? tokens.sum() / turns : Double.NaN;
  }

  /** Usage from the metrics: commands by count and status, searches by outcome, session distributions. */
  void usage(Json json, Collection<MetricData> metrics, Map<String, long[]> turnsByCommand) {
    Map<String, double[]> commands = new TreeMap<>();
    for (MetricData metric : metrics) {
      if (metric.getName().equals("chatbot.commands")) {
        for (PointData point : points(metric)) {
          String command = String.valueOf(attribute(point.getAttributes(), "command"));
          double[] counts = commands.computeIfAbsent(command, unused -> new double[2]);
          counts[0] += value(point);
          if ("invalid".equals(attribute(point.getAttributes(), "status"))) {
            counts[1] += value(point);
          }
        }
      }
    }
    List<Map.Entry<String, double[]>> sorted = new ArrayList<>(commands.entrySet());
    sorted.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
    json.beginArray("commands");
    for (Map.Entry<String, double[]> command : sorted) {
      long[] turns = turnsByCommand.get(command.getKey());
      json.object(null).field("command", command.getKey()).field("count", command.getValue()[0])
          .field("invalid", command.getValue()[1])
          .field("turnsTraced", turns == null ? 0 : turns[0])
          .field("errorRate", turns == null || turns[0] == 0 ? Double.NaN : (double) turns[1] / turns[0]).end();
    }
    json.endArray().object("searches");
    for (MetricData metric : metrics) {
      if (metric.getName().equals("chatbot.search.requests")) {
        Map<String, Double> byOutcome = new TreeMap<>();
        for (PointData point : points(metric)) {
          byOutcome.merge(String.valueOf(attribute(point.getAttributes(), "outcome")), value(point), Double::sum);
        }
        byOutcome.forEach(json::field);
      }
    }
    json.end();
    distribution(json, "sessionDurations", histogram(metrics, "chatbot.session.duration"));
    distribution(json, "sessionInteractions", histogram(metrics, "chatbot.session.interactions"));
  }

  private static void distribution(Json json, String name, Histogram histogram) {
    json.beginArray(name);
    for (int i = 0; i < histogram.counts().length; i++) {
      if (histogram.counts()[i] == 0) {
        continue;
      }
      json.object(null).field("upTo", i < histogram.bounds().size() ? histogram.bounds().get(i) : Double.POSITIVE_INFINITY)
          .field("count", histogram.counts()[i]).end();
    }
    json.endArray();
  }

  // --- reading a collection -------------------------------------------------------------------------------------

  static Totals totals(long epochMillis, Collection<MetricData> metrics) {
    Map<String, Double> errors = new LinkedHashMap<>();
    for (MetricData metric : metrics) {
      if (metric.getName().equals("chatbot.errors")) {
        for (PointData point : points(metric)) {
          errors.merge(String.valueOf(attribute(point.getAttributes(), "category")), value(point), Double::sum);
        }
      }
    }
    // a counter not reported yet has counted nothing
    return new Totals(epochMillis, counted(sum(metrics, "chatbot.requests", point -> true)),
        counted(sum(metrics, "chatbot.requests", attributes -> "error".equals(attribute(attributes, "status")))),
        histogram(metrics, "chatbot.response_time"), errors,
        counted(sum(metrics, "chatbot.user_errors", point -> true)),
        counted(sum(metrics, "chatbot.search.requests", attributes -> !"unknown".equals(attribute(attributes, "outcome")))),
        counted(sum(metrics, "chatbot.search.requests",
            attributes -> "zero_results".equals(attribute(attributes, "outcome")))));
  }

  private static double counted(double total) {
    return Double.isNaN(total) ? 0 : total;
  }

  /** A metric attribute by name, or by a dotted name ending in {@code .name}. */
  static String attribute(Attributes attributes, String name) {
    String[] found = new String[1];
    attributes.forEach((key, value) -> {
      if (found[0] == null && (key.getKey().equals(name) || key.getKey().endsWith("." + name))) {
        found[0] = String.valueOf(value);
      }
    });
    return found[0];
  }

  private static Collection<? extends PointData> points(MetricData metric) {
    return switch (metric.getType()) {
      case LONG_SUM -> metric.getLongSumData().getPoints();
      case LONG_GAUGE -> metric.getLongGaugeData().getPoints();
      case DOUBLE_SUM -> metric.getDoubleSumData().getPoints();
      case DOUBLE_GAUGE -> metric.getDoubleGaugeData().getPoints();
      default -> List.of();
    };
  }

  private static double value(PointData point) {
    if (point instanceof LongPointData longPoint) {
      return longPoint.getValue();
    }
    if (point instanceof DoublePointData doublePoint) {
      return doublePoint.getValue();
    }
    return 0;
  }

  /** The sum of a sum or gauge's points that match; NaN when the metric is absent. */
  static double sum(Collection<MetricData> metrics, String name, Predicate<Attributes> where) {
    double total = Double.NaN;
    for (MetricData metric : metrics) {
      if (metric.getName().equals(name)) {
        for (PointData point : points(metric)) {
          if (where.test(point.getAttributes())) {
            total = (Double.isNaN(total) ? 0 : total) + value(point);
          }
        }
        if (Double.isNaN(total)) {
          total = 0;
        }
      }
    }
    return total;
  }

  private static double gauge(Collection<MetricData> metrics, String name) {
    return sum(metrics, name, point -> true);
  }

  /** Every point of an explicit-bucket histogram merged (the same boundaries); empty when absent. */
  static Histogram histogram(Collection<MetricData> metrics, String name) {
    List<Double> bounds = null;
    long[] counts = null;
    double sum = 0;
    long count = 0;
    for (MetricData metric : metrics) {
      if (!metric.getName().equals(name) || metric.getType() != io.opentelemetry.sdk.metrics.data.MetricDataType.HISTOGRAM) {
        continue;
      }
      for (HistogramPointData point : metric.getHistogramData().getPoints()) {
        if (bounds == null) {
          bounds = point.getBoundaries();
          counts = new long[bounds.size() + 1];
        }
        if (!point.getBoundaries().equals(bounds)) {
          continue;
        }
        List<Long> pointCounts = point.getCounts();
        for (int i = 0; i < counts.length && i < pointCounts.size(); i++) {
          counts[i] += pointCounts.get(i);
        }
        sum += point.getSum();
        count += point.getCount();
      }
    }
    return bounds == null ? Histogram.EMPTY : new Histogram(List.copyOf(bounds), counts, sum, count);
  }
}
