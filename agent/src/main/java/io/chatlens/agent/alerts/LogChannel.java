package io.chatlens.agent.alerts;

import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.EventSink;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes each notification as an audit event of the structured log: module {@code alerts}, function
 * {@code fire} or {@code resolve}; ERROR for a critical alert firing, WARN for a warning firing, INFO
 * when resolved. For example
 * {@code [ERROR] [alerts] [fire] [FIRING] critical HighErrorRate: Error rate 0.0734 is above 0.05 over 5m alert=HighErrorRate, ...}.
 */
final class LogChannel implements NotificationChannel {

  private final EventSink sink;

  LogChannel(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public String name() {
    return "log";
  }

  @Override
  public void deliver(AlertMessage message) {
    ChatEvent.Level level = !message.firing() ? ChatEvent.Level.INFO
        : message.severity() == Severity.CRITICAL ? ChatEvent.Level.ERROR : ChatEvent.Level.WARN;
    Map<String, String> context = new LinkedHashMap<>();
    context.put("alert", message.alert());
    context.put("severity", message.severity().label());
    context.put("status", message.status());
    context.put("value", message.valueText());
    context.put("condition", message.conditionText());
    context.put("since", message.since().toString());
    if (message.repeat()) {
      context.put("repeat", "true");
    }
    if (!message.runbookUrl().isEmpty()) {
      context.put("runbook", message.runbookUrl());
    }
    message.labels().forEach((key, value) -> context.putIfAbsent("label_" + key, value));
    sink.accept(new ChatEvent(message.at().toEpochMilli(), level, "alerts", message.firing() ? "fire" : "resolve",
        message.headline() + (message.description().isEmpty() ? "" : " - " + message.description()), context, null,
        true));
  }
}
