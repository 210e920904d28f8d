package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.Processes;
import io.chatlens.smoke.harness.Promtool;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus rules exported from config/alerts.yaml are valid for Prometheus, and promtool's unit tests
 * (config/prometheus/chatlens-rules.test.yml) prove they fire when they should and only then.
 */
class PrometheusRulesTest {

  private static Promtool promtool;
  private static Path rules;

  @BeforeAll
  static void findPromtool() {
    promtool = Promtool.find();
    rules = Paths.repoRoot().resolve("config/prometheus");
  }

  @Test
  void theRuleFileIsValid() {
    Processes.Result result = promtool.run(rules, "check", "rules", "chatlens-rules.yml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 14 rules found");
  }

  @Test
  void theRulesPassTheirUnitTests() {
    Processes.Result result = promtool.run(rules, "test", "rules", "chatlens-rules.test.yml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }
}
