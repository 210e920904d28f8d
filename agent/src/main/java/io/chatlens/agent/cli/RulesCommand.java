package io.chatlens.agent.cli;

import io.chatlens.agent.alerts.AlertRuleFiles;
import io.chatlens.agent.alerts.AlertRuleSet;
import io.chatlens.agent.alerts.PrometheusRules;
import io.chatlens.agent.config.ConfigProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code rules export [alerts.yaml] [--out FILE]}: the alert rules as a Prometheus rule file, and
 * {@code rules check alerts.yaml}: validation. Without a file, the built-in rules are used.
 */
final class RulesCommand {

  static final String USAGE = "usage: rules export [alerts.yaml] [--out FILE] [--runbook-base URL] | rules check alerts.yaml";

  private RulesCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    switch (args[0]) {
      case "export" -> {
        return export(args, out, err);
      }
      case "check" -> {
        if (args.length != 2) {
          err.println(USAGE);
          return 2;
        }
        return check(Path.of(args[1]), out, err);
      }
      default -> {
        err.println("chatlens: unknown option '" + args[0] + "'; expected export or check");
        return 2;
      }
    }
  }

  private static int export(String[] args, PrintStream out, PrintStream err) {
    String file = null;
    String target = null;
    String runbookBase = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--out") && i + 1 < args.length) {
        target = args[++i];
      } else if (args[i].equals("--runbook-base") && i + 1 < args.length) {
        runbookBase = args[++i];
        if (!runbookBase.matches("https?://\\S+")) {
          err.println("chatlens: --runbook-base " + runbookBase + ": expected an http(s) URL, such as "
              + "https://github.com/acme/chatbot/blob/main/");
          return 2;
        }
      } else if (!args[i].startsWith("--") && file == null) {
        file = args[i];
      } else {
        err.println(USAGE);
        return 2;
      }
    }
    AlertRuleSet rules = file == null ? AlertRuleFiles.builtIn() : AlertRuleFiles.read(Path.of(file));
    printProblems(rules, out, err);
    if (rules.hasErrors()) {
      err.println("chatlens: " + rules.source() + " has errors; nothing exported");
      return 1;
    }
    java.util.List<io.chatlens.agent.alerts.AlertRule> exportedRules = rules.rules();
    if (runbookBase != null) {
      exportedRules = withRunbookBase(exportedRules, runbookBase);
    }
    String exported = PrometheusRules.export(exportedRules, file == null ? "" : file);
    if (target == null) {
      out.print(exported);
      return 0;
    }
    try {
      Files.writeString(Path.of(target), exported, StandardCharsets.UTF_8);
      err.println("chatlens: " + rules.rules().size() + " alerting rules written to " + target);
      return 0;
    } catch (IOException e) {
      err.println("chatlens: cannot write " + target + ": " + e.getMessage());
      return 1;
    }
  }

  /**
   * The rules with every relative runbook_url made absolute under {@code base} (Alertmanager and Grafana show a
   * runbook as a link only when it is a URL); absolute ones are kept.
   */
  static java.util.List<io.chatlens.agent.alerts.AlertRule> withRunbookBase(
      java.util.List<io.chatlens.agent.alerts.AlertRule> rules, String base) {
    String prefix = base.endsWith("/") ? base : base + "/";
    return rules.stream().map(rule -> rule.runbookUrl().isEmpty() || rule.runbookUrl().matches("https?://.*") ? rule
        : new io.chatlens.agent.alerts.AlertRule(rule.name(), rule.severity(), rule.signal(), rule.expr(), rule.window(),
            rule.comparison(), rule.threshold(), rule.forDuration(), rule.summary(), rule.description(), rule.labels(),
            rule.params(), rule.prometheusOnly(), prefix + rule.runbookUrl())).toList();
  }

  private static int check(Path file, PrintStream out, PrintStream err) {
    AlertRuleSet rules = AlertRuleFiles.read(file);
    printProblems(rules, out, err);
    if (rules.hasErrors()) {
      return 1;
    }
    out.println(file + ": OK, " + rules.rules().size() + " rules (" + rules.inProcessRules().size()
        + " evaluated by the agent)");
    return 0;
  }

  private static void printProblems(AlertRuleSet rules, PrintStream out, PrintStream err) {
    for (ConfigProblem problem : rules.problems()) {
      (problem.isError() ? err : out).println(problem.render());
    }
  }
}
