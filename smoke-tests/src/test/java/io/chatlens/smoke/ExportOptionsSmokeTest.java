package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.RunningJvm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The standard otel.exporter.otlp.* keys reach the OTLP exporter: per-signal endpoint, headers, compression. */
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
}
