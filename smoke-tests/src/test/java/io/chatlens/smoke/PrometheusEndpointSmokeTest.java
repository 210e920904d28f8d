package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.Http;
import io.chatlens.smoke.harness.Ports;
import io.chatlens.smoke.harness.PrometheusServer;
import io.chatlens.smoke.harness.RunningJvm;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus endpoint with no telemetry backend at all: the seed's metric names and every real-time
 * metric the seed asks for, the /health report, and a real Prometheus 2.42 (Debian) scraping it.
 */
class PrometheusEndpointSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static RunningJvm chatbot;
  private static int port;

  @BeforeAll
  static void startChatbot() throws Exception {
    port = Ports.free();
    chatbot = DemoSmokeTest.demo().withArgsReplacedBy("--mode", "repl", "--quiet")
        .exportNowhere().property("otel.bsp.schedule.delay", "200ms")
        .property("chatlens.prometheus.port", Integer.toString(port))
        .property("otel.service.name", "prometheus-probe").start();
    for (String line : new String[] {"/search reset password", "how do I get a refund?", "/frobnicate",
        "/admin crash", "/history", "/faq 2"}) {
      chatbot.send(line);
    }
    await().atMost(TIMEOUT).until(() -> Http.get(metricsUrl()).body().contains("chatbot_requests_total{endpoint=\"/chat\",status=\"error\"} 1"));
  }

  @AfterAll
  static void stopChatbot() {
    chatbot.close();
  }

  private static String metricsUrl() {
    return "http://127.0.0.1:" + port + "/metrics";
  }

  @Test
  void exposesTheSeedNamesAndTheRealTimeMetrics() {
    Http.Response response = Http.get(metricsUrl());
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .contains("# TYPE chatbot_requests_total counter")
        .contains("chatbot_requests_total{endpoint=\"/chat\",status=\"success\"}")
        .contains("chatbot_requests_total{endpoint=\"/chat\",status=\"invalid\"} 1")
        .contains("# TYPE chatbot_response_time_seconds histogram")
        .contains("chatbot_response_time_seconds_bucket{endpoint=\"/chat\",le=\"+Inf\"} 6")
        .contains("chatbot_active_sessions 1")
        .contains("chatbot_errors_total{category=\"database\"")
        .contains("chatbot_commands_in_flight 0")
        .contains("chatbot_executor_queue_depth{executor_name=")
        .contains("db_client_connection_count{db_client_connection_pool_name=\"chatbot-pool\",db_client_connection_state=\"idle\"}")
        .contains("db_client_connection_max{db_client_connection_pool_name=\"chatbot-pool\"} 4")
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_cpu_recent_utilization_ratio")
        .contains("jvm_system_cpu_utilization_ratio")
        .contains("jvm_thread_count")
        .contains("system_filesystem_utilization_ratio{")
        .contains("system_filesystem_usage_bytes{")
        .contains("chatlens_exporter_failures_total{signal=\"traces\"}")
        .contains("chatbot_commands_total{command=\"unknown\",status=\"invalid\"} 1")
        .contains("chatbot_commands_total{command=\"/search\",status=\"valid\"} 1")
        .contains("chatbot_user_errors_total{category=\"validation\"} 1")
        .contains("chatbot_search_requests_total{outcome=\"results\"}")
        .contains("chatbot_search_results_count")
        .contains("chatbot_interactions_total 6");
    assertThat(response.body()).containsPattern("target_info\\{[^}]*host_name=\"[^\"]+\"[^}]*process_pid=\"\\d+\"[^}]*"
        + "service_instance_id=\"[^\"]+\"[^}]*service_name=\"prometheus-probe\"[^}]*telemetry_distro_name=\"chatlens\"");
  }

  @Test
  void healthReportsExportersDropsAndAlerts() {
    await().atMost(TIMEOUT).untilAsserted(() -> {
      Http.Response health = Http.get("http://127.0.0.1:" + port + "/health");
      assertThat(health.body()).contains("\"status\":\"DEGRADED\"").contains("\"traces\":{\"state\":\"failing\"")
          .contains("\"dropped\":{").contains("\"alerts\":[");
      assertThat(health.status()).isEqualTo(503);
      Http.Response ready = Http.get("http://127.0.0.1:" + port + "/health/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body()).contains("\"status\":\"DEGRADED\"");
    });
    Http.Response live = Http.get("http://127.0.0.1:" + port + "/health/live");
    assertThat(live.status()).as("a dead backend never fails liveness").isEqualTo(200);
    assertThat(live.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void aRealPrometheusScrapesTheEndpoint() throws Exception {
    try (PrometheusServer prometheus = PrometheusServer.scraping("127.0.0.1:" + port)) {
      await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() ->
          assertThat(prometheus.query("up{job=\"chatbot\"}")).contains("\"value\":[").contains(",\"1\"]"));
      await().atMost(TIMEOUT).untilAsserted(() ->
          assertThat(prometheus.query("sum(chatbot_requests_total)")).contains("\"value\":[").contains(",\"6\"]"));
      assertThat(prometheus.query("histogram_quantile(0.95, sum by (le) (chatbot_response_time_seconds_bucket))"))
          .contains("\"status\":\"success\"").contains("\"value\":[");
      assertThat(prometheus.targets()).contains("\"health\":\"up\"").doesNotContainPattern("\"lastError\":\"[^\"]");
    }
  }

  @Test
  void theEndpointBindsTheConfiguredHostAndCanBeTurnedOff() throws Exception {
    int boundPort = Ports.free();
    try (RunningJvm bound = DemoSmokeTest.demo().withArgsReplacedBy("--mode", "repl", "--quiet").exportNowhere()
        .property("chatlens.prometheus.host", "127.0.0.2").property("chatlens.prometheus.port", Integer.toString(boundPort))
        .start()) {
      bound.send("/search reset password");
      await().atMost(TIMEOUT).untilAsserted(() ->
          assertThat(Http.get("http://127.0.0.2:" + boundPort + "/metrics").body()).contains("chatbot_requests_total"));
      assertThat(Http.get("http://127.0.0.1:" + boundPort + "/metrics").status()).as("not bound to 127.0.0.1").isEqualTo(-1);
      bound.closeStdin();
      assertThat(bound.waitForExit(TIMEOUT)).isZero();
    }
    int offPort = Ports.free();
    try (RunningJvm off = DemoSmokeTest.demo().withArgsReplacedBy("--mode", "repl", "--quiet").exportNowhere()
        .property("chatlens.prometheus.enabled", "false").property("chatlens.prometheus.port", Integer.toString(offPort))
        .start()) {
      off.send("/search reset password");
      off.awaitStderr("[chatlens] ChatLens", TIMEOUT);
      // the turn was answered, so the agent is initialised (a woven class waits for it)
      await().atMost(TIMEOUT).until(() -> off.stdout().split("> ", -1).length > 2);
      assertThat(Http.get("http://127.0.0.1:" + offPort + "/metrics").status()).as("no endpoint").isEqualTo(-1);
      off.closeStdin();
      assertThat(off.waitForExit(TIMEOUT)).isZero();
      assertThat(off.stdout()).contains("SUMMARY");
      assertThat(off.stderr()).doesNotContain("prometheus http://");
    }
  }
}
