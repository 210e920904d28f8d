package io.chatlens.agent.alerts;

import io.chatlens.agent.config.ClosestKey;
import io.chatlens.agent.config.ConfigProblem;
import io.chatlens.agent.config.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads alerts.yaml. Every problem is one line naming the file, the line, the rule and the field; a rule
 * with an error is left out and the others are kept, so a mistake never stops the application.
 */
final class AlertRulesParser {

  static final List<String> FIELDS = List.of("name", "severity", "signal", "expr", "window", "above", "below", "for",
      "summary", "description", "runbook_url", "labels", "params", "prometheus_only");
  /** An http(s) URL, or a path relative to where the rules are read (docs/runbooks/high-error-rate.md). */
  private static final Pattern RUNBOOK = Pattern.compile("https?://\\S+|[A-Za-z0-9_.][A-Za-z0-9_./#-]*");
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> RESERVED_LABELS = Set.of("severity", "alertname");

  private final String source;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private AlertRulesParser(String source) {
    this.source = source;
  }

  /** Parses the text of an alerts.yaml; {@code source} names it in messages. */
  static AlertRuleSet parse(String source, String text) {
    return new AlertRulesParser(source).parse(text);
  }

  private AlertRuleSet parse(String text) {
    Node root;
    try {
      root = new Compose(LoadSettings.builder().setLabel(source).build()).composeString(text).orElse(null);
    } catch (YamlEngineException invalid) {
      int line = invalid instanceof MarkedYamlEngineException marked
          ? marked.getProblemMark().map(mark -> mark.getLine() + 1).orElse(0) : 0;
      String problem = invalid instanceof MarkedYamlEngineException marked && marked.getProblem() != null
          ? marked.getProblem() : String.valueOf(invalid.getMessage()).lines().findFirst().orElse("");
      problems.add(error(line, "", "", "is not valid YAML: " + problem));
      return new AlertRuleSet(source, List.of(), problems, false);
    }
    List<AlertRule> rules = new ArrayList<>();
    if (root == null) {
      return new AlertRuleSet(source, rules, problems, true);
    }
    if (!(root instanceof MappingNode top)) {
      problems.add(error(line(root), "", "", "expected a mapping with a 'rules:' list"));
      return new AlertRuleSet(source, rules, problems, false);
    }
    MonitoringBlock monitoring = null;
    boolean hasRules = false;
    for (NodeTuple tuple : top.getValue()) {
      String key = scalar(tuple.getKeyNode());
      if ("rules".equals(key)) {
        hasRules = true;
        if (tuple.getValueNode() instanceof SequenceNode list) {
          readRules(list, rules);
        } else if (!isNull(tuple.getValueNode())) {
          problems.add(error(line(tuple.getValueNode()), "rules", "", "expected a list of rules"));
        }
      } else if ("monitoring".equals(key)) {
        monitoring = new MonitoringBlock();
        monitoring.read(tuple.getValueNode());
      } else {
        problems.add(warn(line(tuple.getKeyNode()), String.valueOf(key), "", "unknown key; expected 'rules' or 'monitoring'"));
      }
    }
    if (monitoring == null) {
      return new AlertRuleSet(source, rules, problems, true);
    }
    // The seed's block alone stands for the built-in rules with its thresholds; beside rules: it tunes those.
    List<AlertRule> base = hasRules ? rules : AlertRuleFiles.builtIn().rules();
    return new AlertRuleSet(source, monitoring.apply(base), problems, true, monitoring.channels(),
        monitoring.logRetention);
  }

  /**
   * The seed's "Monitoring Configuration" block, pasted as is: {@code metrics.*_threshold} set the thresholds of
   * the built-in rules, {@code alerts.email} and {@code alerts.slack} the channels, {@code retention.logs} the
   * retention of the main log file; the other retention periods are reported with where each is set instead. Every
   * key that cannot be mapped is a warning naming its line.
   */
  private final class MonitoringBlock {
    /** Seed threshold key to the rule it sets. */
    private static final Map<String, String> THRESHOLDS = Map.of(
        "response_time_threshold", "ResponseTimeDegradation",
        "error_rate_threshold", "HighErrorRate",
        "memory_threshold", "MemoryExhaustion",
        "cpu_threshold", "HighCpuUsage");
    private final Map<String, Double> thresholds = new LinkedHashMap<>();
    private final Map<String, Integer> thresholdLines = new LinkedHashMap<>();
    private Boolean emailEnabled;
    private final List<String> recipients = new ArrayList<>();
    private Boolean slackEnabled;
    private String slackUrl;
    private SeedLogRetention logRetention;

