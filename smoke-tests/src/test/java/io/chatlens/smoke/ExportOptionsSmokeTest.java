package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.Http;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.Ports;
import io.chatlens.smoke.harness.RunningJvm;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The standard otel.exporter.otlp.* keys reach the OTLP exporter: per-signal endpoint, headers, compression,
 * TLS with a trusted certificate (otel.exporter.otlp.certificate);
 * otel.metrics.exemplar.filter is off by default and trace_based links metric points to the turn's trace.
 */
class ExportOptionsSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Test
  void compressionHeadersAndPerSignalEndpointsAreHonoured() throws Exception {
    try (OtlpReceiver traces = new OtlpReceiver(); OtlpReceiver rest = new OtlpReceiver()) {
      try (RunningJvm chatbot = DemoSmokeTest.demo().exportTo(rest)
          .property("otel.exporter.otlp.traces.endpoint", traces.endpoint() + "/v1/traces")
          .property("otel.exporter.otlp.compression", "gzip")
          .property("otel.exporter.otlp.headers", "x-tenant=acme,x-team=chat")
          .property("otel.service.name", "export-options").start()) {
        assertThat(chatbot.waitForExit(TIMEOUT)).as(chatbot.describe()).isZero();
        // the startup banner: version, config file, service, every exporter with its endpoint, the scopes
        assertThat(chatbot.stderr()).containsPattern("\\[chatlens\\] ChatLens \\d+\\.\\d+\\.\\d+ started \\| config [^|]+ "
            + "\\| service export-options \\| exporters traces otlp http/protobuf "
            + java.util.regex.Pattern.quote(traces.endpoint() + "/v1/traces") + ", metrics otlp http/protobuf "
            + java.util.regex.Pattern.quote(rest.endpoint() + "/v1/metrics") + ", logs otlp http/protobuf "
            + java.util.regex.Pattern.quote(rest.endpoint() + "/v1/logs") + "(, prometheus http://[^ ]+/metrics)? "
            + "\\| scopes turn=[^|]*session=[^|]*parser=[^|]*search=[^|]*database=[^|]*errors=[^|]*jdbc");
      }
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(traces.spans()).anySatisfy(span -> assertThat(span.span().getName()).isEqualTo("ChatService.handle"));
        assertThat(rest.spans()).isEmpty();
        assertThat(rest.metrics()).isNotEmpty();
        assertThat(traces.wireMock().getAllServeEvents()).allSatisfy(event -> {
          assertThat(event.getRequest().getHeader("Content-Encoding")).isEqualTo("gzip");
          assertThat(event.getRequest().getHeader("x-tenant")).isEqualTo("acme");
          assertThat(event.getRequest().getHeader("x-team")).isEqualTo("chat");
        });
      });
    }
  }

  @Test
  void selfMetricsAndHealthReportSuccessfulExports() throws Exception {
    int port = Ports.free();
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm chatbot = DemoSmokeTest.demo().withArgsReplacedBy("--mode", "repl", "--quiet").exportTo(receiver)
            .property("otel.bsp.schedule.delay", "200ms").property("otel.blrp.schedule.delay", "200ms")
            .property("otel.metric.export.interval", "500ms")
            .property("chatlens.prometheus.port", Integer.toString(port))
            .property("otel.service.name", "self-metrics").start()) {
      chatbot.send("/search reset password");
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(receiver.spans()).isNotEmpty();
        String metrics = Http.get("http://127.0.0.1:" + port + "/metrics").body();
        assertThat(metrics).containsPattern("chatlens_exporter_exported_total\\{[^}]*signal=\"traces\"[^}]*\\} [1-9]")
            .containsPattern("chatlens_exporter_exported_total\\{[^}]*signal=\"metrics\"[^}]*\\} [1-9]")
            .containsPattern("chatlens_exporter_exported_total\\{[^}]*signal=\"logs\"[^}]*\\} [1-9]")
            .containsPattern("chatlens_exporter_failures_total\\{[^}]*signal=\"traces\"[^}]*\\} 0")
            .containsPattern("chatlens_log_dropped_total\\{[^}]*priority=\"high\"[^}]*\\} 0")
            .containsPattern("chatlens_queue_size\\{[^}]*queue=\"log_events\"[^}]*\\} \\d");
        Http.Response health = Http.get("http://127.0.0.1:" + port + "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"")
            .containsPattern("\"traces\":\\{\"state\":\"ok\",\"exported\":[1-9]\\d*,\"failed\":0,"
                + "\"lastSuccess\":\"20\\d\\d-\\d\\d-\\d\\dT[^\"]+Z\"");
      });
      chatbot.closeStdin();
      assertThat(chatbot.waitForExit(TIMEOUT)).isZero();
    }
  }

  @Test
  void tlsExportTrustsTheCertificateNamedByTheStandardKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path keyStore = dir.resolve("otlp.p12");
    java.nio.file.Path certificate = dir.resolve("otlp.pem");
    keytool("-genkeypair", "-alias", "otlp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit");
    keytool("-exportcert", "-rfc", "-alias", "otlp", "-keystore", keyStore.toString(), "-storepass", "changeit",
        "-file", certificate.toString());
    try (OtlpReceiver receiver = OtlpReceiver.https(keyStore, "changeit")) {
      // Not trusted: the handshake fails, nothing is received, and the chatbot is unaffected.
      try (RunningJvm chatbot = DemoSmokeTest.demo().property("otel.exporter.otlp.endpoint", receiver.httpsEndpoint())
          .property("otel.service.name", "tls-untrusted").start()) {
        assertThat(chatbot.waitForExit(TIMEOUT)).as(chatbot.describe()).isZero();
        assertThat(chatbot.stdout()).contains("SUMMARY");
      }
      assertThat(receiver.wireMock().getAllServeEvents()).as("no request gets through an untrusted handshake").isEmpty();

      try (RunningJvm chatbot = DemoSmokeTest.demo().property("otel.exporter.otlp.endpoint", receiver.httpsEndpoint())
          .property("otel.exporter.otlp.certificate", certificate.toString())
          .property("otel.service.name", "tls").start()) {
        assertThat(chatbot.waitForExit(TIMEOUT)).as(chatbot.describe()).isZero();
      }
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(receiver.spans()).anySatisfy(span -> {
          assertThat(span.span().getName()).isEqualTo("ChatService.handle");
          assertThat(span.resourceAttribute("service.name")).isEqualTo("tls");
        });
        assertThat(receiver.metrics()).isNotEmpty();
        assertThat(receiver.wireMock().getAllServeEvents())
            .allSatisfy(event -> assertThat(event.getRequest().getAbsoluteUrl()).startsWith("https://"));
      });
    }
  }

  private static void keytool(String... args) {
    List<String> command = new java.util.ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    io.chatlens.smoke.harness.Processes.succeed(command, Duration.ofMinutes(1));
  }

  @Test
  void exemplarsAreOffByDefaultAndTraceBasedWhenAskedFor() throws Exception {
    assertThat(exemplarsOfResponseTime(null)).isEmpty();
    assertThat(exemplarsOfResponseTime("trace_based")).isNotEmpty()
        .allSatisfy(traceId -> assertThat(traceId).hasSize(32).isNotEqualTo("0".repeat(32)));
  }

  private static List<String> exemplarsOfResponseTime(String filter) throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      var demo = DemoSmokeTest.demo().exportTo(receiver).property("otel.service.name", "exemplars");
      if (filter != null) {
        demo.property("otel.metrics.exemplar.filter", filter);
      }
      try (RunningJvm chatbot = demo.start()) {
        assertThat(chatbot.waitForExit(TIMEOUT)).as(chatbot.describe()).isZero();
      }
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(responseTime(receiver)).isNotEmpty());
      return responseTime(receiver).stream()
          .flatMap(metric -> metric.getHistogram().getDataPointsList().stream())
          .flatMap(point -> point.getExemplarsList().stream())
          .map(exemplar -> toHex(exemplar.getTraceId().toByteArray()))
          .toList();
    }
  }

  private static List<Metric> responseTime(OtlpReceiver receiver) {
    return receiver.metrics().stream().map(OtlpReceiver.ReceivedMetric::metric)
        .filter(metric -> metric.getName().equals("chatbot.response_time")).toList();
  }

  private static String toHex(byte[] bytes) {
    StringBuilder hex = new StringBuilder();
    for (byte b : bytes) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }
}
