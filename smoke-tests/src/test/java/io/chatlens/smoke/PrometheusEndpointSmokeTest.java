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
    });
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
}
