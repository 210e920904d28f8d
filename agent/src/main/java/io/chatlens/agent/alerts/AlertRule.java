package io.chatlens.agent.alerts;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One alert rule of alerts.yaml.
 *
 * @param name unique name, also the Prometheus {@code alert}, e.g. {@code HighErrorRate}
 * @param severity critical or warning
 * @param signal what is watched; {@code null} for a Prometheus-only rule given as {@code expr}
 * @param expr a raw PromQL condition of a Prometheus-only rule, else {@code null}
 * @param window the window the signal is computed over
 * @param comparison above or below; {@code null} with {@code expr}
 * @param threshold the threshold compared with
 * @param forDuration how long the condition must hold before the alert fires
 * @param summary one line, with optional placeholders {@code {{value}}}, {@code {{threshold}}}, ...
 * @param description more detail, same placeholders
 * @param labels extra labels, added to the notification and the Prometheus rule
 * @param params signal parameters such as {@code max_sessions}
 * @param prometheusOnly exported to Prometheus, never evaluated in the agent
 */
public record AlertRule(String name, Severity severity, Signal signal, String expr, Duration window,
    Comparison comparison, double threshold, Duration forDuration, String summary, String description,
    Map<String, String> labels, Map<String, Double> params, boolean prometheusOnly, String runbookUrl) {

  public AlertRule {
    labels = Map.copyOf(labels);
    params = Map.copyOf(params);
    runbookUrl = runbookUrl == null ? "" : runbookUrl;
  }

  /** A rule without a runbook. */
  public AlertRule(String name, Severity severity, Signal signal, String expr, Duration window, Comparison comparison,
      double threshold, Duration forDuration, String summary, String description, Map<String, String> labels,
      Map<String, Double> params, boolean prometheusOnly) {
    this(name, severity, signal, expr, window, comparison, threshold, forDuration, summary, description, labels,
        params, prometheusOnly, "");
  }

  /** Whether the agent evaluates this rule itself. */
  public boolean evaluatedInProcess() {
    return !prometheusOnly && signal != null;
  }

  /** Whether this value makes the condition true; no data never does. */
  public boolean holds(OptionalDouble value) {
    return value.isPresent() && !Double.isNaN(value.getAsDouble()) && comparison.holds(value.getAsDouble(), threshold);
  }

  /** The PromQL condition of the exported alerting rule. */
  public String promQlCondition() {
    if (expr != null) {
      return expr;
    }
    return "(" + signal.promQl(PromDuration.format(window), params) + ") " + comparison.operator() + " "
        + Thresholds.format(threshold);
  }
}
