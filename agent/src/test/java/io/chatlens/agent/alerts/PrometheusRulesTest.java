package io.chatlens.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Prometheus export; promtool itself checks and tests the file in the smoke tests. */
class PrometheusRulesTest {

  private static final Path REPO = Path.of("..");

  @Test
  void theCheckedInRuleFileIsTheExportOfConfigAlertsYaml() throws Exception {
    AlertRuleSet rules = AlertRuleFiles.read(REPO.resolve("config/alerts.yaml"));
    assertThat(rules.problems()).isEmpty();

    String exported = PrometheusRules.export(rules.rules(), "config/alerts.yaml");
    String checkedIn = Files.readString(REPO.resolve("config/prometheus/chatlens-rules.yml"), StandardCharsets.UTF_8);

    assertThat(checkedIn)
        .as("config/prometheus/chatlens-rules.yml is stale; regenerate it with: java -jar agent/target/chatlens-agent.jar "
            + "rules export config/alerts.yaml --out config/prometheus/chatlens-rules.yml")
        .isEqualTo(exported);
  }

  @Test
  void everyShippedRuleHasARunbookThatExistsAndIsExportedAsAnAnnotation() throws Exception {
    AlertRuleSet rules = AlertRuleFiles.read(REPO.resolve("config/alerts.yaml"));
    assertThat(rules.rules()).isNotEmpty().allSatisfy(rule -> {
      assertThat(rule.runbookUrl()).as(rule.name()).startsWith("docs/runbooks/").endsWith(".md");
      assertThat(REPO.resolve(rule.runbookUrl())).as(rule.name()).isRegularFile();
      assertThat(Files.readString(REPO.resolve(rule.runbookUrl()))).as(rule.name()).startsWith("# " + rule.name() + "\n")
          .contains("## What to check", "## What to do");
    });
    String exported = PrometheusRules.export(rules.rules(), "config/alerts.yaml");
    for (AlertRule rule : rules.rules()) {
      assertThat(exported).contains("runbook_url: \"" + rule.runbookUrl() + "\"");
    }
  }

  @Test
  void theBuiltInRulesAreConfigAlertsYaml() throws Exception {
    assertThat(AlertRuleFiles.builtIn().rules())
        .isEqualTo(AlertRuleFiles.read(REPO.resolve("config/alerts.yaml")).rules());
  }

  @Test
  void anAlertIsTheSignalExpressionComparedWithItsThreshold() {
    AlertRule rule = new AlertRule("Slow", Severity.WARNING, Signal.RESPONSE_TIME_AVG, null, Duration.ofSeconds(30),
        Comparison.BELOW, 0.25, Duration.ofMillis(1500), "avg {{value}} < {{threshold}} for {{for}}", "",
        Map.of("team", "chat \"core\""), Map.of(), false);

    String exported = PrometheusRules.export(List.of(rule), "a.yaml");

    assertThat(exported).contains("""
              - alert: Slow
                expr: "(sum by (job, instance) (rate(chatbot_response_time_seconds_sum[30s])) / (sum by (job, instance) \
        (rate(chatbot_response_time_seconds_count[30s])) > 0)) < 0.25"
                for: 1500ms
                labels:
                  severity: warning
                  team: "chat \\"core\\""
                annotations:
                  summary: "avg {{ $value | printf \\"%.3g\\" }} < 0.25 for 1500ms"
        """);
    assertThat(exported).contains("- record: chatbot:error_rate:5m", "- record: chatbot:response_time_p95:5m",
        "- record: chatbot:search_zero_result_rate:5m", "- record: chatbot:answer_accuracy:1h");
  }

  @Test
  void everySignalHasAnExpressionOverItsWindow() {
    for (Signal signal : Signal.values()) {
      String expression = signal.promQl("7m", Map.of(Signal.MAX_SESSIONS, 10.0));
      assertThat(expression).as(signal.id()).contains("by (job, instance");
      if (expression.contains("[")) {
        assertThat(expression).as(signal.id()).contains("[7m]").doesNotContain("[5m]");
      }
    }
  }
}
