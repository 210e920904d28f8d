package io.chatlens.smoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo chatbot with no telemetry backend at all: the agent evaluates its alert rules itself and the
 * demo's one failing turn ({@code /admin crash}) fires HighErrorRate, announced in the structured log, by
 * webhook and by e-mail, with the rule's sensitive text redacted everywhere.
 */
class AlertsSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String OWNER = "ops-lead@example.com";

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir
  Path directory;

  private WireMockServer webhook;

  @BeforeEach
  void startWebhook() {
    webhook = new WireMockServer(wireMockConfig().dynamicPort());
    webhook.start();
    webhook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
  }

  @AfterEach
  void stopWebhook() {
    webhook.stop();
  }

  @Test
  void aFailingTurnFiresTheErrorRateAlertWithoutAnyBackend() throws Exception {
    Path rules = directory.resolve("alerts.yaml");
    Files.writeString(rules, """
        rules:
          - name: HighErrorRate
            severity: critical
            signal: error_rate
            window: 2s
            above: 0.001
            summary: "Error rate {{value}} is above {{threshold}} (owner %s)"
            description: "Messages of {{service}} fail"
        """.formatted(OWNER));
    List<Path> classpath = new ArrayList<>(List.of(Paths.demoClasses()));
    classpath.addAll(Paths.demoDependencies());
    AgentJvm demo = AgentJvm.main("com.example.chatbot.ChatbotApp").classpath(classpath).workingDirectory(directory)
        .exportNowhere()
        .property("otel.service.name", "demo-alerts")
        .property("chatlens.alerts.file", rules.toString())
        .property("chatlens.alerts.interval", "200ms")
        .property("chatlens.alerts.webhook.url", webhook.baseUrl() + "/hook")
        .property("chatlens.alerts.email.smtp-host", "127.0.0.1")
        .property("chatlens.alerts.email.smtp-port", Integer.toString(mail.getSmtp().getPort()))
        .property("chatlens.alerts.email.from", "chatlens@example.org")
        .property("chatlens.alerts.email.to", "oncall@example.org")
        .property("chatlens.alerts.email.tls", "none") // GreenMail's SMTP is a plain relay: no STARTTLS
        .args("--users", "3", "--turns", "12", "--threads", "3", "--think-ms", "100", "--idle-timeout", "300ms",
            "--quiet", "--seed", "7");

    try (RunningJvm jvm = demo.start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stdout()).contains("errors=1");
      assertThat(jvm.stderr()).as(jvm.describe()).doesNotContain("[chatlens] ERROR");
    }

    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(firingRequests()).isNotEmpty());
    String payload = firingRequests().get(0).getBodyAsString();
    assertThat(payload).contains("\"alert\":\"HighErrorRate\"", "\"severity\":\"critical\"", "\"service\":\"demo-alerts\"",
        "\"summary\":\"Error rate ", "(owner [REDACTED:email])", "\"description\":\"Messages of demo-alerts fail\"");

    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(mail.getReceivedMessages()).isNotEmpty());
    MimeMessage message = mail.getReceivedMessages()[0];
    assertThat(message.getSubject()).startsWith("[chatlens] [FIRING] critical HighErrorRate: Error rate ");
    assertThat(GreenMailUtil.getWholeMessage(message)).contains("[REDACTED:email]").doesNotContain(OWNER);

    List<String> log = Files.readAllLines(directory.resolve("logs/chatbot.log"));
    assertThat(log).anySatisfy(line -> assertThat(line).contains("[ERROR] [alerts] [fire] [FIRING] critical HighErrorRate: ")
        .contains("alert=HighErrorRate").contains("severity=critical"));
    assertThat(log).noneMatch(line -> line.contains(OWNER));
    for (LoggedRequest request : webhook.findAll(postRequestedFor(urlEqualTo("/hook")))) {
      assertThat(request.getBodyAsString()).doesNotContain(OWNER);
    }
  }

  private List<LoggedRequest> firingRequests() {
    return webhook.findAll(postRequestedFor(urlEqualTo("/hook"))).stream()
        .filter(request -> request.getBodyAsString().contains("\"status\":\"firing\""))
        .toList();
  }
}
