package io.chatlens.agent.alerts;

import static io.chatlens.agent.alerts.Notifications.EMAIL;
import static io.chatlens.agent.alerts.Notifications.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.agent.redaction.Redactor;
import org.junit.jupiter.api.Test;

class AlertMessageTest {

  private final Redactor redactor = Redactor.withDefaults();

  @Test
  void placeholdersAreFilledIn() {
    AlertMessage message = AlertMessage.of(Notifications.firing(Notifications.errorRateRule()), "chatbot", redactor);

    assertThat(message.summary()).isEqualTo("Error rate 0.0734 is above 0.05 over 5m");
    assertThat(message.description()).isEqualTo("Messages of chatbot fail");
    assertThat(message.headline()).isEqualTo("[FIRING] critical HighErrorRate: Error rate 0.0734 is above 0.05 over 5m");
    assertThat(message.conditionText()).isEqualTo("above 0.05 over 5m");
    assertThat(message.status()).isEqualTo("firing");
  }

  @Test
  void summaryDescriptionAndLabelsAreRedacted() {
    AlertMessage message = AlertMessage.of(Notifications.firing(Notifications.leakyRule()), "chatbot", redactor);

    assertThat(message.summary()).isEqualTo("Errors for [REDACTED:email] at 0.0734");
    assertThat(message.description()).isEqualTo("Token [REDACTED:token] was rejected");
    assertThat(message.labels()).containsEntry("owner", "[REDACTED:email]").containsEntry("api_key", "[REDACTED]");
    assertThat(message.toString()).doesNotContain(EMAIL).doesNotContain(TOKEN).doesNotContain("abc123");
  }

  @Test
  void aMissingValueIsWrittenNotAvailable() {
    AlertNotification resolvedWithoutData = new AlertNotification(Notifications.errorRateRule(), AlertState.RESOLVED,
        Double.NaN, Notifications.SINCE, Notifications.AT, false);
    AlertMessage message = AlertMessage.of(resolvedWithoutData, "chatbot", redactor);

    assertThat(message.summary()).isEqualTo("Error rate n/a is above 0.05 over 5m");
    assertThat(WebhookChannel.json(message)).contains("\"value\":null");
  }
}
