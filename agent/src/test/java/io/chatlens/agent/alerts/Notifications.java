package io.chatlens.agent.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Sample rules and notifications for the channel tests. */
final class Notifications {

  static final String EMAIL = "jane.doe@example.com";
  static final String TOKEN = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
  static final Instant SINCE = Instant.parse("2024-01-15T10:30:00Z");
  static final Instant AT = Instant.parse("2024-01-15T10:32:00Z");

  private Notifications() {}

  static AlertRule rule(Severity severity, String summary, String description, Map<String, String> labels) {
    return new AlertRule("HighErrorRate", severity, Signal.ERROR_RATE, null, Duration.ofMinutes(5), Comparison.ABOVE, 0.05,
        Duration.ofMinutes(2), summary, description, labels, Map.of(), false);
  }

  static AlertRule errorRateRule() {
    AlertRule rule = rule(Severity.CRITICAL, "Error rate {{value}} is above {{threshold}} over {{window}}",
        "Messages of {{service}} fail", Map.of("team", "chat"));
    return new AlertRule(rule.name(), rule.severity(), rule.signal(), rule.expr(), rule.window(), rule.comparison(),
        rule.threshold(), rule.forDuration(), rule.summary(), rule.description(), rule.labels(), rule.params(),
        rule.prometheusOnly(), "docs/runbooks/high-error-rate.md");
  }

  /** A rule whose texts carry an e-mail address and an API token that must never leave the process. */
  static AlertRule leakyRule() {
    return rule(Severity.CRITICAL, "Errors for " + EMAIL + " at {{value}}", "Token " + TOKEN + " was rejected",
        Map.of("owner", EMAIL, "api_key", "abc123"));
  }

  static AlertNotification firing(AlertRule rule) {
    return new AlertNotification(rule, AlertState.FIRING, 0.0734, SINCE, AT, false);
  }

  static AlertNotification resolved(AlertRule rule) {
    return new AlertNotification(rule, AlertState.RESOLVED, 0.01, SINCE, AT, false);
  }
}
