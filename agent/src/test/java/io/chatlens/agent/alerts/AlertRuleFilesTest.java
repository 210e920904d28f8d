package io.chatlens.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigLoader;
import io.chatlens.agent.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRuleFilesTest {

  private static final String ONE_RULE = "rules:\n  - {name: Mine, severity: warning, signal: request_rate, above: 100, summary: busy}\n";

  @TempDir
  Path dir;

  private AgentConfig config(String... lines) throws Exception {
    Path properties = dir.resolve("agent.properties");
    Files.writeString(properties, String.join("\n", lines));
    return ConfigLoader.loadFile(properties, Map.of(), new Properties());
  }

  @Test
  void withoutAFileTheBuiltInRulesApply() throws Exception {
    AlertRuleSet rules = AlertRuleFiles.forAgent(config("otel.service.name=chatbot"));

    assertThat(rules.source()).isEqualTo(AlertRuleFiles.BUILT_IN);
    assertThat(rules.rules()).hasSize(10);
  }

  @Test
  void alertsYamlNextToAgentPropertiesIsFoundByItself() throws Exception {
    Files.writeString(dir.resolve("alerts.yaml"), ONE_RULE);

    AlertRuleSet rules = AlertRuleFiles.forAgent(config("otel.service.name=chatbot"));

    assertThat(rules.rules()).extracting(AlertRule::name).containsExactly("Mine");
  }

  @Test
  void theConfiguredFileWins() throws Exception {
    Files.writeString(dir.resolve("alerts.yaml"), "rules: []\n");
    Path mine = dir.resolve("mine.yaml");
    Files.writeString(mine, ONE_RULE);

    AlertRuleSet rules = AlertRuleFiles.forAgent(config("chatlens.alerts.file=" + mine));

    assertThat(rules.rules()).extracting(AlertRule::name).containsExactly("Mine");
  }

  @Test
  void aMissingOrBrokenFileIsReportedAndTheBuiltInRulesApply() throws Exception {
    AlertRuleSet missing = AlertRuleFiles.forAgent(config("chatlens.alerts.file=" + dir.resolve("nope.yaml")));
    assertThat(missing.rules()).hasSize(10);
    assertThat(missing.problems()).extracting(ConfigProblem::render).containsExactly(
        "ERROR " + dir.resolve("nope.yaml") + ": no such file; using the built-in alert rules");

    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "rules: [\n");
    AlertRuleSet invalid = AlertRuleFiles.forAgent(config("chatlens.alerts.file=" + broken));
    assertThat(invalid.rules()).hasSize(10);
    assertThat(invalid.problems()).singleElement().extracting(ConfigProblem::render).asString()
        .contains("is not valid YAML").endsWith("; using the built-in alert rules");
  }
}
