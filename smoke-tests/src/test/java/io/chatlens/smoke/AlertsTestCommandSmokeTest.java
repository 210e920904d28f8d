package io.chatlens.smoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.chatlens.smoke.harness.AgentCli;
import io.chatlens.smoke.harness.Ports;
import io.chatlens.smoke.harness.SeedGrok;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar chatlens-agent.jar alerts test [agent.properties]} (the seed: "Test Alerting: regularly verify
 * alert delivery"): one marked test notification through the log, a Slack webhook and e-mail, with each channel's
 * answer, and exit status 1 when a channel is dead.
 */
class AlertsTestCommandSmokeTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir
  Path dir;

  private WireMockServer webhook;

  @BeforeEach
  void start() {
    webhook = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    webhook.start();
  }

  @AfterEach
  void stop() {
    webhook.stop();
  }

  private Path config(int smtpPort, String hookPath) throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    Path file = dir.resolve("agent.properties");
    Files.writeString(file, String.join("\n",
        "otel.service.name=helpdesk",
        "chatlens.log.dir=" + dir.resolve("logs"),
        "chatlens.alerts.webhook.url=http://127.0.0.1:" + webhook.port() + hookPath,
        "chatlens.alerts.webhook.format=slack",
        "chatlens.alerts.email.smtp-host=127.0.0.1",
        "chatlens.alerts.email.smtp-port=" + smtpPort,
        "chatlens.alerts.email.tls=none",
        "chatlens.alerts.email.from=chatlens@example.org",
        "chatlens.alerts.email.to=oncall@example.org",
        "chatlens.alerts.notify-timeout=3s"));
    return file;
  }

  @Test
  void everyConfiguredChannelGetsTheTestNotificationAndSaysWhatItAnswered() throws Exception {
    webhook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    Path config = config(mail.getSmtp().getPort(), "/hook");

    AgentCli.Result result = AgentCli.run(dir, "alerts", "test", config.toString());

    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    assertThat(result.stdout()).contains("through 3 channels")
        .contains("  log: delivered (appended to " + dir.resolve("logs/chatbot.log"))
        .contains("  webhook: delivered (HTTP 200 from 127.0.0.1)")
        .containsPattern("  email: delivered \\(SMTP 250[^\\n]* from 127\\.0\\.0\\.1\\)")
        .contains("All channels delivered.");
    webhook.verify(1, postRequestedFor(urlEqualTo("/hook")));
    assertThat(webhook.getAllServeEvents()).singleElement().satisfies(event -> assertThat(event.getRequest()
        .getBodyAsString()).startsWith("{\"text\":").contains("ChatLensTestNotification")
        .contains("Test notification from ChatLens"));
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).contains("[FIRING] warning ChatLensTestNotification: Test notification");
    assertThat(GreenMailUtil.getBody(received[0])).contains("It is not an alert.");
    List<String> log = Files.readAllLines(dir.resolve("logs/chatbot.log"));
    assertThat(log).singleElement().satisfies(line -> {
      assertThat(SeedGrok.parse(line)).as(line).isNotNull();
      assertThat(line).contains("[WARN] [alerts] [fire] [FIRING] warning ChatLensTestNotification");
    });
  }

  @Test
  void aDeadChannelIsNamedWithItsReasonAndTheExitStatusIsOne() throws Exception {
    webhook.stubFor(post(urlEqualTo("/broken")).willReturn(aResponse().withStatus(503)));
    Path config = config(Ports.free(), "/broken");

    AgentCli.Result result = AgentCli.run(dir, "alerts", "test", config.toString());

    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
    assertThat(result.stdout()).contains("  log: delivered")
        .contains("  webhook: FAILED (IOException HTTP 503)")
        .containsPattern("  email: FAILED \\([^\\n]*(Connect|connect)[^\\n]*\\)")
        .contains("2 of 3 channels failed.");
  }

  @Test
  void withoutAnyRemoteChannelOnlyTheLogIsTestedAndThatIsSaid() throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    Path config = dir.resolve("agent.properties");
    Files.writeString(config, "chatlens.log.dir=" + dir.resolve("logs") + "\n");

    AgentCli.Result result = AgentCli.run(dir, "alerts", "test", config.toString());

    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    assertThat(result.stdout()).contains("through 1 channel:").contains("  log: delivered")
        .contains("No webhook or e-mail channel is configured");
    assertThat(Files.readString(dir.resolve("logs/chatbot.log"))).contains("ChatLensTestNotification");
  }
}