    void read(Node block) {
      for (NodeTuple section : entries(block, "monitoring")) {
        String name = String.valueOf(scalar(section.getKeyNode()));
        Node value = section.getValueNode();
        switch (name) {
          case "metrics" -> metrics(value);
          case "alerts" -> alerts(value);
          case "retention" -> retention(value);
          default -> problems.add(warn(line(section.getKeyNode()), "monitoring." + name, "",
              "cannot be mapped; expected metrics, alerts or retention"));
        }
      }
    }

    private List<NodeTuple> entries(Node node, String where) {
      if (node instanceof MappingNode mapping) {
        return mapping.getValue();
      }
      if (!isNull(node)) {
        problems.add(warn(line(node), where, String.valueOf(scalar(node)), "expected a mapping; ignored"));
      }
      return List.of();
    }

    private void metrics(Node node) {
      for (NodeTuple entry : entries(node, "monitoring.metrics")) {
        String key = String.valueOf(scalar(entry.getKeyNode()));
        String value = scalar(entry.getValueNode());
        String field = "monitoring.metrics." + key;
        String rule = THRESHOLDS.get(key);
        if (rule == null) {
          problems.add(warn(line(entry.getKeyNode()), field, String.valueOf(value), "cannot be mapped to a rule; known: "
              + String.join(", ", new java.util.TreeSet<>(THRESHOLDS.keySet()))));
          continue;
        }
        Double threshold = value == null ? null : parseNumber(value.strip());
        if (threshold == null) {
          problems.add(warn(line(entry.getValueNode()), field, String.valueOf(value),
              "expected a number such as 0.05 or 5%; the rule " + rule + " keeps its threshold"));
        } else {
          thresholds.put(rule, threshold);
          thresholdLines.put(rule, line(entry.getValueNode()));
        }
      }
    }

    private void alerts(Node node) {
      for (NodeTuple entry : entries(node, "monitoring.alerts")) {
        String channel = String.valueOf(scalar(entry.getKeyNode()));
        if (!channel.equals("email") && !channel.equals("slack")) {
          problems.add(warn(line(entry.getKeyNode()), "monitoring.alerts." + channel, "",
              "cannot be mapped; expected email or slack"));
          continue;
        }
        for (NodeTuple setting : entries(entry.getValueNode(), "monitoring.alerts." + channel)) {
          String key = String.valueOf(scalar(setting.getKeyNode()));
          String field = "monitoring.alerts." + channel + "." + key;
          Node value = setting.getValueNode();
          if (key.equals("enabled")) {
            String text = String.valueOf(scalar(value)).strip().toLowerCase(Locale.ROOT);
            if (!text.equals("true") && !text.equals("false")) {
              problems.add(warn(line(value), field, text, "expected true or false; ignored"));
            } else if (channel.equals("email")) {
              emailEnabled = Boolean.valueOf(text);
            } else {
              slackEnabled = Boolean.valueOf(text);
            }
          } else if (channel.equals("email") && key.equals("recipients")) {
            List<Node> items = value instanceof SequenceNode list ? list.getValue() : List.of(value);
            for (Node item : items) {
              String address = scalar(item);
              if (address != null && address.strip().matches("[^@\\s]+@[^@\\s]+")) {
                recipients.add(address.strip());
              } else {
                problems.add(warn(line(item), field, String.valueOf(address), "expected an e-mail address; ignored"));
              }
            }
          } else if (channel.equals("slack") && key.equals("webhook_url")) {
            // the URL holds the webhook's secret token: it is never repeated in a message
            String url = String.valueOf(scalar(value)).strip();
            if (url.contains("...")) {
              problems.add(warn(line(value), field, "****", "is the example's placeholder: give your Slack "
                  + "incoming-webhook URL (https://hooks.slack.com/services/...); no Slack notification is sent"));
            } else {
              try {
                slackUrl = java.net.URI.create(ValueType.url().parse(url)).toString();
              } catch (RuntimeException invalid) {
                problems.add(warn(line(value), field, "****", "expected an http:// or https:// URL; no Slack "
                    + "notification is sent"));
              }
            }
          } else {
            problems.add(warn(line(setting.getKeyNode()), field, String.valueOf(scalar(value)), "cannot be mapped; expected "
                + (channel.equals("email") ? "enabled or recipients (the SMTP server is set in agent.properties: "
                    + "chatlens.alerts.email.*)" : "enabled or webhook_url")));
          }
        }
      }
    }

