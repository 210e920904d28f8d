package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.GrpcOtlpReceiver;
import io.chatlens.smoke.harness.RunningJvm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** OTLP over gRPC ({@code otel.exporter.otlp.protocol=grpc}): spans, metrics and logs all arrive. */
class GrpcExportSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Test
  void exportsEverySignalOverGrpc() throws Exception {
    try (GrpcOtlpReceiver receiver = new GrpcOtlpReceiver()) {
      try (RunningJvm chatbot = DemoSmokeTest.demo()
          .property("otel.exporter.otlp.endpoint", receiver.endpoint())
          .property("otel.exporter.otlp.protocol", "grpc")
          .property("otel.bsp.schedule.delay", "100ms").property("otel.blrp.schedule.delay", "100ms")
          .property("otel.metric.export.interval", "500ms").start()) {
        assertThat(chatbot.waitForExit(TIMEOUT)).as(chatbot.describe()).isZero();
        assertThat(chatbot.stderr()).contains("traces otlp grpc " + receiver.endpoint()).doesNotContain("[chatlens] ERROR");
      }
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(receiver.spanNames()).contains("ChatService.handle", "SELECT faq");
        assertThat(receiver.metricNames()).contains("chatbot.requests", "chatbot.response_time");
        assertThat(receiver.logRecordCount()).isPositive();
      });
    }
  }
}
