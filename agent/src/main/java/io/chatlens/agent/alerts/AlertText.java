package io.chatlens.agent.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of a rule's summary and description: {@code {{value}}}, {@code {{threshold}}},
 * {@code {{window}}}, {@code {{for}}} and {@code {{service}}}. The agent fills them in itself; the
 * Prometheus export turns them into the equivalent Go template ({@code {{ $value }}},
 * {@code {{ $labels.job }}}).
 */
final class AlertText {

  static final Set<String> PLACEHOLDERS = Set.of("value", "threshold", "window", "for", "service");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

  private AlertText() {}

  /** The placeholders of a text that are not among {@link #PLACEHOLDERS}. */
  static List<String> unknownPlaceholders(String text) {
    List<String> unknown = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      if (!PLACEHOLDERS.contains(matcher.group(1))) {
        unknown.add(matcher.group(1));
      }
    }
    return unknown;
  }

  /** The text with its placeholders filled in; a missing value is written {@code n/a}. */
  static String render(String text, AlertRule rule, double value, String service) {
    return replace(text, name -> switch (name) {
      case "value" -> Double.isNaN(value) ? "n/a" : Thresholds.measured(value);
      case "threshold" -> Thresholds.format(rule.threshold());
      case "window" -> PromDuration.format(rule.window());
      case "for" -> PromDuration.format(rule.forDuration());
      case "service" -> service;
      default -> null;
    });
  }

  /** The text as a Prometheus annotation template. */
  static String toPrometheus(String text, AlertRule rule) {
    return replace(text, name -> switch (name) {
      case "value" -> "{{ $value | printf \"%.3g\" }}";
      case "threshold" -> Thresholds.format(rule.threshold());
      case "window" -> PromDuration.format(rule.window());
      case "for" -> PromDuration.format(rule.forDuration());
      case "service" -> "{{ $labels.job }}";
      default -> null;
    });
  }

  private static String replace(String text, java.util.function.Function<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement = values.apply(matcher.group(1));
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? matcher.group() : replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