    private void retention(Node node) {
      for (NodeTuple entry : entries(node, "monitoring.retention")) {
        String key = String.valueOf(scalar(entry.getKeyNode()));
        String value = String.valueOf(scalar(entry.getValueNode()));
        String field = "monitoring.retention." + key;
        int line = line(entry.getKeyNode());
        if (key.equals("logs")) {
          Long days = days(value);
          if (days == null) {
            problems.add(warn(line, field, value, "expected a whole number of days from 1 to 36500, such as 30"));
          } else {
            logRetention = new SeedLogRetention(Duration.ofDays(days), source + ":" + line);
          }
          continue;
        }
        String where = switch (key) {
          case "metrics" -> "metric retention belongs to the metrics backend: Prometheus's --storage.tsdb.retention.time "
              + "(config/docker-compose.yml keeps 90d)";
          case "alerts" -> "alert notifications are audit events of the structured log, kept for "
              + "chatlens.log.retention.audit (7 years by default)";
          default -> null;
        };
        problems.add(warn(line, field, value, where == null
            ? "cannot be mapped; expected logs, metrics or alerts"
            : "not applied from the alerts file: " + where));
      }
    }

    /** {@code 30} or {@code 30d}: a whole number of days from 1 to 36500, else {@code null}. */
    private static Long days(String value) {
      String digits = value.strip().toLowerCase(Locale.ROOT);
      digits = digits.endsWith("d") ? digits.substring(0, digits.length() - 1) : digits;
      if (!digits.matches("[0-9]{1,5}")) {
        return null;
      }
      long days = Long.parseLong(digits);
      return days >= 1 && days <= 36_500 ? days : null;
    }

    List<AlertRule> apply(List<AlertRule> rules) {
      List<AlertRule> result = new ArrayList<>();
      for (AlertRule rule : rules) {
        Double threshold = thresholds.remove(rule.name());
        result.add(threshold == null ? rule : new AlertRule(rule.name(), rule.severity(), rule.signal(), rule.expr(),
            rule.window(), rule.comparison(), threshold, rule.forDuration(), rule.summary(), rule.description(),
            rule.labels(), rule.params(), rule.prometheusOnly(), rule.runbookUrl()));
      }
      thresholds.forEach((rule, value) -> problems.add(warn(thresholdLines.get(rule), rule, Thresholds.format(value),
          "no rule named " + rule + " to set the threshold of")));
      return result;
    }

    SeedChannels channels() {
      return new SeedChannels(emailEnabled, recipients, slackEnabled, slackUrl);
    }
  }

  private void readRules(SequenceNode list, List<AlertRule> rules) {
    Set<String> names = new HashSet<>();
    int index = 0;
    for (Node item : list.getValue()) {
      index++;
      AlertRule rule = new RuleReader(item, "rules[" + index + "]").read();
      if (rule != null) {
        if (!names.add(rule.name())) {
          problems.add(error(line(item), rule.name() + ".name", rule.name(),
              "another rule has the same name; this one is skipped"));
        } else {
          rules.add(rule);
        }
      }
    }
  }

  /** Reads one rule; collects its problems; {@code null} when it has an error. */
  private final class RuleReader {
    private final Node node;
    private String label;
    private final Map<String, Node> fields = new LinkedHashMap<>();
    private boolean failed;

    RuleReader(Node node, String label) {
      this.node = node;
      this.label = label;
    }

