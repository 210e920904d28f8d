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

  @Test
  void aByteOrderMarkIsDroppedAndInvalidUtf8IsNamedByLine() throws Exception {
    Path withBom = dir.resolve("bom.yaml");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bytes.writeBytes(ONE_RULE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Files.write(withBom, bytes.toByteArray());
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, ("# caf\u00e9\n" + ONE_RULE).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    AlertRuleSet bom = AlertRuleFiles.read(withBom);
    AlertRuleSet notUtf8 = AlertRuleFiles.read(latin1);

    assertThat(bom.problems()).isEmpty();
    assertThat(bom.rules()).extracting(AlertRule::name).containsExactly("Mine");
    assertThat(notUtf8.rules()).extracting(AlertRule::name).containsExactly("Mine");
    assertThat(notUtf8.problems()).extracting(ConfigProblem::render).containsExactly("ERROR " + latin1
        + ":1: this line is not UTF-8 text (invalid byte 0xE9 at column 6); expected UTF-8 text");
  }

  @Test
  void aFileOverOneMegabyteIsRefusedAndTheBuiltInRulesApply() throws Exception {
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, ONE_RULE + "#" + "x".repeat(1024 * 1024));

    AlertRuleSet rules = AlertRuleFiles.forAgent(config("chatlens.alerts.file=" + big));

    assertThat(rules.rules()).hasSize(10);
    assertThat(rules.problems()).extracting(ConfigProblem::render).containsExactly("ERROR " + big + ": the file is "
        + Files.size(big) + " bytes, over the limit of 1048576 bytes (1 MB) for a configuration file; it is not read; "
        + "using the built-in alert rules");
  }
}
