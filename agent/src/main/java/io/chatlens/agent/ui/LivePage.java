package io.chatlens.agent.ui;

import io.chatlens.agent.alerts.AlertStatus;
import io.chatlens.agent.diagnostics.Diagnostics;
import io.chatlens.agent.endpoint.AgentHttpServer;
import io.chatlens.agent.endpoint.HealthReport;
import io.chatlens.agent.telemetry.ExporterStats;
import io.chatlens.agent.telemetry.QueueFill;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The live page at {@code /} of the agent's endpoint: a static page (HTML, script, style sheet and uPlot, all served
 * from the agent jar) that reads JSON under {@code /api/} and refreshes itself. The trends come from a ring buffer
 * fed every 10 s by a sampler thread of its own ({@code chatlens-ui-sampler}) from the in-process metric reader; the
 * slowest turns from the span export thread. Nothing here runs on an application thread.
 */
public final class LivePage implements AutoCloseable {

  /** What the page reads. Suppliers may return empty values; none may block. */
  public record Sources(Supplier<Collection<MetricData>> metrics, Map<String, ExporterStats> exporters,
      List<QueueFill> queues, Supplier<Map<String, Long>> agentDrops, Supplier<List<AlertStatus>> alerts,
      Supplier<String> errorGroupsJson, IntSupplier breakerLevel, Supplier<String> breakerState, String serviceName) {}

