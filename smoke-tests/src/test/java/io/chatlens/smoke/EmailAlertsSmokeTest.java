package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.Http;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.Ports;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.StartTlsFront;
import io.chatlens.smoke.harness.TestCertificates;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert e-mails through the real agent jar, sent by its relocated Eclipse Angus Mail: plain SMTP to a relay
 * without credentials; STARTTLS (required by default) with AUTH, the server certificate trusted through
 * {@code chatlens.alerts.email.trust-store}; implicit TLS (SMTPS); and the refusals: credentials are never
 * sent to a server that offers no STARTTLS, and a certificate that does not name the host is rejected. An
 * application with its own Jakarta Mail keeps sending its own mail exactly as without the agent.
 */
class EmailAlertsSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String FAILED_LINE = "could not be sent by email";

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir
  static Path certificatesDirectory;

  private static TestCertificates certificates;

  @TempDir
  Path directory;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certificates = TestCertificates.forLocalhost(certificatesDirectory);
  }

  private AgentJvm probe(String... args) throws Exception {
    Path rules = directory.resolve("alerts.yaml");
    Files.writeString(rules, """
        rules:
          - name: ModelDown
            severity: critical
            signal: error_rate
            window: 2s
            above: 0.001
            summary: "Réponses en échec ✗ {{value}}"
            description: "Messages of {{service}} fail"
        """);
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses()));
    classpath.addAll(Paths.isolationLibs("mail"));
    return AgentJvm.main("com.example.probe.MailProbe").classpath(classpath).workingDirectory(directory)
        .exportNowhere()
        .property("otel.service.name", "mail-probe")
        .property("chatlens.alerts.file", rules.toString())
        .property("chatlens.alerts.interval", "200ms")
        .property("chatlens.alerts.email.from", "ChatLens <chatlens@example.org>")
        .property("chatlens.alerts.email.to", "oncall@example.org")
        .args(args);
  }

  private static List<MimeMessage> alerts() {
    return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
      try {
        return message.getSubject() != null && message.getSubject().startsWith("[chatlens]");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private static void finish(RunningJvm jvm) throws Exception {
    jvm.closeStdin();
    assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
    assertThat(jvm.stdout()).contains("failed turns: 5").contains("ready");
  }

  @Test
  void aRelayWithoutCredentialsGetsTheAlertAndTheApplicationsOwnJakartaMailIsUnaffected() throws Exception {
    String appPort = Integer.toString(mail.getSmtp().getPort());
    String withoutAgent;
    try (RunningJvm jvm = probe(appPort).withoutAgent().start()) {
      jvm.closeStdin();
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      withoutAgent = jvm.stdout();
    }
    assertThat(withoutAgent).contains("jakarta.mail from jakarta.mail-2.0.4.jar")
        .contains("app mail sent by org.eclipse.angus.mail.smtp.SMTPTransport");

    AgentJvm agent = probe(appPort)
        .property("chatlens.alerts.email.smtp-host", "127.0.0.1")
        .property("chatlens.alerts.email.smtp-port", appPort)
        .property("chatlens.alerts.email.tls", "none");
    try (RunningJvm jvm = agent.start()) {
      jvm.awaitStdout("ready", TIMEOUT);
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alerts()).isNotEmpty());
      finish(jvm);
      assertThat(jvm.stdout()).as("the application's output with the agent").isEqualTo(withoutAgent);
      assertThat(jvm.stderr()).as(jvm.describe()).doesNotContain("[chatlens] ERROR").doesNotContain(FAILED_LINE);
    }

    MimeMessage alert = alerts().get(0);
    assertThat(alert.getSubject()).startsWith("[chatlens] [FIRING] critical ModelDown: Réponses en échec ✗ ");
    assertThat(alert.getHeader("Subject")[0]).startsWith("=?UTF-8?");
    assertThat(alert.getFrom()).extracting(Object::toString).containsExactly("ChatLens <chatlens@example.org>");
    assertThat(alert.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("oncall@example.org");
    assertThat(alert.getHeader("X-ChatLens-Alert")).containsExactly("ModelDown");
    assertThat(alert.getHeader("X-ChatLens-Status")).containsExactly("firing");
    assertThat(alert.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
    assertThat(alert.getMessageID()).isNotBlank();
    assertThat((String) alert.getContent()).contains("Messages of mail-probe fail", "Severity:  critical");
    for (String line : GreenMailUtil.getWholeMessage(alert).split("\r?\n")) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(998);
    }

    List<MimeMessage> appMails = Arrays.stream(mail.getReceivedMessages()).filter(message -> {
      try {
        return "app mail".equals(message.getSubject());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
    assertThat(appMails).as("one without, one with the agent").hasSize(2);
    for (MimeMessage appMail : appMails) {
      assertThat((String) appMail.getContent()).isEqualTo("sent by the application ✓");
    }
  }

  @Test
  void starttlsWithAuthDeliversOverTls() throws Exception {
    mail.setUser("alerts@example.org", "alerts", "s3cret");
    try (StartTlsFront front = new StartTlsFront(mail.getSmtp().getPort(), certificates.serverContext());
        RunningJvm jvm = probe()
            .property("chatlens.alerts.email.smtp-host", "localhost")
            .property("chatlens.alerts.email.smtp-port", Integer.toString(front.port()))
            .property("chatlens.alerts.email.username", "alerts")
            .property("chatlens.alerts.email.password", "s3cret")
            .property("chatlens.alerts.email.trust-store", certificates.certificate().toString())
            .start()) {
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alerts()).isNotEmpty());
      finish(jvm);
      assertThat(jvm.stderr()).as(jvm.describe()).doesNotContain("[chatlens] ERROR").doesNotContain(FAILED_LINE);
      assertThat(front.events()).contains("tls");
      assertThat(front.clearCommands()).isNotEmpty().allSatisfy(line ->
          assertThat(line.toUpperCase(Locale.ROOT)).matches("(EHLO|HELO|STARTTLS).*"));
      assertThat(front.clearCommands()).contains("STARTTLS");
    }
    assertThat(alerts().get(0).getSubject()).startsWith("[chatlens] [FIRING] critical ModelDown: ");
  }

  @Test
  void implicitTlsWithAuthDelivers() throws Exception {
    System.setProperty("greenmail.tls.keystore.file", certificates.keyStore().toString());
    System.setProperty("greenmail.tls.keystore.password", TestCertificates.PASSWORD);
    GreenMail smtps = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
    smtps.start();
    try {
      smtps.setUser("alerts@example.org", "alerts", "s3cret");
      try (RunningJvm jvm = probe()
          .property("chatlens.alerts.email.smtp-host", "localhost")
          .property("chatlens.alerts.email.smtp-port", Integer.toString(smtps.getSmtps().getPort()))
          .property("chatlens.alerts.email.tls", "implicit")
          .property("chatlens.alerts.email.username", "alerts")
          .property("chatlens.alerts.email.password", "s3cret")
          .property("chatlens.alerts.email.trust-store", certificates.certificate().toString())
          .start()) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(smtps.getReceivedMessages()).isNotEmpty());
        finish(jvm);
        assertThat(jvm.stderr()).as(jvm.describe()).doesNotContain("[chatlens] ERROR").doesNotContain(FAILED_LINE);
      }
      assertThat(smtps.getReceivedMessages()[0].getSubject()).startsWith("[chatlens] [FIRING] critical ModelDown: ");
    } finally {
      smtps.stop();
    }
  }

  @Test
  void credentialsAreNeverSentToAServerWithoutStarttls() throws Exception {
    mail.setUser("alerts@example.org", "alerts", "s3cret");
    int prometheus = Ports.free();
    try (StartTlsFront front = new StartTlsFront(mail.getSmtp().getPort(), null);
        RunningJvm jvm = probe()
            .property("chatlens.prometheus.port", Integer.toString(prometheus))
            .property("chatlens.alerts.email.smtp-host", "localhost")
            .property("chatlens.alerts.email.smtp-port", Integer.toString(front.port()))
            .property("chatlens.alerts.email.username", "alerts")
            .property("chatlens.alerts.email.password", "s3cret")
            .property("chatlens.alerts.email.trust-store", certificates.certificate().toString())
            .start()) {
      jvm.awaitStderr(FAILED_LINE, TIMEOUT);
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Http.get("http://127.0.0.1:" + prometheus + "/metrics").body()
          .lines().filter(line -> line.startsWith("chatlens_alerts_notifications") && line.contains("channel=\"email\"")
              && line.contains("outcome=\"failed\""))).singleElement().asString().matches(".* [1-9][0-9]*(\\.0)?$"));
      finish(jvm);
      assertThat(front.clearCommands()).isNotEmpty().anySatisfy(line -> assertThat(line).startsWith("EHLO"));
      assertThat(front.clearCommands()).noneSatisfy(line ->
          assertThat(line.toUpperCase(Locale.ROOT)).matches("(AUTH|MAIL|RCPT|DATA).*"));
      assertThat(front.events()).doesNotContain("tls");
      // firing and resolved both fail; the warning is rate-limited to one line
      assertThat(jvm.stderr().lines().filter(line -> line.contains(FAILED_LINE))).as(jvm.describe()).singleElement()
          .asString().contains("STARTTLS").doesNotContain("s3cret");
    }
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aCertificateThatDoesNotNameTheHostIsRefused() throws Exception {
    mail.setUser("alerts@example.org", "alerts", "s3cret");
    try (StartTlsFront front = new StartTlsFront(mail.getSmtp().getPort(), certificates.serverContext());
        RunningJvm jvm = probe()
            // the certificate names localhost only, not the address 127.0.0.1
            .property("chatlens.alerts.email.smtp-host", "127.0.0.1")
            .property("chatlens.alerts.email.smtp-port", Integer.toString(front.port()))
            .property("chatlens.alerts.email.username", "alerts")
            .property("chatlens.alerts.email.password", "s3cret")
            .property("chatlens.alerts.email.trust-store", certificates.certificate().toString())
            .start()) {
      jvm.awaitStderr(FAILED_LINE, TIMEOUT);
      finish(jvm);
      assertThat(front.events()).doesNotContain("tls").anySatisfy(event -> assertThat(event).startsWith("tls-failed"));
      assertThat(front.clearCommands()).noneSatisfy(line ->
          assertThat(line.toUpperCase(Locale.ROOT)).matches("(AUTH|MAIL|RCPT|DATA).*"));
      assertThat(jvm.stderr().lines().filter(line -> line.contains(FAILED_LINE))).as(jvm.describe()).singleElement()
          .asString().containsIgnoringCase("no subject alternative names matching IP address 127.0.0.1");
    }
    assertThat(mail.getReceivedMessages()).isEmpty();
  }
}
