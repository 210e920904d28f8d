package io.chatlens.agent.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatlens.agent.alerts.AlertState;
import io.chatlens.agent.alerts.AlertStatus;
import io.chatlens.agent.alerts.Severity;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LivePageTest {

  private static final String HOSTILE = "<img src=x onerror=alert(1)>\"&'";

  @Test
  void theSummaryIsValidJsonWithEachCheckGreenAmberOrRedAndItsReason() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build()) {
      Meter meter = provider.get("test");
      Attributes heap = Attributes.of(AttributeKey.stringKey("jvm.memory.type"), "heap");
      meter.upDownCounterBuilder("jvm.memory.used").buildWithCallback(m -> m.record(95L << 20, heap));
      meter.upDownCounterBuilder("jvm.memory.limit").buildWithCallback(m -> m.record(100L << 20, heap));
      meter.gaugeBuilder("system.filesystem.utilization").buildWithCallback(m -> m.record(0.85));
      meter.counterBuilder("chatbot.commands").build().add(3, Attributes.of(AttributeKey.stringKey("command"), HOSTILE,
          AttributeKey.stringKey("status"), "invalid"));
      List<AlertStatus> alerts = List.of(
          new AlertStatus(HOSTILE, Severity.CRITICAL, AlertState.FIRING, Instant.parse("2026-01-01T00:00:00Z"), 0.5),
          new AlertStatus("Quiet", Severity.WARNING, AlertState.INACTIVE, null, Double.NaN));
      // a queue no batch processor uses (otel.traces.exporter=none): capacity 0
      LivePage page = new LivePage(new LivePage.Sources(reader::collectAllMetrics, Map.of(),
          List.of(new io.chatlens.agent.telemetry.QueueFill("spans")), () -> Map.of("logEvents", 7L), () -> alerts, () -> "{\"errors\":[]}", () -> 2,
          () -> "level 2: " + HOSTILE, "svc" + HOSTILE), "http://jaeger:16686/", 5, () -> 1_700_000_000_000L);
      page.sample();
      page.sample();

      String text = page.summaryJson();
      assertThat(text).doesNotContain("<").doesNotContain(">").doesNotContain("&");
      JsonNode summary = new ObjectMapper().readTree(text);
      assertThat(summary.get("service").asText()).isEqualTo("svc" + HOSTILE);
      assertThat(summary.get("jaegerUrl").asText()).isEqualTo("http://jaeger:16686");
      assertThat(summary.get("alerts")).hasSize(2);
      assertThat(summary.get("alerts").get(0).get("name").asText()).isEqualTo(HOSTILE);
      assertThat(summary.get("alerts").get(1).get("value").isNull()).isTrue();
      assertThat(summary.get("usage").get("commands").get(0).get("command").asText()).isEqualTo(HOSTILE);
      assertThat(summary.get("usage").get("commands").get(0).get("invalid").asInt()).isEqualTo(3);

      List<String> checks = new ArrayList<>();
      summary.get("health").forEach(check -> {
        assertThat(check.get("state").asText()).isIn("green", "amber", "red", "grey");
        assertThat(check.get("reason").asText()).isNotBlank().doesNotContain("NaN");
        checks.add(check.get("check").asText() + "=" + check.get("state").asText());
      });
      assertThat(checks).contains("heap=red", "log volume disk=amber", "drops=amber", "database pool=grey",
          "circuit breaker=red", "alert " + HOSTILE + "=red", "queue spans=grey").doesNotContain("alert Quiet=red", "alert Quiet=amber");
    }
  }

  @Test
  void thisHourIsComparedWithTheHourBeforeAndTheBufferKeepsTwoHours() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build()) {
      var requests = provider.get("test").counterBuilder("chatbot.requests").build();
      java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_700_000_000_000L);
      LivePage page = new LivePage(new LivePage.Sources(reader::collectAllMetrics, Map.of(), List.of(), Map::of,
          List::of, () -> "{}", () -> 0, () -> "closed", "svc"), "", 0, now::get);
      for (int i = 0; i < 1000; i++) { // 2 h 46 min at 10 s: the first 280 samples leave the ring
        page.sample();
        requests.add(i < 639 ? 10 : 20); // seen by the next sample: 1 request/s, then 2 for the last hour (360 samples)
        now.addAndGet(10_000);
      }
      JsonNode trends = new ObjectMapper().readTree(page.jsonViews().get("/api/trends").get());
      assertThat(trends.get("t")).hasSize(720);
      assertThat(trends.get("series").get("throughput")).hasSize(720);
      now.addAndGet(-10_000); // "now" is the last sample
      JsonNode comparison = new ObjectMapper().readTree(page.summaryJson()).get("comparison").get("throughput");
      assertThat(comparison.get("thisHour").asDouble()).isEqualTo(2.0);
      assertThat(comparison.get("previousHour").asDouble()).isEqualTo(1.0);
    }
  }

  @Test
  void thePageAndUplotComeFromTheJarWithAPolicyThatAllowsOnlyTheEndpoint() {
    var assets = LivePage.assets();
    assertThat(assets).containsKeys("/", "/ui/live.js", "/ui/live.css", "/ui/uPlot.iife.min.js", "/ui/uPlot.min.css");
    assertThat(assets.get("/").body()).contains("<script src=\"ui/live.js\"").doesNotContain("http://")
        .doesNotContain("https://").doesNotContain("<script>");
    assertThat(assets.get("/ui/uPlot.iife.min.js").body()).contains("uPlot");
    assertThat(assets.get("/ui/live.js").body()).doesNotContain("innerHTML").doesNotContain("eval(");
    assertThat(assets.get("/").headers().get("Content-Security-Policy")).contains("default-src 'none'")
        .contains("script-src 'self'").doesNotContain("unsafe");
  }
}
