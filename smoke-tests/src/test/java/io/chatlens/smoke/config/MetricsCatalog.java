package io.chatlens.smoke.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code config/metrics-catalog.tsv}: every metric the dashboards and rules may use. */
final class MetricsCatalog {

  static final List<String> COLUMNS =
      List.of("prometheus_name", "otel_name", "type", "unit", "labels", "serves", "source", "meaning");

  /** The seed's KPIs. */
  static final List<String> KPIS = List.of("Response Time", "Accuracy", "Error Rate", "User Engagement", "System Health");
  /** The seed's real-time monitoring items, plus the disk holding the logs. */
  static final List<String> REAL_TIME =
      List.of("Active Sessions", "Queue Length", "Database Connections", "Memory Usage", "CPU Utilization", "Disk");
  static final List<String> OTHER_USES = List.of("Alerts", "Agent Health", "LLM Usage");

  record Metric(String prometheusName, String otelName, String type, String unit, List<String> labels,
      List<String> serves, String source, String meaning, int line) {

    boolean builtIn() {
      return "-".equals(otelName);
    }
  }

  private final Map<String, Metric> metrics;

  private MetricsCatalog(Map<String, Metric> metrics) {
    this.metrics = metrics;
  }

  static Path tsv() {
    return ConfigAssets.configDir().resolve("metrics-catalog.tsv");
  }

  static Path markdown() {
    return ConfigAssets.configDir().resolve("metrics-catalog.md");
  }

  static MetricsCatalog load() {
    List<String> lines;
    try {
      lines = Files.readAllLines(tsv());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Metric> metrics = new LinkedHashMap<>();
    boolean header = true;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != COLUMNS.size()) {
        throw new IllegalStateException(tsv() + ":" + (i + 1) + ": expected " + COLUMNS.size()
            + " tab-separated fields, found " + fields.length);
      }
      if (header) {
        if (!List.of(fields).equals(COLUMNS)) {
          throw new IllegalStateException(tsv() + ":" + (i + 1) + ": header must be " + COLUMNS);
        }
        header = false;
        continue;
      }
      Metric metric = new Metric(fields[0], fields[1], fields[2], fields[3], list(fields[4]), list(fields[5]),
          fields[6], fields[7], i + 1);
      if (metrics.put(metric.prometheusName(), metric) != null) {
        throw new IllegalStateException(tsv() + ":" + (i + 1) + ": " + metric.prometheusName() + " is listed twice");
      }
    }
    return new MetricsCatalog(metrics);
  }

  private static List<String> list(String field) {
    if (field.equals("-")) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (String value : field.split(",")) {
      values.add(value.strip());
    }
    return List.copyOf(values);
  }

  List<Metric> all() {
    return List.copyOf(metrics.values());
  }

  Optional<Metric> get(String prometheusName) {
    return Optional.ofNullable(metrics.get(prometheusName));
  }

  /**
   * The catalog metric a series name belongs to: the name itself, or for a histogram's
   * {@code _bucket}/{@code _sum}/{@code _count} series, the histogram.
   */
  Optional<Metric> resolve(String seriesName) {
    Metric direct = metrics.get(seriesName);
    if (direct != null) {
      return Optional.of(direct);
    }
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (seriesName.endsWith(suffix)) {
        Metric base = metrics.get(seriesName.substring(0, seriesName.length() - suffix.length()));
        if (base != null && base.type().equals("histogram")) {
          return Optional.of(base);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The name the OpenTelemetry Prometheus exporters give an instrument: dots become underscores, the unit is
   * appended (s as seconds, By as bytes, 1 as ratio for gauges; annotations in braces are dropped) unless the
   * name already ends with it, and counters get {@code _total}.
   */
  static String prometheusName(String otelName, String type, String unit) {
    String name = otelName.replaceAll("[^a-zA-Z0-9_:]", "_");
    String suffix = switch (unit) {
      case "s" -> "seconds";
      case "ms" -> "milliseconds";
      case "By" -> "bytes";
      case "1" -> type.equals("gauge") ? "ratio" : "";
      default -> unit.startsWith("{") ? "" : unit.replaceAll("[^a-zA-Z0-9_:]", "_");
    };
    if (!suffix.isEmpty() && !name.endsWith("_" + suffix)) {
      name += "_" + suffix;
    }
    if (type.equals("counter") && !name.endsWith("_total")) {
      name += "_total";
    }
    return name;
  }

  /** The Markdown table that {@code config/metrics-catalog.md} holds between its generated markers. */
  String markdownTable() {
    StringBuilder out = new StringBuilder();
    out.append("| Prometheus name | OpenTelemetry name | Type | Unit | Labels | Serves | Source | Meaning |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (Metric metric : metrics.values()) {
      out.append("| `").append(metric.prometheusName()).append("` | ")
          .append(code(metric.otelName())).append(" | ")
          .append(metric.type()).append(" | ")
          .append(code(metric.unit())).append(" | ")
          .append(metric.labels().isEmpty() ? "-"
              : metric.labels().stream().map(label -> "`" + label + "`").collect(Collectors.joining(", ")))
          .append(" | ")
          .append(String.join(", ", metric.serves())).append(" | ")
          .append(metric.source()).append(" | ")
          .append(metric.meaning().replace("|", "\\|")).append(" |\n");
    }
    return out.toString();
  }

  private static String code(String value) {
    return value.equals("-") ? "-" : "`" + value + "`";
  }
}
