package io.chatlens.agent.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.chatlens.agent.alerts.Notifications.EMAIL;
import static io.chatlens.agent.alerts.Notifications.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.chatlens.agent.redaction.Redactor;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookChannelTest {

  @RegisterExtension
  static WireMockExtension webhook = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Redactor redactor = Redactor.withDefaults();

  @BeforeEach
  void accept() {
    webhook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
  }

  private WebhookChannel channel(WebhookChannel.Format format) {
    return new WebhookChannel(URI.create(webhook.baseUrl() + "/hook"), format, Duration.ofSeconds(5));
  }

  private AlertMessage message(AlertNotification notification) {
    return AlertMessage.of(notification, "chatbot", redactor);
  }

  @Test
  void jsonPayloadDescribesTheAlert() throws Exception {
    channel(WebhookChannel.Format.JSON).deliver(message(Notifications.firing(Notifications.errorRateRule())));

    webhook.verify(postRequestedFor(urlEqualTo("/hook"))
        .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/json"))
        .withRequestBody(equalToJson("""
            {"status":"firing","alert":"HighErrorRate","severity":"critical",
             "summary":"Error rate 0.0734 is above 0.05 over 5m","description":"Messages of chatbot fail",
             "value":0.0734,"threshold":0.05,"comparison":"above","signal":"error_rate","window":"5m",
             "service":"chatbot","labels":{"team":"chat"},"since":"2024-01-15T10:30:00Z",
             "timestamp":"2024-01-15T10:32:00Z","repeat":false,"runbook_url":"docs/runbooks/high-error-rate.md"}""")));
  }

  @Test
  void slackPayloadIsOneTextField() throws Exception {
    channel(WebhookChannel.Format.SLACK).deliver(message(Notifications.resolved(Notifications.errorRateRule())));

    webhook.verify(postRequestedFor(urlEqualTo("/hook"))
        .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock.containing(
            ":white_check_mark: *[RESOLVED] critical HighErrorRate: Error rate 0.01 is above 0.05 over 5m*\n"
                + "Messages of chatbot fail\nservice chatbot | value 0.01 | above 0.05 over 5m"))));
    webhook.verify(postRequestedFor(urlEqualTo("/hook"))
        .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock.containing(
            "\nRunbook: docs/runbooks/high-error-rate.md"))));
    List<LoggedRequest> requests = webhook.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(requests.get(0).getBodyAsString()).startsWith("{\"text\":").endsWith("}").doesNotContain("\"alert\"");
  }

  @Test
  void nothingSensitiveReachesTheWebhook() throws Exception {
    for (WebhookChannel.Format format : WebhookChannel.Format.values()) {
      channel(format).deliver(message(Notifications.firing(Notifications.leakyRule())));
    }

    List<LoggedRequest> requests = webhook.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(requests).hasSize(2).allSatisfy(request -> assertThat(request.getBodyAsString())
        .doesNotContain(EMAIL).doesNotContain(TOKEN).doesNotContain("abc123").contains("[REDACTED:email]"));
  }

  @Test
  void aNon2xxAnswerIsAFailure() {
    webhook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> channel(WebhookChannel.Format.JSON).deliver(message(Notifications.firing(Notifications.errorRateRule()))))
        .isInstanceOf(IOException.class).hasMessage("HTTP 503");
  }
}
