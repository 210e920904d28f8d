package io.chatlens.agent.alerts;

import static io.chatlens.agent.alerts.Notifications.EMAIL;
import static io.chatlens.agent.alerts.Notifications.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.chatlens.agent.redaction.Redactor;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailChannelTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private final Redactor redactor = Redactor.withDefaults();

  private static EmailChannel.Server server(int port, EmailChannel.Security security, String username, String password) {
    return new EmailChannel.Server("127.0.0.1", port, security, username, password, Duration.ofSeconds(5), "chatlens-test",
        null);
  }

  private EmailChannel channel(EmailChannel.Security security, String username, String password) throws Exception {
    return new EmailChannel(server(mail.getSmtp().getPort(), security, username, password),
        new InternetAddress("chatlens@example.org", true),
        List.of(new InternetAddress("ops@example.org", true), new InternetAddress("oncall@example.org", true)));
  }

  private EmailChannel plain() throws Exception {
    return channel(EmailChannel.Security.NONE, "", "");
  }

  @Test
  void anAlertIsAPlainTextMailToEveryRecipient() throws Exception {
    plain().deliver(AlertMessage.of(Notifications.firing(Notifications.errorRateRule()), "chatbot", redactor));

    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage message = received[0];
    assertThat(message.getSubject())
        .isEqualTo("[chatlens] [FIRING] critical HighErrorRate: Error rate 0.0734 is above 0.05 over 5m");
    assertThat(message.getFrom()[0].toString()).isEqualTo("chatlens@example.org");
    assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("ops@example.org", "oncall@example.org");
    assertThat(message.getHeader("X-ChatLens-Status")).containsExactly("firing");
    assertThat(message.getHeader("X-ChatLens-Alert")).containsExactly("HighErrorRate");
    assertThat(message.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
    assertThat(message.getMessageID()).isNotBlank();
    assertThat(message.getSentDate()).isEqualTo(java.util.Date.from(Notifications.AT));
    String body = GreenMailUtil.getBody(message);
    assertThat(body).contains("Messages of chatbot fail", "Value:     0.0734", "Condition: error_rate above 0.05 over 5m",
        "Label:     team=chat", "Runbook:   docs/runbooks/high-error-rate.md");
  }

  @Test
  void nothingSensitiveReachesTheMailServer() throws Exception {
    plain().deliver(AlertMessage.of(Notifications.firing(Notifications.leakyRule()), "chatbot", redactor));

    MimeMessage message = mail.getReceivedMessages()[0];
    String raw = GreenMailUtil.getWholeMessage(message);
    assertThat(raw).doesNotContain(EMAIL).doesNotContain(TOKEN).doesNotContain("abc123").contains("[REDACTED:email]");
  }

  @Test
  void nonAsciiTextIsEncoded() throws Exception {
    AlertRule rule = Notifications.rule(Severity.WARNING, "Taux d'erreur élevé", "Réponses échouées ✗", Map.of());
    plain().deliver(AlertMessage.of(Notifications.firing(rule), "chatbot", redactor));

    MimeMessage message = mail.getReceivedMessages()[0];
    assertThat(message.getSubject()).isEqualTo("[chatlens] [FIRING] warning HighErrorRate: Taux d'erreur élevé");
    assertThat((String) message.getContent()).contains("Réponses échouées ✗");
    assertThat(message.getHeader("Subject")[0]).startsWith("=?UTF-8?");
  }

  @Test
  void aLongNonAsciiSubjectIsCappedAndFoldedIntoShortLines() throws Exception {
    AlertRule rule = Notifications.rule(Severity.WARNING, "Ошибка ответа ✗ ".repeat(200), "long", Map.of());
    plain().deliver(AlertMessage.of(Notifications.firing(rule), "chatbot", redactor));

    MimeMessage message = mail.getReceivedMessages()[0];
    String subject = message.getSubject();
    assertThat(subject).startsWith("[chatlens] [FIRING] warning HighErrorRate: Ошибка ответа ✗").endsWith("...");
    assertThat(subject.codePointCount(0, subject.length())).isEqualTo(MailMessage.MAX_SUBJECT);
    String[] lines = GreenMailUtil.getWholeMessage(message).split("\r?\n");
    assertThat(lines).isNotEmpty();
    assertThat(Arrays.stream(lines).mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(78);
  }

  @Test
  void lineBreaksInTheSubjectCannotInjectHeaders() throws Exception {
    AlertRule rule = Notifications.rule(Severity.WARNING, "broken\r\nX-Injected: yes\r\n\r\nfake body", "x",
        Map.of());
    plain().deliver(AlertMessage.of(Notifications.firing(rule), "chatbot", redactor));

    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(2);
    assertThat(received[0].getHeader("X-Injected")).isNull();
    assertThat(received[0].getSubject()).isEqualTo(
        "[chatlens] [FIRING] warning HighErrorRate: broken X-Injected: yes fake body");
  }

  @Test
  void credentialsAreNeverSentOverAPlainConnection() {
    assertThatThrownBy(() -> server(25, EmailChannel.Security.NONE, "alerts", "s3cret"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server(25, EmailChannel.Security.NONE, "", "s3cret"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void starttlsIsRequiredByDefaultAndNothingIsSentWithoutIt() throws Exception {
    mail.setUser("alerts@example.org", "alerts", "s3cret");
    EmailChannel channel = channel(EmailChannel.Security.STARTTLS, "alerts", "s3cret");

    assertThatThrownBy(() -> channel.deliver(AlertMessage.of(Notifications.firing(Notifications.errorRateRule()), "chatbot",
        redactor))).isInstanceOf(IOException.class).hasMessageContaining("STARTTLS");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void sessionPropertiesRequireTlsAndCheckTheHost() throws Exception {
    InternetAddress from = new InternetAddress("chatlens@example.org", true);
    Properties starttls = EmailChannel.properties(server(587, EmailChannel.Security.STARTTLS, "u", "p"), from);
    assertThat(starttls).containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true").containsEntry("mail.smtp.auth", "true")
        .containsEntry("mail.smtp.connectiontimeout", "5000").containsEntry("mail.smtp.timeout", "5000")
        .containsEntry("mail.smtp.writetimeout", "5000").containsKey("mail.smtp.ssl.socketFactory");
    Properties implicit = EmailChannel.properties(server(465, EmailChannel.Security.IMPLICIT, "u", "p"), from);
    assertThat(implicit).containsEntry("mail.smtps.ssl.checkserveridentity", "true").containsEntry("mail.smtps.auth", "true")
        .containsEntry("mail.smtps.timeout", "5000").containsKey("mail.smtps.ssl.socketFactory");
    Properties relay = EmailChannel.properties(server(25, EmailChannel.Security.NONE, "", ""), from);
    assertThat(relay).containsEntry("mail.smtp.auth", "false").containsEntry("mail.smtp.starttls.enable", "false");
  }

  @Test
  void aClosedPortIsAFailureWithinTheTimeout() throws Exception {
    EmailChannel channel = new EmailChannel(server(9, EmailChannel.Security.NONE, "", ""),
        new InternetAddress("a@example.org", true), List.of(new InternetAddress("b@example.org", true)));

    long start = System.nanoTime();
    assertThatThrownBy(() -> channel.deliver(AlertMessage.of(Notifications.firing(Notifications.errorRateRule()), "chatbot",
        redactor))).isInstanceOf(IOException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void theContextClassLoaderIsRestoredAfterSending() throws Exception {
    ClassLoader mine = new ClassLoader(null) {};
    Thread.currentThread().setContextClassLoader(mine);
    try {
      plain().deliver(AlertMessage.of(Notifications.firing(Notifications.errorRateRule()), "chatbot", redactor));
      assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(mine);
    } finally {
      Thread.currentThread().setContextClassLoader(ClassLoader.getSystemClassLoader());
    }
    assertThat(mail.getReceivedMessages()).hasSize(2);
  }
}
