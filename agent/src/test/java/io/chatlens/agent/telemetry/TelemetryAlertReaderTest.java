package io.chatlens.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.agent.alerts.AlertMetricReader;
import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigLoader;
import io.chatlens.agent.redaction.Redactor;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert engine's reader sees every metric of the agent's SDK, whatever the exporters, even with the SDK disabled. */
class TelemetryAlertReaderTest {

  @TempDir
  Path dir;

  private Telemetry start(String... lines) throws Exception {
    Path file = dir.resolve("agent.properties");
    Files.writeString(file, String.join("\n", lines));
    AgentConfig config = ConfigLoader.loadFile(file, Map.of(), new Properties());
    return Telemetry.start(config, Redactor.withDefaults(), reader);
  }

  private final AlertMetricReader reader = new AlertMetricReader();

  @Test
  void theReaderIsRegisteredWithExportersOff() throws Exception {
    Telemetry telemetry = start("otel.traces.exporter=none", "otel.metrics.exporter=none", "otel.logs.exporter=none");
    telemetry.openTelemetry().getMeter("test").counterBuilder("chatbot.requests").build().add(4);

    assertThat(reader.collect()).extracting(MetricData::getName).contains("chatbot.requests");
    telemetry.shutdown(5, TimeUnit.SECONDS);
  }

  @Test
  void withTheSdkDisabledMetricsStillReachTheAlertReader() throws Exception {
    Telemetry telemetry = start("otel.sdk.disabled=true");
    telemetry.openTelemetry().getMeter("test").counterBuilder("chatbot.requests").build().add(4);
    telemetry.openTelemetry().getTracer("test").spanBuilder("span").startSpan().end();

    assertThat(reader.collect()).extracting(MetricData::getName).containsExactly("chatbot.requests");
    telemetry.shutdown(5, TimeUnit.SECONDS);
  }
}
