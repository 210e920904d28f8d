package io.chatlens.agent.alerts;

import io.chatlens.agent.config.ConfigProblem;
import java.util.List;

/**
 * The rules read from one alerts.yaml, with the problems found in it.
 *
 * @param source the file name used in messages
 * @param rules the valid rules, in file order (a rule with an error is left out)
 * @param problems one line each, naming file, line, rule and field
 * @param readable false when the file could not be read or is not YAML at all
 * @param channels the channels the seed's monitoring block names, {@link SeedChannels#NONE} without one
 * @param logRetention the block's {@code retention.logs}, {@code null} without one
 */
public record AlertRuleSet(String source, List<AlertRule> rules, List<ConfigProblem> problems, boolean readable,
    SeedChannels channels, SeedLogRetention logRetention) {

  public AlertRuleSet {
    rules = List.copyOf(rules);
    problems = List.copyOf(problems);
    channels = channels == null ? SeedChannels.NONE : channels;
  }

  public AlertRuleSet(String source, List<AlertRule> rules, List<ConfigProblem> problems, boolean readable) {
    this(source, rules, problems, readable, SeedChannels.NONE, null);
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(ConfigProblem::isError);
  }

  /** The rules the agent evaluates itself (not the Prometheus-only ones). */
  public List<AlertRule> inProcessRules() {
    return rules.stream().filter(AlertRule::evaluatedInProcess).toList();
  }
}
