package io.chatlens.smoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
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

  /**
   * Scheduled reports through the agent jar: {@code chatlens.report.schedule=every 10s} with
   * {@code chatlens.report.notify=true} and a webhook. While the demo runs and lingers, every 10 s (5 s after each
   * boundary) the agent writes the report of the 10 s just ended to {@code logs/reports/}: together they hold every
   * turn of the run exactly once, with numbers and no user or session id, and each one's summary is posted to the
   * webhook with the same numbers.
   */
  @org.junit.jupiter.api.Test
  void anIntervalScheduleWritesReportsOfTheRunAndPostsTheirSummaries() throws Exception {
    WireMockServer webhook = new WireMockServer(wireMockConfig().dynamicPort());
    webhook.start();
    try {
      webhook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
      List<Path> classpath = new ArrayList<>(List.of(Paths.demoClasses()));
      classpath.addAll(Paths.demoDependencies());
      AgentJvm demo = AgentJvm.main("com.example.chatbot.ChatbotApp").classpath(classpath)
          .args("--users", "5", "--turns", "20", "--think-ms", "100", "--idle-timeout", "2s", "--quiet", "--seed", "11",
              "--linger", "90s")
          .exportNowhere().workingDirectory(dir).property("chatlens.prometheus.port", "0")
          .property("chatlens.report.schedule", "every 10s").property("chatlens.report.notify", "true")
          .property("chatlens.alerts.webhook.url", webhook.baseUrl() + "/hook");
      ObjectMapper json = new ObjectMapper();
      Path reports = dir.resolve("logs/reports");
      try (RunningJvm chatbot = demo.start()) {
        chatbot.awaitStdout("Done. Staying up", TIMEOUT); // printed after the SUMMARY line
        Matcher numbers = Pattern.compile("SUMMARY users=\\d+ turns=(\\d+) replies=\\d+ invalid=(\\d+) errors=(\\d+)")
            .matcher(chatbot.stdout());
        assertThat(numbers.find()).as(chatbot.stdout()).isTrue();
        long turns = Long.parseLong(numbers.group(1));
        long invalid = Long.parseLong(numbers.group(2));
        assertThat(turns).isPositive();

        // the reports of the periods of the run hold every turn once (the last one is written after the run)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          List<JsonNode> written = summaries(json, reports);
          assertThat(written).as(chatbot.describe()).isNotEmpty();
          assertThat(written.stream().mapToLong(s -> s.path("turns").asLong()).sum()).isEqualTo(turns);
          assertThat(written.stream().mapToLong(s -> s.path("turnsInvalid").asLong()).sum()).isEqualTo(invalid);
        });
        List<Path> files;
        try (java.util.stream.Stream<Path> list = Files.list(reports)) {
          files = list.sorted().toList();
        }
        String main = Files.readString(dir.resolve("logs/chatbot.log"));
        List<String> users = userIds(main);
        assertThat(users).isNotEmpty();
        assertThat(files).isNotEmpty().allSatisfy(file -> {
          assertThat(file.getFileName().toString()).matches(
              "chatlens-report-every-10s-\\d{4}-\\d{2}-\\d{2}T\\d{4}[0-5]0Z\\.(html|json)");
          String text = Files.readString(file);
          assertThat(text).doesNotContain("sess-");
          assertThat(users).allSatisfy(user -> assertThat(text).doesNotContain(user));
          if (file.toString().endsWith(".html")) {
            assertThat(text).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain("<script");
            assertThat(files).contains(Path.of(file.toString().replace(".html", ".json")));
          }
        });
        // a report with turns has its numbers: the error rate, p50 and p95, sessions
        JsonNode busy = summaries(json, reports).stream().filter(s -> s.path("turns").asLong() > 0).findFirst()
            .orElseThrow();
        assertThat(busy.path("errorRate").isNumber()).as(busy.toString()).isTrue();
        assertThat(busy.path("p50Ms").asLong()).as(busy.toString()).isGreaterThanOrEqualTo(0);
        assertThat(busy.path("p95Ms").asLong()).isGreaterThanOrEqualTo(busy.path("p50Ms").asLong());
        assertThat(busy.path("p95Ms").isIntegralNumber()).isTrue();

        // every report's summary was posted to the webhook, with the numbers of its JSON
        long reportCount = files.stream().filter(f -> f.toString().endsWith(".json")).count();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(webhook.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSizeGreaterThanOrEqualTo(
                (int) reportCount));
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> posts =
            webhook.findAll(postRequestedFor(urlEqualTo("/hook")));
        assertThat(posts).isNotEmpty();
        long postedTurns = 0;
        for (com.github.tomakehurst.wiremock.verification.LoggedRequest request : posts) {
          String body = request.getBodyAsString();
          assertThat(body).doesNotContain("sess-");
          assertThat(users).allSatisfy(user -> assertThat(body).doesNotContain(user));
          JsonNode notice = json.readTree(body);
          assertThat(notice.path("type").asText()).isEqualTo("report");
          assertThat(notice.path("subject").asText()).startsWith("every 10s report of ");
          Path html = Path.of(notice.path("fields").path("report").asText());
          Path jsonFile = Path.of(html.toString().replace(".html", ".json"));
          if (!Files.exists(jsonFile)) {
            continue; // a period that ended after the listing above
          }
          JsonNode summary = json.readTree(jsonFile.toFile()).path("summary");
          assertThat(notice.path("fields").path("turns").asText()).isEqualTo(summary.path("turns").asText());
          assertThat(notice.path("text").asText()).startsWith("Turns: " + summary.path("turns").asLong() + " ");
          postedTurns += summary.path("turns").asLong();
        }
        assertThat(postedTurns).isEqualTo(turns);
        assertThat(chatbot.stderr()).doesNotContain("not written").doesNotContain("not sent");
      }
    } finally {
      webhook.stop();
    }
  }

  /** The summary of every scheduled report written so far. */
  private static List<JsonNode> summaries(ObjectMapper json, Path reports) throws java.io.IOException {
    List<JsonNode> summaries = new ArrayList<>();
    if (!Files.isDirectory(reports)) {
      return summaries;
    }
    try (java.util.stream.Stream<Path> list = Files.list(reports)) {
      for (Path file : list.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        summaries.add(json.readTree(file.toFile()).path("summary"));
      }
    }
    return summaries;
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