    AlertRule read() {
      if (!(node instanceof MappingNode mapping)) {
        problems.add(error(line(node), label, "", "expected a rule (a mapping with name, severity, signal, ...)"));
        return null;
      }
      for (NodeTuple tuple : mapping.getValue()) {
        String name = "name".equals(scalar(tuple.getKeyNode())) ? scalar(tuple.getValueNode()) : null;
        if (name != null && NAME.matcher(name.strip()).matches()) {
          label = name.strip();
        }
      }
      for (NodeTuple tuple : mapping.getValue()) {
        String key = scalar(tuple.getKeyNode());
        if (key == null || !FIELDS.contains(key)) {
          problems.add(warn(line(tuple.getKeyNode()), label + "." + key, "", "unknown field; did you mean "
              + closest(String.valueOf(key), FIELDS) + "? It is ignored"));
        } else if (fields.put(key, tuple.getValueNode()) != null) {
          fail(tuple.getKeyNode(), key, "", "is given twice");
        }
      }
      String name = text("name", true);
      if (name != null) {
        if (!NAME.matcher(name).matches()) {
          fail(fields.get("name"), "name", name, "expected a name such as HighErrorRate (a letter, then letters, digits or _)");
        }
      }
      Severity severity = severity();
      boolean prometheusOnly = bool("prometheus_only");
      String expr = text("expr", false);
      Signal signal = signal(expr != null);
      if (expr != null && !prometheusOnly) {
        fail(fields.get("expr"), "expr", expr, "a raw PromQL expression needs prometheus_only: true");
      }
      if (expr != null && signal != null) {
        fail(fields.get("expr"), "expr", expr, "give either signal or expr, not both");
      }
      Duration window = duration("window", DEFAULT_WINDOW, ValueType.positiveDuration());
      Duration forDuration = duration("for", Duration.ZERO, ValueType.duration());
      Comparison comparison = null;
      double threshold = Double.NaN;
      if (expr == null) {
        boolean above = fields.containsKey("above");
        boolean below = fields.containsKey("below");
        if (above == below) {
          fail(node, above ? "below" : "above", "", above ? "give either above or below, not both"
              : "missing: give the threshold as above: NUMBER or below: NUMBER");
        } else {
          comparison = above ? Comparison.ABOVE : Comparison.BELOW;
          threshold = number(comparison.key());
        }
      } else if (fields.containsKey("above") || fields.containsKey("below")) {
        fail(fields.get(fields.containsKey("above") ? "above" : "below"), fields.containsKey("above") ? "above" : "below",
            "", "not allowed with expr: write the comparison in the expression");
      }
      String summary = text("summary", true);
      String description = fields.containsKey("description") ? text("description", false) : "";
      checkPlaceholders("summary", summary, expr != null);
      checkPlaceholders("description", description, expr != null);
      String runbook = fields.containsKey("runbook_url") ? text("runbook_url", true) : "";
      if (runbook != null && !runbook.isEmpty() && !RUNBOOK.matcher(runbook).matches()) {
        fail(fields.get("runbook_url"), "runbook_url", runbook,
            "expected an http(s) URL or a relative path such as docs/runbooks/high-error-rate.md");
      }
      Map<String, String> labels = labels();
      Map<String, Double> params = params(signal);
      if (failed) {
        return null;
      }
      return new AlertRule(name, severity, signal, expr, window, comparison, threshold, forDuration, summary,
          description == null ? "" : description, labels, params, prometheusOnly, runbook);
    }

    private String text(String field, boolean required) {
      Node value = fields.get(field);
      if (value == null || isNull(value)) {
        if (required) {
          fail(node, field, "", "missing");
        }
        return null;
      }
      String text = scalar(value);
      if (text == null) {
        fail(value, field, "", "expected a text");
        return null;
      }
      if (required && text.isBlank()) {
        fail(value, field, "", "must not be empty");
        return null;
      }
      return text.strip();
    }

    private Severity severity() {
      String value = text("severity", true);
      if (value == null) {
        return null;
      }
      for (Severity severity : Severity.values()) {
        if (severity.label().equals(value.toLowerCase(Locale.ROOT))) {
          return severity;
        }
      }
      fail(fields.get("severity"), "severity", value, "expected critical or warning");
      return null;
    }

    private Signal signal(boolean hasExpr) {
      String value = text("signal", !hasExpr);
      if (value == null) {
        return null;
      }
      Signal signal = Signal.byId(value);
      if (signal == null) {
        fail(fields.get("signal"), "signal", value, "unknown signal; did you mean " + closest(value, Signal.ids())
            + "? Known: " + String.join(", ", Signal.ids()));
      }
      return signal;
    }

    private boolean bool(String field) {
      String value = text(field, false);
      if (value == null) {
        return false;
      }
      try {
        return ValueType.bool().parse(value);
      } catch (RuntimeException invalid) {
        fail(fields.get(field), field, value, "expected true or false");
        return false;
      }
    }

