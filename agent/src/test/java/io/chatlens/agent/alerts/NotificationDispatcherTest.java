package io.chatlens.agent.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.chatlens.agent.redaction.Redactor;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.EventSink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NotificationDispatcherTest {

  @RegisterExtension
  static WireMockExtension webhook = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final SdkMeterProvider meterProvider = SdkMeterProvider.builder().registerMetricReader(metrics).build();
  private final List<ChatEvent> logged = new CopyOnWriteArrayList<>();
  private NotificationDispatcher dispatcher;

  @AfterEach
  void close() {
    if (dispatcher != null) {
      dispatcher.close(Duration.ofSeconds(1));
    }
    meterProvider.close();
  }

  private NotificationDispatcher dispatcher(Duration timeout) {
    EventSink sink = new EventSink() {
      @Override
      public void accept(ChatEvent event) {
        logged.add(event);
      }

      @Override
      public boolean isEnabled(ChatEvent.Level level) {
        return true;
      }
    };
    WebhookChannel channel = new WebhookChannel(URI.create(webhook.baseUrl() + "/hook"), WebhookChannel.Format.JSON, timeout);
    dispatcher = new NotificationDispatcher("chatbot", Redactor.withDefaults(), meterProvider.get("test"),
        new LogChannel(sink), List.of(channel));
    return dispatcher;
  }

  /** The channel/outcome point, or {@code null} when the series does not exist at all. */
  private LongPointData point(String channel, String outcome) {
    for (MetricData metric : metrics.collectAllMetrics()) {
      if (metric.getName().equals("chatlens.alerts.notifications")) {
        for (LongPointData point : metric.getLongSumData().getPoints()) {
          if (channel.equals(point.getAttributes().get(AttributeKey.stringKey("channel")))
              && outcome.equals(point.getAttributes().get(AttributeKey.stringKey("outcome")))) {
            return point;
          }
        }
      }
    }
    return null;
  }

  private long count(String channel, String outcome) {
    LongPointData point = point(channel, outcome);
    return point == null ? 0 : point.getValue();
  }

  /** Whether the channel/outcome series exists at all (a series born at its first increment has no increase). */
  private boolean exists(String channel, String outcome) {
    return point(channel, outcome) != null;
  }

  @Test
  void everyChannelsSeriesStartsAtZeroBeforeTheFirstNotification() {
    dispatcher(Duration.ofSeconds(5));

    for (String channel : List.of("log", "webhook")) {
      for (String outcome : NotificationDispatcher.OUTCOMES) {
        assertThat(exists(channel, outcome)).as(channel + " " + outcome).isTrue();
        assertThat(count(channel, outcome)).as(channel + " " + outcome).isZero();
      }
    }
  }

  @Test
  void logsAtOnceAndPostsInTheBackground() {
    webhook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
    dispatcher(Duration.ofSeconds(5)).accept(Notifications.firing(Notifications.errorRateRule()));

    assertThat(logged).hasSize(1);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      webhook.verify(1, postRequestedFor(urlEqualTo("/hook")));
      assertThat(count("webhook", "sent")).isEqualTo(1);
    });
    assertThat(count("log", "sent")).isEqualTo(1);
  }

  @Test
  void aHangingWebhookNeverBlocksTheCallerAndTimesOut() {
    webhook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));
    NotificationDispatcher dispatcher = dispatcher(Duration.ofMillis(300));

    assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
      for (int i = 0; i < 3 * NotificationDispatcher.QUEUE_CAPACITY; i++) {
        dispatcher.accept(Notifications.firing(Notifications.errorRateRule()));
      }
    });

    assertThat(logged).hasSize(3 * NotificationDispatcher.QUEUE_CAPACITY);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(count("webhook", "failed")).isGreaterThanOrEqualTo(1);
      assertThat(count("webhook", "dropped")).isGreaterThanOrEqualTo(NotificationDispatcher.QUEUE_CAPACITY);
    });
  }

  @Test
  void anUnreachableWebhookIsCountedAsFailed() {
    WebhookChannel closed = new WebhookChannel(URI.create("http://127.0.0.1:9/hook"), WebhookChannel.Format.JSON,
        Duration.ofSeconds(2));
    dispatcher = new NotificationDispatcher("chatbot", Redactor.withDefaults(), meterProvider.get("test"), null,
        List.of(closed));

    dispatcher.accept(Notifications.firing(Notifications.errorRateRule()));

    await().atMost(Duration.ofSeconds(10)).until(() -> count("webhook", "failed") == 1);
  }

  @Test
  void closeDeliversWhatIsStillQueued() {
    webhook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    NotificationDispatcher dispatcher = dispatcher(Duration.ofSeconds(5));
    for (int i = 0; i < 5; i++) {
      dispatcher.accept(Notifications.firing(Notifications.errorRateRule()));
    }

    dispatcher.close(Duration.ofSeconds(10));

    webhook.verify(5, postRequestedFor(urlEqualTo("/hook")));
  }
}
