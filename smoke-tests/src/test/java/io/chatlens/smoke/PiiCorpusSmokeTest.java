package io.chatlens.smoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.Http;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.Ports;
import io.chatlens.smoke.harness.RunningJvm;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of secrets and personal data typed by users ({@code pii-corpus.txt}: e-mails plain, encoded and
 * obfuscated, cards with odd separators, passphrases, passwords in URLs, SSNs, IBANs, phone numbers, JWTs, cloud
 * and provider keys, a private key...) goes, with message and search-query capture on, through a chatbot under
 * the real agent as user messages, search queries, command names (the parser returns what the user typed), typed
 * {@code /commands}, exception messages and application log lines; an alert rule whose label keys, label values
 * and summary hold secrets fires. No secret substring appears in any output: OTLP spans (attributes, events,
 * names), OTLP logs and metrics, the log files, {@code /metrics}, {@code /errors}, the alert webhook's bodies, the
 * alert e-mails (subject, headers and text, received by GreenMail), the Sentry events, the agent's own diagnostics. Each channel is first shown to have carried redacted data, so a
 * channel that captured nothing fails the test. Innocent messages are recorded unchanged, and the command label
 * is bounded ({@code other} beyond chatlens.metrics.max-label-values, counted).
 */
class PiiCorpusSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String REDACTED = "[REDACTED";
  /** Secrets that only the alert rule holds. */
  private static final List<String> RULE_SECRETS = List.of("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "AKIAIOSFODNN7EXAMPLE",
      "oncall.lead@example.com", "7946 0958");

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir
  Path directory;

  private WireMockServer hooks;

  @BeforeEach
  void startHooks() {
    hooks = new WireMockServer(wireMockConfig().dynamicPort());
    hooks.start();
    hooks.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    hooks.stubFor(post(urlPathMatching("/api/42/envelope/?")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{}")));
  }

  @AfterEach
  void stopHooks() {
    hooks.stop();
  }

  private record Corpus(List<String> messages, List<String> secrets, List<String> innocent) {}

  private static Corpus corpus() throws Exception {
    List<String> messages = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    List<String> innocent = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.testClasses().resolve("pii-corpus.txt"), StandardCharsets.UTF_8)) {
      if (line.startsWith("LEAK ")) {
        String[] parts = line.substring(5).split(" \\|\\|\\| ");
        assertThat(parts.length).as(line).isGreaterThan(1);
        messages.add(parts[0]);
        secrets.addAll(List.of(parts).subList(1, parts.length));
      } else if (line.startsWith("PASS ")) {
        messages.add(line.substring(5));
        innocent.add(line.substring(5));
      }
    }
    assertThat(messages).hasSizeGreaterThanOrEqualTo(36);
    return new Corpus(messages, secrets, innocent);
  }

  @Test
  void noSecretOfTheCorpusReachesAnyOutput() throws Exception {
    Corpus corpus = corpus();
    Path messages = directory.resolve("messages.txt");
    Files.write(messages, corpus.messages(), StandardCharsets.UTF_8);
    Path rules = directory.resolve("alerts.yaml");
    Files.writeString(rules, """
        rules:
          - name: CustomerDataErrors
            severity: critical
            signal: error_rate
            window: 5s
            above: 0.001
            summary: "Error rate {{value}}: page oncall.lead@example.com or call +44 20 7946 0958"
            description: "Messages of {{service}} fail"
            labels:
              sk_live_4eC39HqLyjWDarjtT1zdp7dc: "owner"
              team: "AKIAIOSFODNN7EXAMPLE"
        """);
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses()));
    classpath.addAll(Paths.demoDependencies());
    int port = Ports.free();
    Map<String, String> outputs = new LinkedHashMap<>();
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm bot = AgentJvm.main("org.acme.pii.PiiBot").classpath(classpath).workingDirectory(directory)
            .agentOptions("config=" + Paths.testClasses().resolve("pii/agent.properties"))
            .exportTo(receiver)
            .property("chatlens.prometheus.port", Integer.toString(port))
            .property("chatlens.metrics.max-label-values", "20")
            .property("chatlens.sentry.dsn", "http://publickey@127.0.0.1:" + hooks.port() + "/42")
            .property("chatlens.alerts.file", rules.toString())
            .property("chatlens.alerts.interval", "200ms")
            .property("chatlens.alerts.webhook.url", hooks.baseUrl() + "/hook")
            .property("chatlens.alerts.email.smtp-host", "127.0.0.1")
            .property("chatlens.alerts.email.smtp-port", Integer.toString(mail.getSmtp().getPort()))
            .property("chatlens.alerts.email.tls", "none")
            .property("chatlens.alerts.email.from", "ChatLens <chatlens@example.org>")
            .property("chatlens.alerts.email.to", "oncall@example.org")
            .args(messages.toString()).start()) {
      bot.awaitStdout("TURNS_DONE", TIMEOUT);
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(webhookBodies()).isNotEmpty()
          .anySatisfy(body -> assertThat(body).contains("\"status\":\"firing\"")));
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alertMails()).isNotEmpty()
          .anySatisfy(text -> assertThat(text).contains("[FIRING]")));
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sentryBodies()).hasSizeGreaterThanOrEqualTo(20));
      String prometheus = Http.get("http://127.0.0.1:" + port + "/metrics").body();
      String errors = Http.get("http://127.0.0.1:" + port + "/errors").body();
      bot.closeStdin();
      assertThat(bot.waitForExit(TIMEOUT)).as(bot.describe()).isZero();
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.logs()).isNotEmpty());

      // the innocent messages are recorded exactly as typed
      List<String> captured = receiver.spans().stream().filter(span -> span.span().getName().equals("Router.route"))
          .map(span -> span.attribute("chatbot.message")).toList();
      assertThat(captured).as("captured messages").hasSizeGreaterThanOrEqualTo(corpus.messages().size());
      assertThat(captured).containsAll(corpus.innocent());

      // the command label is bounded
      assertThat(prometheus).contains("command=\"other\"").containsPattern("chatlens_metrics_label_overflow_total\\S* [1-9]");

      outputs.put("OTLP traces", join(receiver.bodies("/v1/traces")));
      outputs.put("OTLP logs", join(receiver.bodies("/v1/logs")));
      outputs.put("OTLP metrics", join(receiver.bodies("/v1/metrics")));
      outputs.put("/metrics", prometheus);
      outputs.put("/errors", errors);
      outputs.put("alert webhook", String.join("\n", webhookBodies()));
      outputs.put("alert e-mails", String.join("\n", alertMails()));
      outputs.put("Sentry events", String.join("\n", sentryBodies()));
      outputs.put("log files", logFiles(directory.resolve("logs")));
      outputs.put("agent diagnostics (stderr)", bot.stderr());
    }

    for (Map.Entry<String, String> output : outputs.entrySet()) {
      if (!output.getKey().startsWith("agent diagnostics")) {
        assertThat(output.getValue()).as(output.getKey() + " carried redacted data").contains(REDACTED);
      }
    }
    assertThat(outputs.get("OTLP traces")).as("span attributes, events and names")
        .contains("chatbot.message", "exception.message", "Router.route");
    assertThat(outputs.get("alert webhook")).contains("CustomerDataErrors", "[REDACTED:token]");
    assertThat(outputs.get("alert e-mails")).contains("CustomerDataErrors", "[REDACTED:token]", "[REDACTED:email]");
    assertThat(outputs.get("OTLP logs")).as("the application's own log lines").contains("received message");
    assertThat(outputs.get("log files")).contains("Error in Store.save");

    List<String> secrets = new ArrayList<>(corpus.secrets());
    secrets.addAll(RULE_SECRETS);
    for (String secret : secrets) {
      for (Map.Entry<String, String> output : outputs.entrySet()) {
        assertThat(output.getValue()).as(output.getKey() + " must not contain " + secret).doesNotContain(secret);
      }
    }
  }

  private List<String> webhookBodies() {
    return hooks.findAll(postRequestedFor(urlEqualTo("/hook"))).stream().map(LoggedRequest::getBodyAsString).toList();
  }

  /** Each alert e-mail as the decoded subject, the whole message as sent (headers, encoded body) and its text. */
  private static List<String> alertMails() throws Exception {
    List<String> texts = new ArrayList<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      String subject = message.getSubject();
      if (subject != null && subject.startsWith("[chatlens]")) {
        Object content = message.getContent();
        texts.add(subject + "\n" + GreenMailUtil.getWholeMessage(message) + "\n"
            + (content instanceof String text ? text : GreenMailUtil.getBody(message)));
      }
    }
    return texts;
  }

  private List<String> sentryBodies() throws Exception {
    List<String> bodies = new ArrayList<>();
    for (LoggedRequest request : hooks.findAll(postRequestedFor(urlPathMatching("/api/42/envelope/?")))) {
      byte[] body = request.getBody();
      if (body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
        body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
      }
      bodies.add(new String(body, StandardCharsets.UTF_8));
    }
    return bodies;
  }

  private static String join(List<byte[]> bodies) {
    StringBuilder text = new StringBuilder();
    for (byte[] body : bodies) {
      text.append(new String(body, StandardCharsets.UTF_8)).append('\n');
    }
    return text.toString();
  }

  private static String logFiles(Path logs) throws Exception {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(logs)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        text.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
      }
    }
    assertThat(text).as("log files").isNotEmpty();
    return text.toString();
  }
}
