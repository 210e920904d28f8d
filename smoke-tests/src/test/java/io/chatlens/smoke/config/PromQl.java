package io.chatlens.smoke.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL lexing to find what an expression refers to: metric names, the labels of each selector
 * and the labels of by/without/on/ignoring/group_* clauses. (promtool checks the syntax itself.)
 */
final class PromQl {

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*+)?\\s*\\{([^}]*)\\}");
  private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");
  /** A whole identifier (not part of a number or variable) that is not a function call. */
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
  private static final Pattern AGGREGATION = Pattern.compile(
      "\\b(?:sum|min|max|avg|group|stddev|stdvar|count|count_values|bottomk|topk|quantile|limitk|limit_ratio)\\s*(?:\\(|by\\b|without\\b)");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
      "ignoring", "group_left", "group_right", "inf", "nan", "atan2", "start", "end");

  /** What one expression refers to. */
  record References(Set<String> metrics, Map<String, Set<String>> selectorLabels, Set<String> groupingLabels,
      boolean aggregates) {}

  private PromQl() {}

  static References references(String expression) {
    String text = STRING.matcher(expression).replaceAll("\"\"");
    Map<String, Set<String>> selectorLabels = new LinkedHashMap<>();
    Set<String> metrics = new LinkedHashSet<>();
    Matcher selector = SELECTOR.matcher(text);
    while (selector.find()) {
      String name = selector.group(1);
      Set<String> labels = new LinkedHashSet<>();
      Matcher matcher = MATCHER.matcher(selector.group(2));
      while (matcher.find()) {
        labels.add(matcher.group(1));
      }
      if (name != null && !KEYWORDS.contains(name)) {
        selectorLabels.computeIfAbsent(name, key -> new LinkedHashSet<>()).addAll(labels);
      }
    }
    String withoutSelectors = text.replaceAll("\\{[^}]*\\}", " ");
    Set<String> grouping = new LinkedHashSet<>();
    Matcher group = GROUPING.matcher(withoutSelectors);
    while (group.find()) {
      for (String label : group.group(1).split(",")) {
        if (!label.isBlank()) {
          grouping.add(label.strip());
        }
      }
    }
    String rest = RANGE.matcher(GROUPING.matcher(withoutSelectors).replaceAll(" ")).replaceAll(" ");
    Matcher identifier = IDENTIFIER.matcher(rest);
    while (identifier.find()) {
      String name = identifier.group(1);
      if (!KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        metrics.add(name);
      }
    }
    for (String name : selectorLabels.keySet()) {
      metrics.add(name);
    }
    return new References(metrics, selectorLabels, grouping, AGGREGATION.matcher(withoutSelectors).find());
  }

  /** The labels a {@code {{label}}} legend refers to. */
  static List<String> legendLabels(String legend) {
    List<String> labels = new ArrayList<>();
    Matcher matcher = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\}\\}").matcher(legend);
    while (matcher.find()) {
      labels.add(matcher.group(1));
    }
    return labels;
  }

  /** A Grafana expression made plain PromQL: template variables replaced by values promtool accepts. */
  static String withoutGrafanaVariables(String expression) {
    return expression
        .replace("$__rate_interval", "5m")
        .replace("$__interval", "1m")
        .replace("$__range", "1h")
        .replaceAll("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*(?::[a-z]+)?\\}?", ".*");
  }
}
