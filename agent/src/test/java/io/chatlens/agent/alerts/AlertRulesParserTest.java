package io.chatlens.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.agent.config.ConfigProblem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRulesParserTest {

  private static AlertRuleSet parse(String... lines) {
    return AlertRulesParser.parse("alerts.yaml", String.join("\n", lines));
  }

  private static List<String> rendered(AlertRuleSet set) {
    return set.problems().stream().map(ConfigProblem::render).toList();
  }

  @Test
  void theBuiltInRulesCoverEveryAlertOfTheSeed() {
    AlertRuleSet builtIn = AlertRuleFiles.builtIn();

    assertThat(builtIn.problems()).isEmpty();
    assertThat(builtIn.rules()).extracting(AlertRule::name).containsExactly("SystemDown", "HighErrorRate",
        "DatabaseConnectionFailures", "DatabaseSlowQueries", "MemoryExhaustion", "ResponseTimeDegradation",
        "HighCpuUsage", "QueueBacklog", "LowDiskSpace", "SessionLimit");
    assertThat(builtIn.inProcessRules()).hasSize(9).noneMatch(rule -> rule.name().equals("SystemDown"));
    Map<String, AlertRule> byName = builtIn.rules().stream()
        .collect(java.util.stream.Collectors.toMap(AlertRule::name, rule -> rule));
    assertThat(byName.get("HighErrorRate")).satisfies(rule -> {
      assertThat(rule.signal()).isEqualTo(Signal.ERROR_RATE);
      assertThat(rule.threshold()).isEqualTo(0.05);
      assertThat(rule.severity()).isEqualTo(Severity.CRITICAL);
    });
    assertThat(byName.get("ResponseTimeDegradation").threshold()).isEqualTo(2.0);
    assertThat(byName.get("MemoryExhaustion").threshold()).isEqualTo(0.85);
    assertThat(byName.get("HighCpuUsage").threshold()).isEqualTo(0.80);
    assertThat(byName.get("LowDiskSpace").comparison()).isEqualTo(Comparison.BELOW);
    assertThat(byName.get("SessionLimit").params()).containsEntry("max_sessions", 1000.0);
    assertThat(builtIn.rules()).filteredOn(rule -> rule.severity() == Severity.WARNING).extracting(AlertRule::name)
        .containsExactly("HighCpuUsage", "QueueBacklog", "LowDiskSpace", "SessionLimit");
  }

  @Test
  void aCompleteRuleIsReadWithDefaultsForWhatIsLeftOut() {
    AlertRuleSet set = parse(
        "rules:",
        "  - name: Errors",
        "    severity: WARNING",
        "    signal: error_rate",
        "    above: 2.5%",
        "    summary: 'Error rate {{value}} above {{ threshold }}'",
        "    labels:",
        "      team: chat",
        "  - name: Slow",
        "    severity: critical",
        "    signal: response_time_p95",
        "    window: 250ms",
        "    below: 3",
        "    for: 1h",
        "    summary: slow",
        "    description: very slow");

    assertThat(set.problems()).isEmpty();
    AlertRule errors = set.rules().get(0);
    assertThat(errors.severity()).isEqualTo(Severity.WARNING);
    assertThat(errors.threshold()).isEqualTo(0.025);
    assertThat(errors.comparison()).isEqualTo(Comparison.ABOVE);
    assertThat(errors.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(errors.forDuration()).isZero();
    assertThat(errors.description()).isEmpty();
    assertThat(errors.labels()).containsExactly(Map.entry("team", "chat"));
    AlertRule slow = set.rules().get(1);
    assertThat(slow.window()).isEqualTo(Duration.ofMillis(250));
    assertThat(slow.forDuration()).isEqualTo(Duration.ofHours(1));
    assertThat(slow.comparison()).isEqualTo(Comparison.BELOW);
  }

  @Test
  void anEmptyFileHasNoRules() {
    assertThat(parse("# nothing yet").rules()).isEmpty();
    assertThat(parse("rules:").problems()).isEmpty();
  }

  @Test
  void invalidYamlNamesTheFileAndLine() {
    AlertRuleSet set = parse("rules:", "  - name: A", "    summary: [unclosed");

    assertThat(set.readable()).isFalse();
    assertThat(rendered(set)).singleElement().asString().startsWith("ERROR alerts.yaml:").contains("is not valid YAML");
  }

  @Test
  void aBadFieldNamesFileLineRuleAndFieldAndSkipsOnlyThatRule() {
    AlertRuleSet set = parse(
        "rules:",
        "  - name: Good",
        "    severity: critical",
        "    signal: error_rate",
        "    above: 0.05",
        "    summary: ok",
        "  - name: Bad",
        "    severity: critical",
        "    signal: error_rate",
        "    window: soon",
        "    above: 0.05",
        "    summary: bad");

    assertThat(set.rules()).extracting(AlertRule::name).containsExactly("Good");
    assertThat(rendered(set)).containsExactly("ERROR alerts.yaml:10: Bad.window=soon: expected a duration greater than "
        + "zero such as 250ms, 30s, 5m, 2h or 7d; the rule is skipped");
  }

  @Test
  void unknownSignalsAndFieldsGetASuggestion() {
    AlertRuleSet set = parse(
        "rules:",
        "  - name: Typo",
        "    severity: warning",
        "    signal: eror_rate",
        "    abvoe: 1",
        "    above: 0.1",
        "    summary: typo");

    assertThat(rendered(set)).anySatisfy(line -> assertThat(line).startsWith("WARN alerts.yaml:5: Typo.abvoe=: unknown field; "
        + "did you mean above?"));
    assertThat(rendered(set)).anySatisfy(line -> assertThat(line).startsWith("ERROR alerts.yaml:4: Typo.signal=eror_rate: "
        + "unknown signal; did you mean error_rate?"));
    assertThat(set.rules()).isEmpty();
  }

  @Test
  void everyRequiredFieldIsChecked() {
    AlertRuleSet set = parse("rules:", "  - signal: error_rate");

    assertThat(rendered(set)).contains(
        "ERROR alerts.yaml:2: rules[1].name=: missing; the rule is skipped",
        "ERROR alerts.yaml:2: rules[1].severity=: missing; the rule is skipped",
        "ERROR alerts.yaml:2: rules[1].above=: missing: give the threshold as above: NUMBER or below: NUMBER; the rule is skipped",
        "ERROR alerts.yaml:2: rules[1].summary=: missing; the rule is skipped");
  }

  @Test
  void thresholdsMustBeNumbersAndOneSided() {
    AlertRuleSet set = parse(
        "rules:",
        "  - {name: Both, severity: critical, signal: error_rate, above: 1, below: 2, summary: s}",
        "  - {name: Word, severity: critical, signal: error_rate, above: high, summary: s}",
        "  - {name: Severe, severity: fatal, signal: error_rate, above: 1, summary: s}");

    assertThat(set.rules()).isEmpty();
    assertThat(rendered(set)).anyMatch(line -> line.contains("Both.below=: give either above or below, not both"))
        .anyMatch(line -> line.contains("Word.above=high: expected a number such as 0.05, 5% or 2"))
        .anyMatch(line -> line.contains("Severe.severity=fatal: expected critical or warning"));
  }

  @Test
  void sessionUsageNeedsMaxSessions() {
    AlertRuleSet set = parse("rules:",
        "  - {name: Sessions, severity: warning, signal: session_usage, above: 0.9, summary: s}",
        "  - {name: Zero, severity: warning, signal: session_usage, above: 0.9, summary: s, params: {max_sessions: 0}}");

    assertThat(set.rules()).isEmpty();
    assertThat(rendered(set)).anyMatch(line -> line.contains("Sessions.params.max_sessions=: missing: signal session_usage needs it"))
        .anyMatch(line -> line.contains("Zero.params.max_sessions=0: expected a number greater than 0"));
  }

  @Test
  void rawExpressionsArePrometheusOnly() {
    AlertRuleSet set = parse("rules:",
        "  - {name: Down, severity: critical, prometheus_only: true, expr: 'up == 0', summary: 'down {{ $labels.instance }}'}",
        "  - {name: Raw, severity: critical, expr: 'up == 0', summary: s}",
        "  - {name: Mixed, severity: critical, prometheus_only: true, expr: 'up == 0', above: 1, summary: s}");

    assertThat(set.rules()).extracting(AlertRule::name).containsExactly("Down");
    assertThat(set.rules().get(0).evaluatedInProcess()).isFalse();
    assertThat(set.inProcessRules()).isEmpty();
    assertThat(rendered(set)).anyMatch(line -> line.contains("Raw.expr=up == 0: a raw PromQL expression needs prometheus_only: true"))
        .anyMatch(line -> line.contains("Mixed.above=: not allowed with expr"));
  }

  @Test
  void namesLabelsAndPlaceholdersAreChecked() {
    AlertRuleSet set = parse("rules:",
        "  - {name: A, severity: critical, signal: error_rate, above: 1, summary: s}",
        "  - {name: A, severity: critical, signal: error_rate, above: 1, summary: s}",
        "  - {name: 'has space', severity: critical, signal: error_rate, above: 1, summary: s}",
        "  - {name: L, severity: critical, signal: error_rate, above: 1, summary: s, labels: {severity: low}}",
        "  - {name: P, severity: critical, signal: error_rate, above: 1, summary: '{{ $value }}'}");

    assertThat(set.rules()).extracting(AlertRule::name).containsExactly("A");
    assertThat(rendered(set)).anyMatch(line -> line.contains("A.name=A: another rule has the same name"))
        .anyMatch(line -> line.contains("name=has space: expected a name such as HighErrorRate"))
        .anyMatch(line -> line.contains("L.labels=severity: expected a label name"))
        .anyMatch(line -> line.contains("P.summary={{$value}}: unknown placeholder; known: for, service, threshold, value, window"));
  }

  @Test
  void aRunbookIsAUrlOrARelativePath() {
    AlertRuleSet set = parse("rules:",
        "  - {name: U, severity: critical, signal: error_rate, above: 1, summary: s, runbook_url: 'https://wiki.example.com/runbooks/u#x'}",
        "  - {name: R, severity: critical, signal: error_rate, above: 1, summary: s, runbook_url: docs/runbooks/r.md}",
        "  - {name: N, severity: critical, signal: error_rate, above: 1, summary: s}",
        "  - {name: B, severity: critical, signal: error_rate, above: 1, summary: s, runbook_url: 'see the wiki'}");

    assertThat(set.rules()).extracting(AlertRule::name, AlertRule::runbookUrl).containsExactly(
        org.assertj.core.groups.Tuple.tuple("U", "https://wiki.example.com/runbooks/u#x"),
        org.assertj.core.groups.Tuple.tuple("R", "docs/runbooks/r.md"), org.assertj.core.groups.Tuple.tuple("N", ""));
    assertThat(rendered(set)).anyMatch(line -> line.contains("B.runbook_url=see the wiki: expected an http(s) URL"));
  }

  /** The seed's "Monitoring Configuration" block, as the seed prints it (its own comments and spacing). */
  static final String[] SEED_BLOCK = {
      "# Example monitoring configuration",
      "monitoring:",
      "  metrics:",
      "    response_time_threshold: 2.0  # seconds",
      "    error_rate_threshold: 0.05    # 5%",
      "    memory_threshold: 0.85        # 85%",
      "    cpu_threshold: 0.80           # 80%",
      "  ",
      "  alerts:",
      "    email:",
      "      enabled: true",
      "      recipients: [\"admin@example.com\"]",
      "    slack:",
      "      enabled: true",
      "      webhook_url: \"https://hooks.slack.com/...\"",
      "    ",
      "  retention:",
      "    logs: 30  # days",
      "    metrics: 90  # days",
      "    alerts: 365  # days"};

  @Test
  void theSeedsMonitoringBlockPastedAsIsIsTheBuiltInRulesWithItsThresholdsAndChannels() {
    AlertRuleSet set = parse(SEED_BLOCK);

    assertThat(set.hasErrors()).as(rendered(set).toString()).isFalse();
    assertThat(set.rules()).extracting(AlertRule::name)
        .containsExactlyElementsOf(AlertRuleFiles.builtIn().rules().stream().map(AlertRule::name).toList());
    Map<String, AlertRule> byName = set.rules().stream()
        .collect(java.util.stream.Collectors.toMap(AlertRule::name, rule -> rule));
    assertThat(byName.get("ResponseTimeDegradation").threshold()).isEqualTo(2.0);
    assertThat(byName.get("HighErrorRate").threshold()).isEqualTo(0.05);
    assertThat(byName.get("MemoryExhaustion").threshold()).isEqualTo(0.85);
    assertThat(byName.get("HighCpuUsage").threshold()).isEqualTo(0.80);
    assertThat(set.channels().emailEnabled()).isTrue();
    assertThat(set.channels().emailRecipients()).containsExactly("admin@example.com");
    assertThat(set.channels().slackEnabled()).isTrue();
    assertThat(set.channels().slack()).as("the example's placeholder URL is not used").isNull();
    // what cannot be applied is said, each with its line; the placeholder URL is not repeated
    assertThat(set.logRetention()).as("retention.logs is applied to the main log")
        .isEqualTo(new SeedLogRetention(java.time.Duration.ofDays(30), "alerts.yaml:18"));
    assertThat(rendered(set)).hasSize(3)
        .anyMatch(line -> line.startsWith("WARN alerts.yaml:15: monitoring.alerts.slack.webhook_url=****: is the "
            + "example's placeholder"))
        .noneMatch(line -> line.contains("monitoring.retention.logs"))
        .anyMatch(line -> line.startsWith("WARN alerts.yaml:19: monitoring.retention.metrics=90: not applied")
            && line.contains("--storage.tsdb.retention.time"))
        .anyMatch(line -> line.startsWith("WARN alerts.yaml:20: monitoring.retention.alerts=365: not applied")
            && line.contains("chatlens.log.retention.audit"));
  }

  @Test
  void theSeedsLogRetentionIsAWholeNumberOfDaysAndAnythingElseIsReportedWithItsLine() {
    assertThat(parse("monitoring:", "  retention:", "    logs: 45d").logRetention().period())
        .isEqualTo(java.time.Duration.ofDays(45));
    for (String wrong : new String[] {"0", "thirty", "2.5", "36501", "-3"}) {
      AlertRuleSet set = parse("monitoring:", "  retention:", "    logs: " + wrong);

      assertThat(set.logRetention()).as(wrong).isNull();
      assertThat(rendered(set)).as(wrong).singleElement().asString()
          .startsWith("WARN alerts.yaml:3: monitoring.retention.logs=" + wrong + ": expected a whole number of days");
    }
    assertThat(parse("rules: []").logRetention()).as("no monitoring block").isNull();
  }

  @Test
  void theSeedsThresholdsTuneTheRulesAndUnknownKeysAreReportedWithTheirLine() {
    AlertRuleSet set = parse("monitoring:",
        "  metrics:",
        "    response_time_threshold: 1.5",
        "    error_rate_threshold: 2%",
        "    disk_threshold: 0.9",
        "    cpu_threshold: lots",
        "    memory_threshold: 0.7",
        "  alerts:",
        "    slack: {enabled: true, webhook_url: 'https://hooks.slack.com/services/T0/B0/secret'}",
        "    email: {enabled: false, recipients: [oncall@example.org, not-an-address]}",
        "    pager: {enabled: true}",
        "  dashboards: {}");

    Map<String, AlertRule> byName = set.rules().stream()
        .collect(java.util.stream.Collectors.toMap(AlertRule::name, rule -> rule));
    assertThat(byName.get("ResponseTimeDegradation").threshold()).isEqualTo(1.5);
    assertThat(byName.get("HighErrorRate").threshold()).isEqualTo(0.02);
    assertThat(byName.get("HighCpuUsage").threshold()).as("kept").isEqualTo(0.80);
    assertThat(byName.get("MemoryExhaustion").threshold()).isEqualTo(0.7);
    assertThat(set.channels().slack()).isEqualTo("https://hooks.slack.com/services/T0/B0/secret");
    assertThat(set.channels().emailOff()).isTrue();
    assertThat(set.channels().emailRecipients()).containsExactly("oncall@example.org");
    assertThat(rendered(set)).hasSize(5).allMatch(line -> line.startsWith("WARN "))
        .noneMatch(line -> line.contains("secret"))
        .anyMatch(line -> line.startsWith("WARN alerts.yaml:5: monitoring.metrics.disk_threshold=0.9: cannot be mapped"))
        .anyMatch(line -> line.startsWith("WARN alerts.yaml:6: monitoring.metrics.cpu_threshold=lots: expected a number"))
        .anyMatch(line -> line.startsWith("WARN alerts.yaml:10: monitoring.alerts.email.recipients=not-an-address"))
        .anyMatch(line -> line.startsWith("WARN alerts.yaml:11: monitoring.alerts.pager=: cannot be mapped"))
        .anyMatch(line -> line.startsWith("WARN alerts.yaml:12: monitoring.dashboards=: cannot be mapped"));
  }

  @Test
  void unknownTopLevelKeysAreWarnings() {
    AlertRuleSet set = parse("groups: []", "rules: []");

    assertThat(set.hasErrors()).isFalse();
    assertThat(rendered(set)).containsExactly("WARN alerts.yaml:1: groups=: unknown key; expected 'rules' or 'monitoring'");
  }
}
