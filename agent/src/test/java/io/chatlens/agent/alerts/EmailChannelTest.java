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
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailChannelTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private final Redactor redactor = Redactor.withDefaults();

  private EmailChannel channel(String username, String password) {
    SmtpClient smtp = new SmtpClient("127.0.0.1", mail.getSmtp().getPort(), Duration.ofSeconds(5), username, password,
        "chatlens-test");
    return new EmailChannel(smtp, "chatlens@example.org", List.of("ops@example.org", "oncall@example.org"));
  }

  @Test
  void anAlertIsAPlainTextMailToEveryRecipient() throws Exception {
    channel("", "").deliver(AlertMessage.of(Notifications.firing(Notifications.errorRateRule()), "chatbot", redactor));

    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage message = received[0];
    assertThat(message.getSubject())
        .isEqualTo("[chatlens] [FIRING] critical HighErrorRate: Error rate 0.0734 is above 0.05 over 5m");
    assertThat(message.getFrom()[0].toString()).isEqualTo("chatlens@example.org");
    assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("ops@example.org", "oncall@example.org");
    assertThat(message.getHeader("X-ChatLens-Status")).containsExactly("firing");
    String body = GreenMailUtil.getBody(message);
    assertThat(body).contains("Messages of chatbot fail", "Value:     0.0734", "Condition: error_rate above 0.05 over 5m",
        "Label:     team=chat");
  }

  @Test
  void nothingSensitiveReachesTheMailServer() throws Exception {
    channel("", "").deliver(AlertMessage.of(Notifications.firing(Notifications.leakyRule()), "chatbot", redactor));

    MimeMessage message = mail.getReceivedMessages()[0];
    String raw = GreenMailUtil.getWholeMessage(message);
    assertThat(raw).doesNotContain(EMAIL).doesNotContain(TOKEN).doesNotContain("abc123").contains("[REDACTED:email]");
  }

  @Test
  void authPlainLogsIn() throws Exception {
    mail.setUser("alerts@example.org", "alerts", "s3cret");

    channel("alerts", "s3cret").deliver(AlertMessage.of(Notifications.firing(Notifications.errorRateRule()), "chatbot",
        redactor));

    assertThat(mail.getReceivedMessages()).hasSize(2);
  }

  @Test
  void nonAsciiTextIsEncoded() throws Exception {
    AlertRule rule = Notifications.rule(Severity.WARNING, "Taux d'erreur élevé", "Réponses échouées ✗", Map.of());
    channel("", "").deliver(AlertMessage.of(Notifications.firing(rule), "chatbot", redactor));

    MimeMessage message = mail.getReceivedMessages()[0];
    assertThat(message.getSubject()).isEqualTo("[chatlens] [FIRING] warning HighErrorRate: Taux d'erreur élevé");
    assertThat((String) message.getContent()).contains("Réponses échouées ✗");
  }

  @Test
  void linesStartingWithADotAreStuffed() {
    assertThat(SmtpClient.dotStuffed("a\n.b\n..c\n")).isEqualTo("a\r\n..b\r\n...c\r\n");
  }

  @Test
  void aClosedPortIsAFailureWithinTheTimeout() {
    SmtpClient closed = new SmtpClient("127.0.0.1", 9, Duration.ofSeconds(2), "", "", "chatlens-test");
    EmailChannel channel = new EmailChannel(closed, "a@example.org", List.of("b@example.org"));

    assertThatThrownBy(() -> channel.deliver(AlertMessage.of(Notifications.firing(Notifications.errorRateRule()), "chatbot",
        redactor))).isInstanceOf(IOException.class);
  }
}
