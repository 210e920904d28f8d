package io.chatlens.agent.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigLoader;
import io.chatlens.agent.redaction.Redactor;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.EventSink;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The module as the agent wires it: rules file, metric reader, engine thread, log and webhook. */
class AlertsModuleTest {

  @RegisterExtension
  static WireMockExtension webhook = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path dir;

  private final List<ChatEvent> logged = new CopyOnWriteArrayList<>();
  private final EventSink sink = new EventSink() {
    @Override
    public void accept(ChatEvent event) {
      logged.add(event);
    }

    @Override
    public boolean isEnabled(ChatEvent.Level level) {
      return true;
    }
  };

  private AgentConfig config(String... lines) throws Exception {
    Path properties = dir.resolve("agent.properties");
    Files.writeString(properties, String.join("\n", lines));
    return ConfigLoader.loadFile(properties, Map.of(), new Properties());
  }

  @Test
  void anErrorBurstFiresTheAlertThroughTheLogAndTheWebhook() throws Exception {
    webhook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    Files.writeString(dir.resolve("alerts.yaml"), """
        rules:
          - name: HighErrorRate
            severity: critical
            signal: error_rate
            window: 2s
            above: 0.1
            summary: "Error rate {{value}} above {{threshold}}"
        """);
    AgentConfig config = config("otel.service.name=chatbot", "chatlens.alerts.interval=50ms",
        "chatlens.alerts.webhook.url=" + webhook.baseUrl() + "/hook");
    assertThat(config.problems()).isEmpty();
    AlertMetricReader reader = new AlertMetricReader();
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    LongCounter requests = provider.get("test").counterBuilder("chatbot.requests").build();
    io.opentelemetry.api.common.Attributes success = io.opentelemetry.api.common.Attributes.of(
        io.opentelemetry.api.common.AttributeKey.stringKey("status"), "success");
    io.opentelemetry.api.common.Attributes failed = io.opentelemetry.api.common.Attributes.of(
        io.opentelemetry.api.common.AttributeKey.stringKey("status"), "error");
    requests.add(1, success);

    AlertsModule alerts = AlertsModule.start(config, Redactor.withDefaults(), sink, provider.get("io.chatlens.alerts"), reader);
    assertThat(alerts.enabled()).isTrue();
    assertThat(alerts.activeAlerts()).isEmpty();
    // 4 more turns, 2 of them failed
    requests.add(2, success);
    requests.add(2, failed);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> webhook.verify(1, postRequestedFor(urlEqualTo("/hook"))
        .withRequestBody(matchingJsonPath("$.status", com.github.tomakehurst.wiremock.client.WireMock.equalTo("firing")))
        .withRequestBody(matchingJsonPath("$.summary", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
            "Error rate 0.5 above 0.1")))));
    assertThat(alerts.activeAlerts()).singleElement().satisfies(status -> {
      assertThat(status.name()).isEqualTo("HighErrorRate");
      assertThat(status.state()).isEqualTo(AlertState.FIRING);
    });
    assertThat(logged).anySatisfy(event -> {
      assertThat(event.level()).isEqualTo(ChatEvent.Level.ERROR);
      assertThat(event.module()).isEqualTo("alerts");
      assertThat(event.function()).isEqualTo("fire");
    });

    requests.add(100, success);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logged)
        .anySatisfy(event -> assertThat(event.function()).isEqualTo("resolve")));
    alerts.stop();
    provider.close();
  }

  @Test
  void disabledMeansNothingRuns() throws Exception {
    AlertsModule alerts = AlertsModule.start(config("chatlens.alerts.enabled=false"), Redactor.withDefaults(), sink,
        SdkMeterProvider.builder().build().get("x"), new AlertMetricReader());

    assertThat(alerts.enabled()).isFalse();
    assertThat(alerts.statuses()).isEmpty();
    alerts.stop();
  }

  @Test
  void remoteChannelsFollowTheConfiguration() throws Exception {
    assertThat(AlertsModule.remoteChannels(config(), Duration.ofSeconds(1))).isEmpty();
    assertThat(AlertsModule.remoteChannels(config("chatlens.alerts.webhook.url=https://hooks.example.org/x",
        "chatlens.alerts.email.smtp-host=smtp.example.org", "chatlens.alerts.email.to=ops@example.org"), Duration.ofSeconds(1)))
        .extracting(NotificationChannel::name).containsExactly("webhook", "email");
  }

  @Test
  void theSeedBlockOfTheAlertsFileCompletesTheChannels() throws Exception {
    SeedChannels slackAndMail = new SeedChannels(true, List.of("oncall@example.org"), true,
        "https://hooks.slack.com/services/T0/B0/x");
    String host = "chatlens.alerts.email.smtp-host=smtp.example.org";
    List<NotificationChannel> channels = AlertsModule.remoteChannels(config(host), Duration.ofSeconds(1), slackAndMail);
    assertThat(channels).extracting(NotificationChannel::name).containsExactly("webhook", "email");
    assertThat(((WebhookChannel) channels.get(0)).payload(AlertMessage.of(Notifications.firing(Notifications.errorRateRule()),
        "chatbot", Redactor.withDefaults()))).as("Slack format").startsWith("{\"text\":");
    assertThat(AlertsModule.remoteChannels(config(), Duration.ofSeconds(1), slackAndMail))
        .as("recipients without an SMTP server: no e-mail").extracting(NotificationChannel::name).containsExactly("webhook");
    assertThat(AlertsModule.remoteChannels(config(host), Duration.ofSeconds(1),
        new SeedChannels(false, List.of("oncall@example.org"), false, "https://hooks.slack.com/services/T0/B0/x")))
        .as("enabled: false turns both off").isEmpty();
    assertThat(AlertsModule.remoteChannels(config("chatlens.alerts.webhook.url=https://hooks.example.org/own"),
        Duration.ofSeconds(1), slackAndMail)).as("agent.properties' own webhook wins").singleElement()
        .satisfies(channel -> assertThat(((WebhookChannel) channel).payload(AlertMessage.of(
            Notifications.firing(Notifications.errorRateRule()), "chatbot", Redactor.withDefaults()))).contains("\"alert\""));
  }

  @Test
  void noEmailChannelWhenItsTlsSettingsCannotBeHonoured() throws Exception {
    String host = "chatlens.alerts.email.smtp-host=smtp.example.org";
    String to = "chatlens.alerts.email.to=ops@example.org";
    assertThat(AlertsModule.remoteChannels(config(host, to, "chatlens.alerts.email.tls=none"), Duration.ofSeconds(1)))
        .extracting(NotificationChannel::name).containsExactly("email");
    assertThat(AlertsModule.remoteChannels(config(host, to, "chatlens.alerts.email.tls=none",
        "chatlens.alerts.email.username=alerts", "chatlens.alerts.email.password=s3cret"), Duration.ofSeconds(1)))
        .as("credentials over plain SMTP").isEmpty();
    assertThat(AlertsModule.remoteChannels(config(host, to, "chatlens.alerts.email.tls=none",
        "chatlens.alerts.email.password=s3cret"), Duration.ofSeconds(1))).as("a password over plain SMTP").isEmpty();
    assertThat(AlertsModule.remoteChannels(config(host, to, "chatlens.alerts.email.username=alerts",
        "chatlens.alerts.email.password=s3cret"), Duration.ofSeconds(1)))
        .extracting(NotificationChannel::name).containsExactly("email");
    Path notCertificates = dir.resolve("not-a-trust-store.pem");
    Files.writeString(notCertificates, "hello");
    assertThat(AlertsModule.remoteChannels(config(host, to, "chatlens.alerts.email.trust-store=" + notCertificates),
        Duration.ofSeconds(1))).as("an unreadable trust store").isEmpty();
    assertThat(AlertsModule.remoteChannels(config(host, to, "chatlens.alerts.email.trust-store=" + dir.resolve("missing.pem")),
        Duration.ofSeconds(1))).as("a missing trust store").isEmpty();
  }

  @Test
  void aBadRecipientIsAConfigurationErrorAndNoEmail() throws Exception {
    AgentConfig config = config("chatlens.alerts.email.smtp-host=smtp.example.org",
        "chatlens.alerts.email.to=ops@example.org\\r\\nBcc: thief@example.net");

    assertThat(config.problems()).singleElement().asString().contains("chatlens.alerts.email.to=")
        .contains("expected a comma-separated list of e-mail addresses");
    assertThat(AlertsModule.remoteChannels(config, Duration.ofSeconds(1))).isEmpty();
  }
}
