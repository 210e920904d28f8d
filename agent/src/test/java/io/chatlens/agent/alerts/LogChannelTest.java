package io.chatlens.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.agent.redaction.Redactor;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogChannelTest {

  private final List<ChatEvent> events = new ArrayList<>();
  private final LogChannel channel = new LogChannel(new EventSink() {
    @Override
    public void accept(ChatEvent event) {
      events.add(event);
    }

    @Override
    public boolean isEnabled(ChatEvent.Level level) {
      return true;
    }
  });

  private void deliver(AlertNotification notification) {
    channel.deliver(AlertMessage.of(notification, "chatbot", Redactor.withDefaults()));
  }

  @Test
  void aCriticalAlertFiringIsAnErrorAuditEvent() {
    deliver(Notifications.firing(Notifications.errorRateRule()));

    assertThat(events).singleElement().satisfies(event -> {
      assertThat(event.level()).isEqualTo(ChatEvent.Level.ERROR);
      assertThat(event.module()).isEqualTo("alerts");
      assertThat(event.function()).isEqualTo("fire");
      assertThat(event.audit()).isTrue();
      assertThat(event.epochMillis()).isEqualTo(Notifications.AT.toEpochMilli());
      assertThat(event.message()).isEqualTo("[FIRING] critical HighErrorRate: Error rate 0.0734 is above 0.05 over 5m"
          + " - Messages of chatbot fail");
      assertThat(event.context()).containsEntry("alert", "HighErrorRate").containsEntry("severity", "critical")
          .containsEntry("value", "0.0734").containsEntry("condition", "above 0.05 over 5m")
          .containsEntry("label_team", "chat").containsEntry("runbook", "docs/runbooks/high-error-rate.md");
    });
  }

  @Test
  void aWarningFiresAtWarnAndAResolutionIsInfo() {
    AlertRule warning = Notifications.rule(Severity.WARNING, "s", "", Map.of());
    deliver(Notifications.firing(warning));
    deliver(Notifications.resolved(warning));

    assertThat(events).extracting(ChatEvent::level).containsExactly(ChatEvent.Level.WARN, ChatEvent.Level.INFO);
    assertThat(events).extracting(ChatEvent::function).containsExactly("fire", "resolve");
    assertThat(events.get(1).context()).containsEntry("status", "resolved");
  }
}