    private Duration duration(String field, Duration fallback, ValueType<Duration> type) {
      String value = text(field, false);
      if (value == null) {
        return fallback;
      }
      try {
        return type.parse(value);
      } catch (RuntimeException invalid) {
        fail(fields.get(field), field, value, "expected " + type.allowed());
        return fallback;
      }
    }

    private double number(String field) {
      String value = text(field, true);
      if (value == null) {
        return Double.NaN;
      }
      Double parsed = parseNumber(value);
      if (parsed == null) {
        fail(fields.get(field), field, value, "expected a number such as 0.05, 5% or 2");
        return Double.NaN;
      }
      return parsed;
    }

    private void checkPlaceholders(String field, String text, boolean prometheusTemplate) {
      if (text == null || prometheusTemplate) {
        return;
      }
      for (String unknown : AlertText.unknownPlaceholders(text)) {
        fail(fields.get(field), field, "{{" + unknown + "}}", "unknown placeholder; known: "
            + String.join(", ", AlertText.PLACEHOLDERS.stream().sorted().toList()));
      }
    }

    private Map<String, String> labels() {
      Map<String, String> labels = new LinkedHashMap<>();
      Node value = fields.get("labels");
      if (value == null || isNull(value)) {
        return labels;
      }
      if (!(value instanceof MappingNode mapping)) {
        fail(value, "labels", "", "expected a mapping of label names to texts");
        return labels;
      }
      for (NodeTuple tuple : mapping.getValue()) {
        String key = scalar(tuple.getKeyNode());
        String text = scalar(tuple.getValueNode());
        if (key == null || !LABEL.matcher(key).matches() || RESERVED_LABELS.contains(key)) {
          fail(tuple.getKeyNode(), "labels", String.valueOf(key),
              "expected a label name (letters, digits, _), other than severity and alertname");
        } else if (text == null) {
          fail(tuple.getValueNode(), "labels." + key, "", "expected a text");
        } else {
          labels.put(key, text);
        }
      }
      return labels;
    }

    private Map<String, Double> params(Signal signal) {
      Map<String, Double> params = new LinkedHashMap<>();
      Node value = fields.get("params");
      if (value != null && !isNull(value)) {
        if (value instanceof MappingNode mapping) {
          for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode());
            String text = scalar(tuple.getValueNode());
            Double number = text == null ? null : parseNumber(text);
            if (signal != null && !signal.requiredParams().contains(key)) {
              problems.add(warn(line(tuple.getKeyNode()), label + ".params." + key, String.valueOf(text),
                  "signal " + signal.id() + " has no such parameter; it is ignored"));
            } else if (number == null || number <= 0) {
              fail(tuple.getValueNode(), "params." + key, String.valueOf(text), "expected a number greater than 0");
            } else {
              params.put(key, number);
            }
          }
        } else {
          fail(value, "params", "", "expected a mapping of parameter names to numbers");
        }
      }
      if (signal != null) {
        for (String required : signal.requiredParams()) {
          if (!params.containsKey(required) && !failed) {
            fail(value == null ? node : value, "params." + required, "", "missing: signal " + signal.id()
                + " needs it, e.g. params: {" + required + ": 1000}");
          }
        }
      }
      return params;
    }

    private void fail(Node at, String field, String value, String message) {
      failed = true;
      problems.add(error(line(at == null ? node : at), label + "." + field, value, message + "; the rule is skipped"));
    }
  }

  /** {@code 0.05}, {@code 2}, {@code 5%}; {@code null} when not a finite number. */
  static Double parseNumber(String text) {
    try {
      String value = text.strip();
      double number = value.endsWith("%")
          ? Double.parseDouble(value.substring(0, value.length() - 1).strip()) / 100
          : Double.parseDouble(value);
      return Double.isFinite(number) ? number : null;
    } catch (NumberFormatException invalid) {
      return null;
    }
  }

  private static String scalar(Node node) {
    return node instanceof ScalarNode scalar ? scalar.getValue() : null;
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().getValue().endsWith(":null");
  }

  private static int line(Node node) {
    return node == null ? 0 : node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
  }

  private static String closest(String wrong, List<String> valid) {
    return ClosestKey.among(wrong, valid);
  }

  private ConfigProblem error(int line, String key, String value, String message) {
    return new ConfigProblem(ConfigProblem.Severity.ERROR, source, line, key, value, message);
  }

  private ConfigProblem warn(int line, String key, String value, String message) {
    return new ConfigProblem(ConfigProblem.Severity.WARN, source, line, key, value, message);
  }
}
