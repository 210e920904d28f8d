package io.chatlens.agent.endpoint;

import io.chatlens.agent.AgentVersion;
import io.chatlens.agent.telemetry.ExporterStats;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The health JSON. {@code /health/live}: the agent runs (so does the application it lives in), nothing else is
 * looked at and no metric is collected. {@code /health/ready} (and {@code /health}): the agent's status, each
 * exporter's state and the time of its last successful export, what was dropped (the agent's own counters, and the
 * SDK's queue drops as of the last metric collection: no request here collects), and the active alerts.
 */
public final class HealthReport {

  /** One active alert, as the alert engine reports it. */
  public record ActiveAlert(String name, String severity, String state, long sinceMillis, double value) {}

  private final long startedMillis = System.currentTimeMillis();
  private final Map<String, ExporterStats> exporters;
  private final PullMetricReader metrics;
  private final Supplier<Map<String, Long>> agentDrops;
  private final Supplier<List<ActiveAlert>> alerts;
  /** More top-level objects, by name: each supplier gives a JSON value (the circuit breaker's state, say). */
  private final Map<String, Supplier<String>> sections = new java.util.concurrent.ConcurrentSkipListMap<>();

  public HealthReport(Map<String, ExporterStats> exporters, PullMetricReader metrics,
      Supplier<Map<String, Long>> agentDrops, Supplier<List<ActiveAlert>> alerts) {
    this.exporters = exporters;
    this.metrics = metrics;
    this.agentDrops = agentDrops;
    this.alerts = alerts;
  }

  /** Adds a top-level member to the JSON, after the alerts: {@code "name": <what the supplier returns>}. */
  public HealthReport section(String name, Supplier<String> json) {
    sections.put(name, json);
    return this;
  }

  /** What the agent itself dropped (log events), by kind. */
  public Map<String, Long> agentDrops() {
    return agentDrops.get();
  }

  /** {@code UP} when every configured exporter is ok or starting, else {@code DEGRADED}. */
  public String status() {
    for (ExporterStats stats : exporters.values()) {
      if (stats.state().equals("failing")) {
        return "DEGRADED";
      }
    }
    return "UP";
  }

  /** The readiness answer: whether every exporter is fine, and the JSON, from one reading of the status. */
  public record Readiness(boolean ready, String json) {}

  /** Whether no exporter is failing; reads the exporters' states only (no metric collection). */
  public boolean ready() {
    return "UP".equals(status());
  }

  public Readiness readiness() {
    String status = status();
    return new Readiness("UP".equals(status), json(status));
  }

  /**
   * The liveness JSON: {@code {"status":"UP","agent":{...}}}. Always UP while the agent answers; it reads nothing
   * that a telemetry backend could make fail, so a liveness probe never restarts a healthy application because
   * a backend is down.
   */
  public String liveJson() {
    return "{\"status\":\"UP\",\"agent\":{\"name\":\"chatlens\",\"version\":\"" + AgentVersion.get()
        + "\",\"uptimeSeconds\":" + (System.currentTimeMillis() - startedMillis) / 1000 + "}}";
  }

  public String json() {
    return json(status());
  }

  private String json(String status) {
    Map<String, Long> dropped = new TreeMap<>(agentDrops.get());
    dropped.putAll(metrics.lastSdkDrops()); // as of the last collection: a health request collects nothing
    StringBuilder out = new StringBuilder(512);
    out.append("{\"status\":\"").append(status).append("\",\"agent\":{\"name\":\"chatlens\",\"version\":\"")
        .append(AgentVersion.get()).append("\",\"uptimeSeconds\":")
        .append((System.currentTimeMillis() - startedMillis) / 1000).append("},\"exporters\":{");
    boolean first = true;
    for (ExporterStats stats : exporters.values()) {
      out.append(first ? "" : ",").append('"').append(stats.signal()).append("\":{\"state\":\"").append(stats.state())
          .append("\",\"exported\":").append(stats.exported()).append(",\"failed\":").append(stats.failed())
          .append(",\"lastSuccess\":").append(stats.lastSuccessMillis() == 0 ? "null"
              : "\"" + Instant.ofEpochMilli(stats.lastSuccessMillis()) + "\"").append('}');
      first = false;
    }
    out.append("},\"dropped\":{");
    first = true;
    for (Map.Entry<String, Long> drop : dropped.entrySet()) {
      out.append(first ? "" : ",").append('"').append(drop.getKey()).append("\":").append(drop.getValue());
      first = false;
    }
    out.append("},\"alerts\":[");
    first = true;
    for (ActiveAlert alert : alerts.get()) {
      out.append(first ? "" : ",").append("{\"name\":\"").append(escape(alert.name())).append("\",\"severity\":\"")
          .append(escape(alert.severity())).append("\",\"state\":\"").append(escape(alert.state()))
          .append("\",\"since\":\"").append(Instant.ofEpochMilli(alert.sinceMillis())).append("\",\"value\":")
          .append(Double.isFinite(alert.value()) ? Double.toString(alert.value()) : "null").append('}');
      first = false;
    }
    out.append(']');
    for (Map.Entry<String, Supplier<String>> section : sections.entrySet()) {
      out.append(",\"").append(escape(section.getKey())).append("\":").append(section.getValue().get());
    }
    out.append('}');
    return out.toString();
  }

  /** Items the SDK dropped because its queues were full ({@code otel.sdk.processor.*.processed}). */
  public static Map<String, Long> sdkDrops(Collection<MetricData> collected) {
    Map<String, Long> drops = new TreeMap<>();
    for (MetricData metric : collected) {
      String name = metric.getName();
      if (metric.getType() != MetricDataType.LONG_SUM
          || !(name.equals("otel.sdk.processor.span.processed") || name.equals("otel.sdk.processor.log.processed"))) {
        continue;
      }
      String signal = name.contains("span") ? "spans" : "logs";
      long dropped = 0;
      for (LongPointData point : metric.getLongSumData().getPoints()) {
        if (point.getAttributes().get(io.chatlens.instrumentation.core.Semconv.ERROR_TYPE) != null) {
          dropped += point.getValue();
        }
      }
      drops.merge(signal, dropped, Long::sum);
    }
    return drops;
  }

  private static String escape(String text) {
    return text == null ? "" : text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
