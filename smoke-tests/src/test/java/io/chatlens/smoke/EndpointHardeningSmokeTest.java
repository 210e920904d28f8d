package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentCli;
import io.chatlens.smoke.harness.Http;
import io.chatlens.smoke.harness.Ports;
import io.chatlens.smoke.harness.RunningJvm;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint under a slow client, with a token, and its liveness apart from its readiness, through the real agent
 * jar: the chatbot runs with a dead OTLP endpoint and {@code chatlens.prometheus.auth-token=${env:...}}.
 */
class EndpointHardeningSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String TOKEN = "t0ken-" + Long.toHexString(System.nanoTime());
  /** The endpoint's defaults: 2 workers, 64 connections. */
  private static final int WORKERS = 2;
  private static final int MAX_CONNECTIONS = 64;
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static RunningJvm chatbot;
  private static int port;
  private final List<Socket> slowClients = new ArrayList<>();

  @TempDir
  Path dir;

  @BeforeAll
  static void startChatbot() throws Exception {
    port = Ports.free();
    chatbot = DemoSmokeTest.demo().withArgsReplacedBy("--mode", "repl", "--quiet")
        .exportNowhere().property("otel.bsp.schedule.delay", "200ms")
        .env("ENDPOINT_TOKEN", TOKEN)
        .property("chatlens.prometheus.auth-token", "${env:ENDPOINT_TOKEN}")
        .property("chatlens.prometheus.port", Integer.toString(port))
        .property("otel.service.name", "endpoint-probe").start();
    chatbot.send("/search reset password");
    await().atMost(TIMEOUT).ignoreExceptions().until(() -> get("/metrics", TOKEN).statusCode() == 200);
  }

  @AfterAll
  static void stopChatbot() {
    chatbot.close();
  }

  @AfterEach
  void closeSlowClients() {
    for (Socket socket : slowClients) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  @Test
  void slowClientsThatNeverFinishTheirRequestDoNotStallTheEndpoint() throws Exception {
    // more half-sent requests than the endpoint has workers, and than it keeps connections
    for (int i = 0; i < MAX_CONNECTIONS + WORKERS + 1; i++) {
      Socket slow = new Socket();
      slowClients.add(slow);
      slow.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      slow.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthor")
          .getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
    }
    for (int round = 0; round < 3; round++) {
      HttpResponse<String> metrics = get("/metrics", TOKEN);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("chatbot_requests_total");
      assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
    assertThat(get("/", null).statusCode()).as("the live page's files hold no data").isEqualTo(200);
    }
    // the slow ones are closed once their head is overdue (5 s)
    Socket first = slowClients.get(slowClients.size() - 1);
    first.setSoTimeout(15_000);
    String answer = readToEnd(first.getInputStream());
    assertThat(answer).startsWith("HTTP/1.1 408 ");
    await().atMost(TIMEOUT).untilAsserted(() -> {
      String body = get("/metrics", TOKEN).body();
      assertThat(counter(body, "evicted")).isGreaterThanOrEqualTo(WORKERS + 1);
      assertThat(counter(body, "head_timeout")).isPositive();
    });
  }

  @Test
  void livenessStaysUpWhileReadinessReportsTheDeadBackend() {
    await().atMost(TIMEOUT).untilAsserted(() -> {
      HttpResponse<String> ready = get("/health/ready", TOKEN);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("\"status\":\"DEGRADED\"").contains("\"traces\":{\"state\":\"failing\"");
      HttpResponse<String> legacy = get("/health", TOKEN);
      assertThat(legacy.statusCode()).isEqualTo(503);
      assertThat(legacy.body()).contains("\"status\":\"DEGRADED\"");
    });
    HttpResponse<String> bareReady = get("/health/ready", null);
    assertThat(bareReady.statusCode()).as("a probe without the token gets the code").isEqualTo(503);
    assertThat(bareReady.body()).as("and the status only").isEqualTo("{\"status\":\"DEGRADED\"}");
    HttpResponse<String> live = get("/health/live", null);
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(live.body()).startsWith("{\"status\":\"UP\",\"agent\":{\"name\":\"chatlens\"").doesNotContain("exporters");
  }

  @Test
  void theTokenGuardsEveryPathButLivenessAndTheBareReadiness() {
    HttpResponse<String> bareReady = get("/health/ready", null);
    assertThat(bareReady.statusCode()).as("/health/ready without a token: its code").isIn(200, 503);
    assertThat(bareReady.body()).as("/health/ready without a token: no details")
        .matches("\\{\"status\":\"(UP|DEGRADED)\"\\}");
    for (String path : List.of("/metrics", "/health", "/errors", "/api/summary", "/api/trends",
        "/api/errors", "/api/slow-turns")) {
      HttpResponse<String> none = get(path, null);
      assertThat(none.statusCode()).as(path + " without a token").isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
      assertThat(get(path, "wrong-" + TOKEN).statusCode()).as(path + " with a wrong token").isEqualTo(401);
      assertThat(get(path, TOKEN).statusCode()).as(path + " with the token").isIn(200, 503);
    }
    assertThat(get("/metrics", TOKEN).headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(get("/errors", TOKEN).statusCode()).isEqualTo(200);
    assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
    assertThat(Http.get("http://127.0.0.1:" + port + "/metrics").status()).isEqualTo(401);
    assertThat(chatbot.stderr()).as("bound to loopback: no warning").doesNotContain("beyond loopback")
        .doesNotContain(TOKEN);
  }

  @Test
  void bindingBeyondLoopbackWithoutATokenWarnsOnce() throws Exception {
    int open = Ports.free();
    try (RunningJvm exposed = DemoSmokeTest.demo().withArgsReplacedBy("--mode", "repl", "--quiet").exportNowhere()
        .property("chatlens.prometheus.host", "0.0.0.0").property("chatlens.prometheus.port", Integer.toString(open))
        .start()) {
      exposed.send("/search reset password");
      await().atMost(TIMEOUT).until(() -> Http.get("http://127.0.0.1:" + open + "/metrics").status() == 200);
      exposed.awaitStderr("beyond loopback, with no token", TIMEOUT);
      assertThat(exposed.stderr().split("beyond loopback", -1)).hasSize(2);
      assertThat(exposed.stderr()).contains("chatlens.prometheus.auth-token");
      exposed.closeStdin();
      assertThat(exposed.waitForExit(TIMEOUT)).isZero();
    }
  }

  @Test
  void theTokenIsMaskedWhenTheConfigurationIsPrinted() throws Exception {
    Path config = dir.resolve("agent.properties");
    Files.writeString(config, "chatlens.prometheus.auth-token=plain-" + TOKEN + "\n");
    AgentCli.Result result = AgentCli.run(dir, "config", "--print", config.toString());
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("chatlens.prometheus.auth-token=").doesNotContain(TOKEN);
  }

  private static long counter(String exposition, String reason) {
    Matcher matcher = Pattern.compile("chatlens_endpoint_rejected_total\\{[^}]*reason=\"" + reason + "\"[^}]*\\} (\\d+)")
        .matcher(exposition);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
  }

  /** A GET that must be answered within two seconds, with a bearer token when one is given. */
  private static HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(2)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException failed) {
      throw new AssertionError("GET " + path + " not answered within 2 s: " + failed, failed);
    }
  }

  private static String readToEnd(InputStream in) throws IOException {
    StringBuilder out = new StringBuilder();
    byte[] buffer = new byte[4096];
    try {
      for (int read; (read = in.read(buffer)) >= 0; ) {
        out.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
      }
    } catch (java.net.SocketException reset) {
      // closed by the endpoint: keep what came
    }
    return out.toString();
  }
}
