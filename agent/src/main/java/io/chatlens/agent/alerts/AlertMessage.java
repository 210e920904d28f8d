package io.chatlens.agent.alerts;

import io.chatlens.agent.redaction.Redactor;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every channel sends about one notification, after the redaction stage: the summary, the
 * description, the labels and the rule name have been through {@link Redactor}, so nothing sensitive
 * written into a rule (or reaching it through a placeholder) leaves the process.
 *
 * @param status {@code firing} or {@code resolved}
 * @param alert the rule name
 * @param severity critical or warning
 * @param summary the rendered, redacted summary
 * @param description the rendered, redacted description
 * @param value the signal's value, {@code NaN} when there is none
 * @param threshold the rule's threshold
 * @param comparison above or below
 * @param signal the signal's name
 * @param window the window, e.g. {@code 5m}
 * @param service the service name of the agent
 * @param labels the rule's redacted labels, sorted
 * @param since when it started firing
 * @param at when the notification was decided
 * @param repeat whether it is a reminder
 * @param runbookUrl the rule's runbook, empty when it has none
 */
public record AlertMessage(String status, String alert, Severity severity, String summary, String description,
    double value, double threshold, Comparison comparison, String signal, String window, String service,
    Map<String, String> labels, Instant since, Instant at, boolean repeat, String runbookUrl) {

  /** Renders the rule's texts for this notification and redacts them. */
  public static AlertMessage of(AlertNotification notification, String service, Redactor redactor) {
    AlertRule rule = notification.rule();
    double value = notification.value();
    Map<String, String> labels = new TreeMap<>();
    rule.labels().forEach((key, text) -> labels.put(redactor.redact(key), redactor.redactAttribute(key, text)));
    return new AlertMessage(notification.state().label(), redactor.redact(rule.name()), rule.severity(),
        redactor.redact(AlertText.render(rule.summary(), rule, value, service)),
        redactor.redact(AlertText.render(rule.description(), rule, value, service)), value, rule.threshold(),
        rule.comparison(), rule.signal().id(), PromDuration.format(rule.window()), redactor.redact(service),
        labels, notification.since(), notification.at(), notification.repeat(), redactor.redact(rule.runbookUrl()));
  }

  public boolean firing() {
    return "firing".equals(status);
  }

  /** {@code 0.0734} or {@code n/a}. */
  public String valueText() {
    return Double.isNaN(value) ? "n/a" : Thresholds.measured(value);
  }

  /** {@code above 0.05 over 5m}. */
  public String conditionText() {
    return comparison.key() + " " + Thresholds.format(threshold) + " over " + window;
  }

  /** One line: {@code [FIRING] critical HighErrorRate: Error rate 0.0734 is above 0.05 over 5m}. */
  public String headline() {
    return "[" + status.toUpperCase(java.util.Locale.ROOT) + "] " + severity.label() + " " + alert + ": " + summary;
  }
}
