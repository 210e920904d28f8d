package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.RunningJvm;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The load mode behind {@code benchmarks/overhead/run.sh}, with the real agent: it measures both phases, the
 * agent's own drop counters read from its endpoint stay at zero at full speed, and the turn events stay out of the
 * OTLP log export while every turn is a span.
 */
class LoadRunSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Map<String, String> fields(String line) {
    return java.util.Arrays.stream(line.split(" ")).filter(part -> part.contains("="))
        .collect(Collectors.toMap(part -> part.substring(0, part.indexOf('=')),
            part -> part.substring(part.indexOf('=') + 1), (a, b) -> b));
  }

  @Test
  void measuresColdAndSteadyPhasesWithNothingDropped() throws Exception {
    int port = freePort();
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      List<java.nio.file.Path> classpath = new java.util.ArrayList<>(List.of(io.chatlens.smoke.harness.Paths.demoClasses()));
      classpath.addAll(io.chatlens.smoke.harness.Paths.demoDependencies());
      AgentJvm load = AgentJvm.main("com.example.chatbot.LoadRun").classpath(classpath).args("--warmup", "1s", "--turns", "1500",
              "--steady-after", "3s", "--steady-turns", "1500", "--scrape", "http://127.0.0.1:" + port + "/metrics")
          .exportTo(receiver).property("chatlens.prometheus.port", Integer.toString(port))
          .property("otel.service.name", "load");
      try (RunningJvm chatbot = load.start()) {
        assertThat(chatbot.waitForExit(TIMEOUT)).as(chatbot.describe()).isZero();
        List<String> phases = chatbot.stdout().lines().filter(line -> line.startsWith("LOAD phase=")).toList();
        assertThat(phases).hasSize(2);
        for (String phase : phases) {
          Map<String, String> values = fields(phase);
          assertThat(values.get("turns")).isEqualTo("1500");
          assertThat(Double.parseDouble(values.get("tps"))).isPositive();
          assertThat(Double.parseDouble(values.get("p99_us"))).isGreaterThanOrEqualTo(Double.parseDouble(values.get("p50_us")));
        }
        List<String> scrapes = chatbot.stdout().lines().filter(line -> line.startsWith("SCRAPE phase=")).toList();
        assertThat(scrapes).hasSize(2).allSatisfy(line -> {
          assertThat(line).contains("chatlens_log_dropped_total").doesNotContain("queue_full");
          for (String counter : line.substring(line.indexOf(' ') + 1).split(" \\| ")) {
            if (counter.startsWith("chatlens_log_dropped_total")) {
              assertThat(Double.parseDouble(counter.substring(counter.lastIndexOf('=') + 1))).as(counter).isZero();
            }
          }
        });
        assertThat(chatbot.stdout()).containsPattern("THREADS phase=cold .*chat-worker-N=\\d+");
      }
      // audit events (sessions) are exported: an empty list would mean the log export failed, not that it filtered
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.logs()).isNotEmpty());
      List<String> exported = receiver.logs().stream().map(log -> log.log().getBody().getStringValue()).toList();
      assertThat(exported).noneMatch(body -> body.startsWith("Handled message in") && body.contains("status=success"));
    }
  }
}
