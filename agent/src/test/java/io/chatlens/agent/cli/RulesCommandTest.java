package io.chatlens.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.agent.alerts.AlertRuleFiles;
import io.chatlens.agent.alerts.PrometheusRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return CommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void exportWithoutAFilePrintsTheBuiltInRules() {
    assertThat(run("rules", "export")).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(PrometheusRules.export(AlertRuleFiles.builtIn().rules(), ""));
  }

  @Test
  void aRunbookBaseMakesTheRelativeRunbookLinksAbsolute() {
    assertThat(run("rules", "export", "--runbook-base", "https://github.com/acme/chatbot/blob/main")).isZero();

    String exported = out.toString(StandardCharsets.UTF_8);
    assertThat(exported).contains("runbook_url: \"https://github.com/acme/chatbot/blob/main/docs/runbooks/high-error-rate.md\"")
        .doesNotContain("runbook_url: \"docs/");
    assertThat(run("rules", "export", "--runbook-base", "wiki/runbooks")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--runbook-base wiki/runbooks: expected an http(s) URL");
  }

  @Test
  void exportWritesTheFileGivenWithOut() throws Exception {
    Path target = dir.resolve("rules.yml");

    assertThat(run("rules", "export", "../config/alerts.yaml", "--out", target.toString())).isZero();

    assertThat(Files.readString(target)).contains("- alert: HighErrorRate").contains("rules export ../config/alerts.yaml");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("10 alerting rules written to " + target);
  }

  @Test
  void aFileWithErrorsIsNotExportedAndFailsTheCheck() throws Exception {
    Path bad = dir.resolve("alerts.yaml");
    Files.writeString(bad, "rules:\n  - {name: X, severity: critical, signal: nope, above: 1, summary: s}\n");

    assertThat(run("rules", "export", bad.toString())).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(":2: X.signal=nope: unknown signal").contains("nothing exported");

    assertThat(run("rules", "check", bad.toString())).isEqualTo(1);
    assertThat(run("rules", "check", "../config/alerts.yaml")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK, 10 rules (9 evaluated by the agent)");
  }

  @Test
  void usageErrorsExitWith2() {
    assertThat(run("rules")).isEqualTo(2);
    assertThat(run("rules", "frobnicate")).isEqualTo(2);
    assertThat(run("rules", "export", "--bogus")).isEqualTo(2);
  }
}
