package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.RunningJvm;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code otel.traces.sampler} is honoured; whatever it drops, errors stay visible in metrics and logs,
 * because ChatLens records those independently of the sampling decision.
 */
class SamplingSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Test
  void errorsStayVisibleInMetricsAndLogsWhenNoTraceIsSampled() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      try (RunningJvm chatbot = DemoSmokeTest.demo().exportTo(receiver).property("otel.service.name", "unsampled")
          .property("otel.traces.sampler", "always_off").start()) {
        assertThat(chatbot.waitForExit(TIMEOUT)).as(chatbot.describe()).isZero();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.metrics())
            .anySatisfy(metric -> assertThat(metric.metric().getName()).isEqualTo("chatbot.errors")));
        assertThat(receiver.spans()).isEmpty();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.logs())
            .as("no span carries what the INFO turn events say, so they are exported as log records")
            .anySatisfy(log -> assertThat(log.log().getBody().getStringValue())
                .startsWith("Handled message in").contains("status=success")));
        assertThat(Files.readString(chatbot.workingDirectory().resolve("logs/chatbot.log")))
            .contains("[ERROR] [jdbc] [execute_query] Database query failed")
            .contains("status=error");
      }
    }
  }
}
