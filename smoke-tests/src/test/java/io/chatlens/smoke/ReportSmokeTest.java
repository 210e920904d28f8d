package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatlens.smoke.harness.AgentCli;
import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The offline report of a real run: the demo chatbot under load with the real agent writes its logs, then
 * {@code java -jar chatlens-agent.jar report logs --format json}, a separate process, reports the turns, failed and
 * invalid turns and sessions the run logged, counted once although audit/ and error/ repeat some of them.
 */
class ReportSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(180);

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"text", "json"})
  void reportsWhatTheRunDid(String format) throws Exception {
    List<Path> classpath = new ArrayList<>(List.of(Paths.demoClasses()));
    classpath.addAll(Paths.demoDependencies());
    AgentJvm load = AgentJvm.main("com.example.chatbot.LoadRun").classpath(classpath)
        .args("--threads", "2", "--warmup", "1s", "--turns", "1500").exportNowhere().workingDirectory(dir)
        .property("chatlens.log.format", format).property("chatlens.prometheus.port", "0")
        .property("chatlens.report.schedule", "hourly");
    long turns;
    try (RunningJvm chatbot = load.start()) {
      assertThat(chatbot.waitForExit(TIMEOUT)).as(chatbot.describe()).isZero();
      Matcher done = Pattern.compile("LOAD_DONE total_turns=(\\d+)").matcher(chatbot.stdout());
      assertThat(done.find()).as(chatbot.stdout()).isTrue();
      turns = Long.parseLong(done.group(1));
      // the schedule started its thread without complaint (its first report is due at the next full hour)
      assertThat(chatbot.stderr()).doesNotContain("scheduled report").doesNotContain("ERROR");
    }
    Path logs = dir.resolve("logs");
    String main = Files.readString(logs.resolve("chatbot.log"));
    assertThat(Files.exists(logs.resolve("audit/chatbot-audit.log"))).isTrue();

    AgentCli.Result result = AgentCli.run(dir, "report", "logs", "--format", "json");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    JsonNode summary = new ObjectMapper().readTree(result.stdout()).path("summary");
    assertThat(summary.path("turns").asLong()).isEqualTo(turns);
    assertThat(summary.path("turnsError").asLong()).isEqualTo(count(main, "status=error"));
    assertThat(summary.path("turnsInvalid").asLong()).isEqualTo(count(main, "status=invalid")).isPositive();
    assertThat(summary.path("sessionsCreated").asLong()).isEqualTo(count(main, "Created new session for")).isPositive();
    assertThat(summary.path("errorGroups").asLong()).isEqualTo(count(main, "New error group ")).isPositive();
    assertThat(summary.path("agentStarts").asLong()).isEqualTo(1);
    assertThat(summary.path("p95Ms").asLong()).isGreaterThanOrEqualTo(summary.path("p50Ms").asLong());

    AgentCli.Result html = AgentCli.run(dir, "report", "logs", "--since", "1d", "--out", "report.html");
    assertThat(html.exitCode()).as(html.stderr()).isZero();
    String page = Files.readString(dir.resolve("report.html"));
    assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains(">" + turns + "</b><span>turns")
        .doesNotContain("<script").doesNotContain("src=");
    assertThat(userIds(main)).isNotEmpty().allSatisfy(user -> assertThat(page).doesNotContain(user));
  }

  /** The acceptance of the issue: the README's demo command, then {@code report logs}: the numbers of its SUMMARY. */
  @org.junit.jupiter.api.Test
  void reportsTheSummaryOfTheReadmeDemo() throws Exception {
    List<Path> classpath = new ArrayList<>(List.of(Paths.demoClasses()));
    classpath.addAll(Paths.demoDependencies());
    AgentJvm demo = AgentJvm.main("com.example.chatbot.ChatbotApp").classpath(classpath)
        .agentOptions("config=" + Paths.repoRoot().resolve("config/agent.properties"))
        .args("--users", "5", "--turns", "10", "--idle-timeout", "2s", "--quiet", "--seed", "11").exportNowhere()
        .workingDirectory(dir);
    String summary;
    try (RunningJvm chatbot = demo.start()) {
      assertThat(chatbot.waitForExit(TIMEOUT)).as(chatbot.describe()).isZero();
      summary = chatbot.stdout().lines().filter(line -> line.startsWith("SUMMARY")).findFirst().orElseThrow();
    }
    Matcher numbers = Pattern.compile("users=(\\d+) turns=(\\d+) replies=\\d+ invalid=(\\d+) errors=(\\d+)")
        .matcher(summary);
    assertThat(numbers.find()).as(summary).isTrue();

    AgentCli.Result result = AgentCli.run(dir, "report", "logs", "--format", "json");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    JsonNode report = new ObjectMapper().readTree(result.stdout()).path("summary");
    assertThat(report.path("sessionsCreated").asLong()).as(summary).isEqualTo(Long.parseLong(numbers.group(1)));
    assertThat(report.path("users").asLong()).as(summary).isEqualTo(Long.parseLong(numbers.group(1)));
    assertThat(report.path("turns").asLong()).as(summary).isEqualTo(Long.parseLong(numbers.group(2)));
    assertThat(report.path("turnsInvalid").asLong()).as(summary).isEqualTo(Long.parseLong(numbers.group(3)));
    assertThat(report.path("turnsError").asLong()).as(summary).isEqualTo(Long.parseLong(numbers.group(4)));
  }

  private static long count(String text, String needle) {
    long n = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
      n++;
    }
    return n;
  }

  private static List<String> userIds(String log) {
    Matcher users = Pattern.compile("user_id=(user-[\\w-]+)").matcher(log);
    List<String> ids = new ArrayList<>();
    while (users.find() && ids.size() < 20) {
      ids.add(users.group(1));
    }
    return ids;
  }
}