  static final String HTML_TYPE = "text/html; charset=utf-8";
  static final String JS_TYPE = "text/javascript; charset=utf-8";
  static final String CSS_TYPE = "text/css; charset=utf-8";
  /** Only this origin's own files: no inline script, no other host. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Sources sources;
  private final String jaegerUrl;
  private final LiveMetrics live = new LiveMetrics();
  private final SlowTurns slowTurns;
  private final LongSupplier clock;
  private ScheduledExecutorService sampler;

  LivePage(Sources sources, String jaegerUrl, int slowTurnsKept, LongSupplier clock) {
    this.sources = sources;
    this.jaegerUrl = jaegerUrl == null ? "" : jaegerUrl.strip().replaceAll("/+$", "");
    this.slowTurns = new SlowTurns(slowTurnsKept, clock);
    this.clock = clock;
  }

  /** Starts the sampler (first sample now, then every 10 s). */
  public static LivePage start(Sources sources, String jaegerUrl, int slowTurnsKept) {
    LivePage page = new LivePage(sources, jaegerUrl, slowTurnsKept, System::currentTimeMillis);
    page.sampler = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "chatlens-ui-sampler");
      thread.setDaemon(true);
      return thread;
    });
    page.sampler.scheduleAtFixedRate(page::sampleQuietly, 0, LiveMetrics.RESOLUTION_SECONDS, TimeUnit.SECONDS);
    return page;
  }

  private void sampleQuietly() {
    try {
      sample();
    } catch (Throwable fault) { // a task that throws is never run again
      Diagnostics.warnRateLimited("ui", "the live page's sampler failed: " + fault);
    }
  }

  void sample() {
    live.sample(clock.getAsLong(), sources.metrics().get());
  }

  /** Where the exported spans go (the span tap's listener). */
  public void acceptSpans(Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
    slowTurns.accept(spans);
  }

  /** The JSON views under {@code /api/}. */
  public Map<String, Supplier<String>> jsonViews() {
    Map<String, Supplier<String>> views = new LinkedHashMap<>();
    views.put("/api/summary", this::summaryJson);
    views.put("/api/trends", () -> live.trends().json(LiveMetrics.RESOLUTION_SECONDS));
    views.put("/api/errors", sources.errorGroupsJson());
    views.put("/api/slow-turns", slowTurns::json);
    return views;
  }

  /** The page and its files, by path: public (they hold no data; the data under /api/ takes the token). */
  public static Map<String, AgentHttpServer.Asset> assets() {
    Map<String, AgentHttpServer.Asset> assets = new LinkedHashMap<>();
    Map<String, String> page = Map.of("Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff",
        "Referrer-Policy", "no-referrer", "Cache-Control", "no-cache");
    assets.put("/", new AgentHttpServer.Asset(HTML_TYPE, resource("live/index.html"), page));
    assets.put("/ui/live.js", new AgentHttpServer.Asset(JS_TYPE, resource("live/live.js"), page));
    assets.put("/ui/live.css", new AgentHttpServer.Asset(CSS_TYPE, resource("live/live.css"), page));
    assets.put("/ui/uPlot.iife.min.js", new AgentHttpServer.Asset(JS_TYPE, resource("vendor/dist/uPlot.iife.min.js"), page));
    assets.put("/ui/uPlot.min.css", new AgentHttpServer.Asset(CSS_TYPE, resource("vendor/dist/uPlot.min.css"), page));
    assets.put("/ui/uPlot-LICENSE.txt", new AgentHttpServer.Asset("text/plain; charset=utf-8", resource("vendor/LICENSE"), page));
    return assets;
  }

  static String resource(String name) {
    try (InputStream in = LivePage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing from the agent jar: io/chatlens/agent/ui/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException failed) {
      throw new IllegalStateException("cannot read io/chatlens/agent/ui/" + name + ": " + failed, failed);
    }
  }

  /** KPIs, alerts, health checks, usage and the hour-over-hour comparison. */
  String summaryJson() {
    long now = clock.getAsLong();
    Collection<MetricData> metrics = sources.metrics().get();
    Json json = new Json(8192).begin().field("generatedAt", Instant.ofEpochMilli(now).toString())
        .field("service", sources.serviceName()).field("jaegerUrl", jaegerUrl.isEmpty() ? null : jaegerUrl);
    live.kpis(json, now, metrics);
    json.beginArray("alerts");
    for (AlertStatus alert : sources.alerts().get()) {
      json.object(null).field("name", alert.name()).field("severity", alert.severity().toString().toLowerCase(java.util.Locale.ROOT))
          .field("state", alert.state().label())
          .field("since", alert.since() == null ? null : alert.since().toString()).field("value", alert.value()).end();
    }
    json.endArray().beginArray("health");
    for (Check check : healthChecks(metrics)) {
      json.object(null).field("check", check.name()).field("state", check.state()).field("reason", check.reason()).end();
    }
    json.endArray().object("usage");
    live.usage(json, metrics, slowTurns.turnsByCommand());
    json.beginArray("zeroResultQueries");
    for (Map.Entry<String, Long> query : slowTurns.topZeroResultQueries(10)) {
      json.object(null).field("queryHash", query.getKey()).field("count", query.getValue()).end();
    }
    json.endArray().beginArray("busiestMinutes");
    for (long[] minute : live.trends().busiestMinutes("throughput", LiveMetrics.RESOLUTION_SECONDS, 5)) {
      json.object(null).field("minute", Instant.ofEpochMilli(minute[0]).toString()).field("requests", minute[1]).end();
    }
    json.endArray().end();
    comparison(json, now);
    return json.end().toString();
  }

  /** This hour against the previous one: mean p95 and mean throughput. */
  private void comparison(Json json, long now) {
    long[] times = live.trends().times();
    json.object("comparison");
    for (String series : List.of("latency.p95", "throughput", "errors.internal", "sessions.active")) {
      double[] values = live.trends().series(series);
      double[] sums = new double[2];
      int[] counts = new int[2];
      for (int i = 0; i < times.length; i++) {
        long age = now - times[i];
        int hour = age < 3_600_000 ? 0 : age < 7_200_000 ? 1 : -1;
        if (hour >= 0 && Double.isFinite(values[i])) {
          sums[hour] += values[i];
          counts[hour]++;
        }
      }
      json.object(series).field("thisHour", counts[0] == 0 ? Double.NaN : sums[0] / counts[0])
          .field("previousHour", counts[1] == 0 ? Double.NaN : sums[1] / counts[1]).end();
    }
    json.end();
  }

  /** One health check: green, amber or red (or grey: nothing to check), with the reason. */
  record Check(String name, String state, String reason) {}

  List<Check> healthChecks(Collection<MetricData> metrics) {
    List<Check> checks = new ArrayList<>();
    for (ExporterStats stats : sources.exporters().values()) {
      String state = stats.state();
      checks.add(new Check("exporter " + stats.signal(), switch (state) {
        case "ok" -> "green";
        case "starting" -> "amber";
        case "failing" -> "red";
        default -> "grey";
      }, switch (state) {
        case "ok" -> stats.exported() + " exported, last at " + Instant.ofEpochMilli(stats.lastSuccessMillis());
        case "starting" -> "nothing exported yet";
        case "failing" -> "the last export failed (" + stats.failed() + " items failed since start)";
        default -> "not configured";
      }));
    }
    for (QueueFill queue : sources.queues()) {
      if (queue.capacity() <= 0) {
        checks.add(new Check("queue " + queue.name(), "grey", "not used: nothing is exported on this signal"));
        continue;
      }
      double percent = queue.percent();
      checks.add(new Check("queue " + queue.name(), level(percent, 50, 90),
          String.format(java.util.Locale.ROOT, "%d of %d (%.0f%% full)", queue.size(), queue.capacity(), percent)));
    }
    Map<String, Long> drops = new java.util.TreeMap<>(sources.agentDrops().get());
    drops.putAll(HealthReport.sdkDrops(metrics));
    long dropped = drops.values().stream().mapToLong(Long::longValue).sum();
    checks.add(new Check("drops", dropped == 0 ? "green" : "amber", dropped == 0 ? "nothing dropped"
        : "dropped since start: " + drops));
    double disk = LiveMetrics.sum(metrics, "system.filesystem.utilization", attributes -> true);
    checks.add(Double.isNaN(disk) ? new Check("log volume disk", "grey", "not measured (chatlens.runtime.metrics)")
        : new Check("log volume disk", level(disk * 100, 80, 95),
            String.format(java.util.Locale.ROOT, "%.0f%% used", disk * 100)));
    java.util.function.Predicate<io.opentelemetry.api.common.Attributes> heap =
        attributes -> "heap".equals(LiveMetrics.attribute(attributes, "jvm.memory.type"));
    double used = LiveMetrics.sum(metrics, "jvm.memory.used", heap);
    double limit = LiveMetrics.sum(metrics, "jvm.memory.limit", heap);
    checks.add(Double.isNaN(used) || !(limit > 0) ? new Check("heap", "grey", "not measured")
        : new Check("heap", level(100 * used / limit, 75, 90), String.format(java.util.Locale.ROOT,
            "%.0f MB of %.0f MB (%.0f%%)", used / 1048576, limit / 1048576, 100 * used / limit)));
    double pending = LiveMetrics.sum(metrics, "db.client.connection.pending_requests", attributes -> true);
    double inUse = LiveMetrics.sum(metrics, "chatbot.db.connections.in_use", attributes -> true);
    double open = LiveMetrics.sum(metrics, "chatbot.db.connections.open", attributes -> true);
    double failures = LiveMetrics.sum(metrics, "chatbot.db.connection.failures", attributes -> true);
    if (Double.isNaN(pending) && Double.isNaN(open)) {
      checks.add(new Check("database pool", "grey", "no database connection seen"));
    } else {
      String state = pending > 0 ? "amber" : "green";
      checks.add(new Check("database pool", failures > 0 && state.equals("green") ? "amber" : state,
          String.format(java.util.Locale.ROOT, "%s in use of %s open, %s waiting, %s connection failures",
              count(inUse), count(open), count(pending), Double.isNaN(failures) ? "0" : count(failures))));
    }
    int breaker = sources.breakerLevel().getAsInt();
    checks.add(new Check("circuit breaker", breaker <= 0 ? "green" : breaker == 1 ? "amber" : "red",
        sources.breakerState().get()));
    for (AlertStatus alert : sources.alerts().get()) {
      String state = alert.state().label();
      if (state.equals("firing") || state.equals("pending")) {
        checks.add(new Check("alert " + alert.name(), state.equals("firing") ? "red" : "amber",
            alert.name() + " is " + state + " since " + alert.since()));
      }
    }
    return checks;
  }

  private static String count(double value) {
    return Double.isNaN(value) ? "?" : Long.toString(Math.round(value));
  }

  private static String level(double percent, double amber, double red) {
    return percent >= red ? "red" : percent >= amber ? "amber" : "green";
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
  }
}
