package io.chatlens.smoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.Http;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.Ports;
import io.chatlens.smoke.harness.RunningJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A backend that is down, refusing (503) or hanging: the chatbot never blocks, what is dropped is counted,
 * at most one warning a minute is printed, the SDK retries, and export resumes when the backend returns.
 */
class BackendDownSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Test
  void exportRetriesThroughOutagesAndResumesWhenTheBackendReturns() throws Exception {
    try (OtlpReceiver backend = new OtlpReceiver()) {
      backend.wireMock().stubFor(post(urlEqualTo("/v1/traces")).atPriority(1)
          .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));
      try (RunningJvm chatbot = DemoSmokeTest.demo().withArgsReplacedBy("--mode", "repl", "--quiet")
          .exportTo(backend).property("otel.service.name", "outage")
          // no endpoint: its port may be taken on a shared machine, and that warning is not the one counted here
          .property("chatlens.prometheus.enabled", "false").start()) {
        for (int i = 0; i < 5; i++) {
          chatbot.send("/search reset password");
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
            backend.wireMock().findAll(postRequestedFor(urlEqualTo("/v1/traces")))).as("retries").hasSizeGreaterThan(2));
        // the SDK gives up on a batch after its retries: that failure is reported, once
        await().atMost(TIMEOUT).until(() -> !exportWarnings(chatbot).isEmpty());
        int requestsAtTheWarning = traceRequests(backend);
        for (int i = 0; i < 5; i++) {
          chatbot.send("/search reset password again");
        }
        // a second batch fails through all its attempts (5 by default) within the same minute: it is not reported
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(traceRequests(backend))
            .as("a second batch retried to the end").isGreaterThanOrEqualTo(requestsAtTheWarning + 5));

        backend.wireMock().resetMappings();
        backend.stubOk();
        for (int i = 0; i < 5; i++) {
          chatbot.send("/search refund");
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(backend.wireMock().getAllServeEvents())
            .as("a span export accepted after the backend came back")
            .anySatisfy(event -> {
              assertThat(event.getRequest().getUrl()).isEqualTo("/v1/traces");
              assertThat(event.getResponse().getStatus()).isEqualTo(200);
            }));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(backend.spans()).as("turn spans exported after the outage")
            .anySatisfy(span -> assertThat(span.span().getName()).isEqualTo("ChatService.handle")));
        chatbot.closeStdin();
        assertThat(chatbot.waitForExit(TIMEOUT)).isZero();
        assertThat(chatbot.stdout()).contains("SUMMARY");
        assertThat(exportWarnings(chatbot)).as("one warning for the failed exports of the minute: " + chatbot.stderr())
            .hasSize(1);
      }
    }
  }

  /** The agent's warnings about exporting (the SDK's own, rate-limited together with the agent's summary). */
  private static List<String> exportWarnings(RunningJvm chatbot) {
    return chatbot.stderr().lines().filter(line -> line.startsWith("[chatlens] WARN") && line.contains("xport")).toList();
  }

  private static int traceRequests(OtlpReceiver backend) {
    return backend.wireMock().findAll(postRequestedFor(urlEqualTo("/v1/traces"))).size();
  }

  @Test
  void aHangingBackendNeverBlocksTheChatbotAndDropsAreCounted() throws Exception {
    try (OtlpReceiver backend = new OtlpReceiver()) {
      backend.wireMock().stubFor(post(urlEqualTo("/v1/traces")).atPriority(1)
          .willReturn(aResponse().withStatus(200).withFixedDelay(60_000)));
      int port = Ports.free();
      try (RunningJvm chatbot = DemoSmokeTest.demo().withArgsReplacedBy("--mode", "repl", "--quiet")
          .exportTo(backend).property("otel.service.name", "hanging")
          .property("otel.bsp.max.queue.size", "32").property("otel.bsp.max.export.batch.size", "16")
          .property("otel.exporter.otlp.timeout", "2s")
          .property("chatlens.prometheus.port", Integer.toString(port)).start()) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 300; i++) {
          lines.append("/search reset password ").append(i).append('\n');
        }
        chatbot.send(lines.toString().strip());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(chatbot.stdout().split("> ", -1).length - 1)
            .as("every turn answered while the backend hangs").isGreaterThanOrEqualTo(300));
        await().atMost(TIMEOUT).untilAsserted(() -> {
          assertThat(Http.get("http://127.0.0.1:" + port + "/health").body()).containsPattern("\"spans\":[1-9]\\d*");
          assertThat(Http.get("http://127.0.0.1:" + port + "/metrics").body()).containsPattern(
              "otel_sdk_processor_span_processed_total\\{[^}]*error_type=\"queue_full\"[^}]*\\} [1-9]");
        });
        chatbot.closeStdin();
        assertThat(chatbot.waitForExit(TIMEOUT)).isZero();
      }
    }
  }
}
