package io.chatlens.smoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.chatlens.smoke.harness.AgentCli;
import io.chatlens.smoke.harness.RunningJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's "Monitoring Configuration" block, copied out of the seed document into alerts.yaml next to
 * agent.properties: its thresholds set the built-in rules, its Slack webhook becomes the alert channel, and what the
 * agent cannot apply (the example's placeholder URL, the retention periods) is reported with its line while the
 * chatbot starts and runs.
 */
class SeedMonitoringBlockSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir
  Path dir;

  /**
   * The YAML of the seed's Monitoring Configuration section, exactly as the seed prints it (its code block dedented),
   * kept in src/test/resources/seed/monitoring-block.yaml.
   */
  static String seedBlock() throws Exception {
    String yaml;
    try (var in = SeedMonitoringBlockSmokeTest.class.getResourceAsStream("/seed/monitoring-block.yaml")) {
      assertThat(in).as("seed/monitoring-block.yaml").isNotNull();
      yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(yaml).contains("monitoring:", "error_rate_threshold: 0.05", "webhook_url: \"https://hooks.slack.com/...\"");
    return yaml;
  }

  @Test
  void pastedAsIsTheChatbotStartsItsLogRetentionAppliesAndWhatCannotBeAppliedIsReportedWithItsLine() throws Exception {
    Path config = dir.resolve("agent.properties");
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(config, "otel.service.name=seed-block\nchatlens.log.dir=" + logs + "\n");
    Files.writeString(dir.resolve("alerts.yaml"), seedBlock());
    // rotated files of the main log from earlier runs: the seed's "logs: 30" keeps 20 days (the prod profile alone
    // keeps the main file 14 days) and deletes 40 days
    Path twentyDays = rotatedMainFile(logs, 20);
    Path fortyDays = rotatedMainFile(logs, 40);

    try (RunningJvm jvm = DemoSmokeTest.demo().exportNowhere().agentOptions("config=" + config).workingDirectory(dir)
        .start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stdout()).contains("SUMMARY");
      assertThat(jvm.stderr()).doesNotContain("[chatlens] ERROR")
          .containsPattern("alerts\\.yaml:\\d+: monitoring\\.alerts\\.slack\\.webhook_url=\\*\\*\\*\\*: is the example's placeholder")
          .containsPattern("log retention: rotated files of the main log are kept 30d \\(.*alerts\\.yaml:18: "
              + "monitoring\\.retention\\.logs\\)")
          .containsPattern("alerts\\.yaml:19: monitoring\\.retention\\.metrics=90: not applied from the alerts file")
          .doesNotContain("monitoring.retention.logs=30: not applied");
      assertThat(fortyDays).as("older than the seed's 30 days").doesNotExist();
      assertThat(Files.exists(twentyDays) || Files.exists(twentyDays.resolveSibling(twentyDays.getFileName() + ".gz")))
          .as("20 days old, within the seed's 30 days (kept, maybe gzipped): " + twentyDays).isTrue();
    }
  }

  @Test
  void aMainRetentionInAgentPropertiesWinsOverTheSeedsAndTheBlocksLineSaysSo() throws Exception {
    Path config = dir.resolve("agent.properties");
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(config, "otel.service.name=seed-block\nchatlens.log.dir=" + logs
        + "\nchatlens.log.retention.main=10d\n");
    Files.writeString(dir.resolve("alerts.yaml"), seedBlock());
    Path twentyDays = rotatedMainFile(logs, 20);

    try (RunningJvm jvm = DemoSmokeTest.demo().exportNowhere().agentOptions("config=" + config).workingDirectory(dir)
        .start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stderr()).doesNotContain("[chatlens] ERROR").containsPattern("alerts\\.yaml:18: "
          + "monitoring\\.retention\\.logs=30d not applied: chatlens\\.log\\.retention\\.main=10d in agent\\.properties wins");
      assertThat(twentyDays).as("older than agent.properties' 10 days").doesNotExist();
    }
  }

  /** A rotated file of the main log, last modified {@code daysAgo} days ago, as the agent names them. */
  private static Path rotatedMainFile(Path logs, int daysAgo) throws Exception {
    java.time.Instant when = java.time.Instant.now().minus(Duration.ofDays(daysAgo));
    Path file = logs.resolve("chatbot." + java.time.LocalDate.ofInstant(when, java.time.ZoneOffset.UTC) + ".0.log");
    Files.writeString(file, "an old line\n");
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(when));
    return file;
  }

  @Test
  void itsThresholdsSetTheRulesAndItsSlackWebhookGetsTheNotifications() throws Exception {
    WireMockServer slack = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    slack.start();
    try {
      slack.stubFor(post(urlEqualTo("/services/T0/B0/hook")).willReturn(aResponse().withStatus(200)));
      // the team's own values in the seed's block (none equal to the built-in thresholds) and their Slack webhook
      String block = seedBlock().replace("error_rate_threshold: 0.05", "error_rate_threshold: 0.02")
          .replace("response_time_threshold: 2.0", "response_time_threshold: 1.5")
          .replace("memory_threshold: 0.85", "memory_threshold: 0.7").replace("cpu_threshold: 0.80", "cpu_threshold: 0.6")
          .replace("https://hooks.slack.com/...", "http://127.0.0.1:" + slack.port() + "/services/T0/B0/hook");
      Path alerts = dir.resolve("alerts.yaml");
      Files.writeString(alerts, block);
      Files.createDirectories(dir.resolve("logs"));
      Path config = dir.resolve("agent.properties");
      Files.writeString(config, "otel.service.name=seed-block\nchatlens.log.dir=" + dir.resolve("logs") + "\n");

      AgentCli.Result rules = AgentCli.run(dir, "rules", "export", alerts.toString());
      assertThat(rules.exitCode()).as(rules.stderr()).isZero();
      List<String> lines = rules.stdout().lines().toList();
      int errorRate = lines.indexOf("      - alert: HighErrorRate");
      assertThat(errorRate).as(rules.stdout()).isNotNegative();
      assertThat(lines.get(errorRate + 1)).endsWith(" > 0.02\"");
      // every threshold differs from the built-in one, so each line proves the block was applied
      for (String[] rule : new String[][] {{"ResponseTimeDegradation", " > 1.5\""}, {"MemoryExhaustion", " > 0.7\""},
          {"HighCpuUsage", " > 0.6\""}}) {
        int at = lines.indexOf("      - alert: " + rule[0]);
        assertThat(at).as(rule[0]).isNotNegative();
        assertThat(lines.get(at + 1)).as(rule[0]).endsWith(rule[1]);
      }

      AgentCli.Result test = AgentCli.run(dir, "alerts", "test", config.toString());
      assertThat(test.exitCode()).as(test.stdout() + test.stderr()).isZero();
      assertThat(test.stdout()).contains("  webhook: delivered (HTTP 200 from 127.0.0.1)");
      slack.verify(1, postRequestedFor(urlEqualTo("/services/T0/B0/hook")));
      assertThat(slack.getAllServeEvents()).singleElement().satisfies(event ->
          assertThat(event.getRequest().getBodyAsString()).as("Slack's format").startsWith("{\"text\":")
              .contains("ChatLensTestNotification"));
    } finally {
      slack.stop();
    }
  }
}
