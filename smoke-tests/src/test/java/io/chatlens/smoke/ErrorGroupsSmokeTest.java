package io.chatlens.smoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.Http;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.Ports;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.Spans;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chatbot ChatLens has never seen ({@code org.acme.intents}) whose users mistype commands: one throw site with 50
 * different messages is one error group, with the same fingerprint in two runs with different input; the groups are
 * listed at {@code GET /errors}, announced once in the log and the audit log, and sent to a Sentry ingest endpoint
 * (WireMock) with the fingerprint, the exception, the trace id, the tags and redacted messages. A Sentry that hangs
 * costs the chatbot nothing.
 */
class ErrorGroupsSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UNKNOWN_INTENT = "org.acme.intents.UnknownIntentException";

  private WireMockServer sentry;
  private OtlpReceiver receiver;

  @BeforeEach
  void start() {
    sentry = new WireMockServer(wireMockConfig().dynamicPort());
    sentry.start();
    sentry.stubFor(post(urlPathMatching("/api/42/envelope/?")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{}")));
    receiver = new OtlpReceiver();
  }

  @AfterEach
  void stop() {
    sentry.stop();
    receiver.close();
  }

  private String dsn() {
    return "http://publickey@127.0.0.1:" + sentry.port() + "/42";
  }

  private static AgentJvm intents(int typos, String word) {
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses()));
    classpath.addAll(Paths.demoDependencies());
    return AgentJvm.main("org.acme.intents.IntentBot").classpath(classpath)
        .agentOptions("config=" + Paths.testClasses().resolve("intents/agent.properties"))
        .args(Integer.toString(typos), word);
  }

  /** One run: the /errors JSON while the bot waits, then its log lines after it exited. */
  private record Run(JsonNode errors, List<String> log, List<String> audit, String stdout) {}

  private Run run(String word, AgentJvm jvm) throws Exception {
    int port = Ports.free();
    try (RunningJvm bot = jvm.exportTo(receiver).property("chatlens.prometheus.port", Integer.toString(port))
        .property("otel.service.name", "intents-" + word).start()) {
      bot.awaitStdout("TURNS_DONE", TIMEOUT);
      JsonNode[] errors = new JsonNode[1];
      await().atMost(TIMEOUT).untilAsserted(() -> {
        Http.Response response = Http.get("http://127.0.0.1:" + port + "/errors");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        errors[0] = JSON.readTree(response.body());
        assertThat(errors[0].get("errors")).isNotEmpty();
      });
      bot.closeStdin();
      assertThat(bot.waitForExit(TIMEOUT)).as(bot.describe()).isZero();
      assertThat(bot.stderr()).doesNotContain("[chatlens] ERROR");
      Path logs = bot.workingDirectory().resolve("logs");
      return new Run(errors[0], Files.readAllLines(logs.resolve("chatbot.log")),
          Files.readAllLines(logs.resolve("audit/chatbot-audit.log")), bot.stdout());
    }
  }

  private static List<JsonNode> groupsOfType(JsonNode errors, String type) {
    List<JsonNode> groups = new ArrayList<>();
    errors.get("errors").forEach(group -> {
      if (type.equals(group.get("type").asText())) {
        groups.add(group);
      }
    });
    return groups;
  }

  @Test
  void oneThrowSiteIsOneGroupWhateverUsersTypeAndArrivesInSentry() throws Exception {
    Run first = run("serch", intents(50, "serch").property("chatlens.sentry.dsn", dsn())
        .property("otel.resource.attributes", "deployment.environment.name=staging,service.version=2.0.1"));
    Run second = run("frobnicate", intents(50, "frobnicate"));

    assertThat(first.stdout()).contains("reported 50 failed 2");
    List<JsonNode> typos = groupsOfType(first.errors(), UNKNOWN_INTENT);
    assertThat(typos).as(first.errors().toString()).hasSize(1);
    JsonNode group = typos.get(0);
    assertThat(group.get("count").asLong()).isEqualTo(50);
    assertThat(group.get("lastFiveMinutes").asLong()).isEqualTo(50);
    assertThat(group.get("category").asText()).isEqualTo("validation");
    assertThat(group.get("userError").asBoolean()).isTrue();
    assertThat(group.get("topFrame").asText()).isEqualTo("org.acme.intents.IntentParser.parse");
    assertThat(group.get("sample").get("message").asText()).startsWith("unknown command: /serch");
    assertThat(group.get("sample").get("traceId").asText()).matches("[0-9a-f]{32}");
    String fingerprint = group.get("fingerprint").asText();

    List<JsonNode> secondTypos = groupsOfType(second.errors(), UNKNOWN_INTENT);
    assertThat(secondTypos).as("other input, another JVM: the same single group").hasSize(1);
    assertThat(secondTypos.get(0).get("fingerprint").asText()).isEqualTo(fingerprint);

    List<JsonNode> quota = groupsOfType(first.errors(), "java.lang.IllegalStateException");
    assertThat(quota).hasSize(1);
    assertThat(quota.get(0).get("count").asLong()).isEqualTo(2);
    assertThat(quota.get(0).get("sample").get("message").asText()).as("redacted sample")
        .doesNotContain("@example.com").startsWith("disk quota exceeded for");
    assertThat(first.errors().get("groups").asInt()).isEqualTo(2);

    // one "New error group" line per group, in the structured log and the audit log
    assertThat(first.log()).filteredOn(line -> line.contains("New error group " + fingerprint)).hasSize(1);
    assertThat(first.audit()).filteredOn(line -> line.contains("New error group " + fingerprint)).hasSize(1);
    assertThat(first.audit()).filteredOn(line -> line.contains("New error group ")).hasSize(2);

    // spans carry the same fingerprint
    assertThat(Spans.ofService(receiver.spans(), "intents-serch")).isNotEmpty()
        .anySatisfy(span -> assertThat(span.attribute("chatbot.error.fingerprint")).isEqualTo(fingerprint));

    // Sentry: one event per captured error (within the per-group limit of 10 a minute), carrying ChatLens's fingerprint
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sentryEvents()).hasSize(12));
    List<JsonNode> events = sentryEvents();
    List<JsonNode> typoEvents = events.stream()
        .filter(event -> fingerprint.equals(event.get("fingerprint").get(0).asText())).toList();
    assertThat(typoEvents).as("per-group limit").hasSize(10);
    JsonNode typoEvent = typoEvents.get(0);
    JsonNode exception = typoEvent.get("exception").get("values").get(0);
    assertThat(exception.get("type").asText()).isEqualTo("UnknownIntentException");
    assertThat(exception.get("module").asText()).isEqualTo("org.acme.intents");
    assertThat(exception.get("value").asText()).startsWith("unknown command: /serch");
    JsonNode frames = exception.get("stacktrace").get("frames");
    assertThat(frames).isNotEmpty();
    JsonNode top = frames.get(frames.size() - 1);
    assertThat(top.get("module").asText()).isEqualTo("org.acme.intents.IntentParser");
    assertThat(top.get("function").asText()).isEqualTo("parse");
    assertThat(top.get("in_app").asBoolean()).isTrue();
    assertThat(frames).allSatisfy(frame -> assertThat(frame.get("in_app").asBoolean())
        .isEqualTo(frame.get("module").asText().startsWith("org.acme.")));
    assertThat(typoEvent.get("tags").get("chatbot.error.category").asText()).isEqualTo("validation");
    assertThat(typoEvent.get("tags").get("chatlens.component").asText()).isEqualTo("parser");
    assertThat(typoEvent.get("tags").get("chatbot.command").asText())
        .as("the parser's bounded label for a command it rejected").isEqualTo("unknown");
    assertThat(typoEvent.get("environment").asText()).isEqualTo("staging");
    assertThat(typoEvent.get("release").asText()).isEqualTo("intents-serch@2.0.1");
    assertThat(exception.get("mechanism").get("type").asText()).isEqualTo("chatlens");
    assertThat(typoEvent.get("tags").get("session.id").asText()).startsWith("sess-");
    assertThat(typoEvent.get("user").get("id").asText()).startsWith("user");
    JsonNode trace = typoEvent.get("contexts").get("trace");
    assertThat(trace.get("trace_id").asText()).matches("[0-9a-f]{32}");
    assertThat(trace.get("span_id").asText()).matches("[0-9a-f]{16}");
    assertThat(Spans.ofService(receiver.spans(), "intents-serch"))
        .anySatisfy(span -> assertThat(java.util.HexFormat.of().formatHex(span.span().getTraceId().toByteArray()))
            .isEqualTo(trace.get("trace_id").asText()));

    JsonNode quotaEvent = events.stream()
        .filter(event -> !fingerprint.equals(event.get("fingerprint").get(0).asText())).findFirst().orElseThrow();
    assertThat(quotaEvent.get("level").asText()).isEqualTo("error");
    String quotaMessage = quotaEvent.get("exception").get("values").get(0).get("value").asText();
    assertThat(quotaMessage).startsWith("disk quota exceeded for").doesNotContain("@example.com");
    assertThat(events.toString()).doesNotContain("@example.com");
  }

  @Test
  void aHangingSentryCostsTheChatbotNothing() throws Exception {
    sentry.resetMappings();
    sentry.stubFor(post(urlPathMatching("/api/42/envelope/?")).willReturn(aResponse().withStatus(200)
        .withFixedDelay(30_000)));
    int port = Ports.free();
    try (RunningJvm bot = intents(50, "hist").exportTo(receiver).property("chatlens.sentry.dsn", dsn())
        .property("chatlens.prometheus.port", Integer.toString(port)).start()) {
      bot.awaitStdout("TURNS_DONE 1", TIMEOUT);
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sentry.findAll(postRequestedFor(
          urlPathMatching("/api/42/envelope/?")))).as("a Sentry request in flight").isNotEmpty());
      // Sentry holds that request for 30 s: another 100 turns, with 52 new errors to capture, finish meanwhile
      bot.send("again");
      bot.awaitStdout("TURNS_DONE 2", Duration.ofSeconds(20));
      bot.closeStdin();
      // the agent's shutdown gives Sentry one second, not the thirty it would hang
      assertThat(bot.waitForExit(Duration.ofSeconds(10))).as(bot.describe()).isZero();
      assertThat(bot.stdout()).contains("reported 50 failed 2").contains("reported 100 failed 3");
    }
  }

  @Test
  void aDeadSentryCostsTheChatbotNothing() throws Exception {
    String dead = "http://publickey@127.0.0.1:" + Ports.free() + "/42";
    try (RunningJvm bot = intents(50, "dead").exportTo(receiver).property("chatlens.sentry.dsn", dead).start()) {
      bot.awaitStdout("TURNS_DONE 1", TIMEOUT);
      bot.send("again");
      bot.awaitStdout("TURNS_DONE 2", Duration.ofSeconds(10));
      bot.closeStdin();
      assertThat(bot.waitForExit(Duration.ofSeconds(10))).as(bot.describe()).isZero();
      assertThat(bot.stdout()).contains("reported 100 failed 3");
      assertThat(bot.stderr()).doesNotContain("[chatlens] ERROR");
    }
  }

  @Test
  void sentrysRateLimitIsHonoured() throws Exception {
    sentry.resetMappings();
    sentry.stubFor(post(urlPathMatching("/api/42/envelope/?")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "600")));
    try (RunningJvm bot = intents(50, "limit").exportTo(receiver).property("chatlens.sentry.dsn", dsn())
        .property("chatlens.sentry.max-per-group", "1000").start()) {
      bot.awaitStdout("TURNS_DONE 1", TIMEOUT);
      // what was queued before the first 429 came back drains; then nothing more is sent
      await().atMost(TIMEOUT).until(() -> envelopeRequests() >= 1);
      int[] settled = {-1};
      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
        int now = envelopeRequests();
        boolean same = now == settled[0];
        settled[0] = now;
        return same;
      });
      bot.send("again"); // 52 more errors the export wants to send (the per-group limit is lifted)
      bot.awaitStdout("TURNS_DONE 2", TIMEOUT);
      // told to retry after 600 s, the SDK sends none of them
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
          .until(() -> envelopeRequests() == settled[0]);
      assertThat(settled[0]).as("the first batch: 52 errors at most").isBetween(1, 52);
      bot.closeStdin();
      assertThat(bot.waitForExit(Duration.ofSeconds(10))).as(bot.describe()).isZero();
    }
  }

  private int envelopeRequests() {
    return sentry.findAll(postRequestedFor(urlPathMatching("/api/42/envelope/?"))).size();
  }

  @Test
  void anInvalidDsnGivesOneClearErrorAndTheBotRuns() throws Exception {
    try (RunningJvm bot = intents(5, "x").exportTo(receiver).property("chatlens.sentry.dsn", "https://sentry.example.com/")
        .start()) {
      bot.awaitStdout("TURNS_DONE", TIMEOUT);
      bot.closeStdin();
      assertThat(bot.waitForExit(TIMEOUT)).isZero();
      List<String> errors = bot.stderr().lines().filter(line -> line.startsWith("[chatlens] ERROR")).toList();
      assertThat(errors).hasSize(1);
      assertThat(errors.get(0)).contains("chatlens.sentry.dsn").contains("https://sentry.example.com/")
          .contains("allowed");
    }
  }

  /** The event payloads of every envelope Sentry received. */
  private List<JsonNode> sentryEvents() throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (LoggedRequest request : sentry.findAll(postRequestedFor(urlPathMatching("/api/42/envelope/?")))) {
      byte[] body = request.getBody();
      if (body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
        body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
      }
      String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
      for (int i = 1; i + 1 < lines.length; i += 2) {
        JsonNode itemHeader = JSON.readTree(lines[i]);
        if ("event".equals(itemHeader.path("type").asText())) {
          events.add(JSON.readTree(lines[i + 1]));
        }
      }
    }
    return events;
  }
}
