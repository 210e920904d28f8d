package com.example.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChatbotAppTest {

  private static final Pattern SUMMARY = Pattern.compile(
      "SUMMARY users=(\\d+) turns=(\\d+) replies=(\\d+) invalid=(\\d+) errors=(\\d+) expired=(\\d+)");

  private final MutableClock clock = MutableClock.startingAt("2025-03-01T10:00:00Z");
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void scriptModeSummaryIsConsistentWithTheTranscript() {
    int exitCode = app("").run("--users", "3", "--turns", "8", "--threads", "2",
        "--jdbc-url", TestDatabases.uniqueUrl("app"));

    assertThat(exitCode).isZero();
    List<String> lines = stdoutLines();
    long[] summary = summary(lines);
    long invalidSent = lines.stream()
        .filter(line -> line.matches("\\[user-\\d+] > (/frobnicate|/search|/faq abc)"))
        .count();
    assertThat(summary[0]).as("users").isEqualTo(3);
    assertThat(summary[1]).as("turns").isEqualTo(3 * 8);
    assertThat(summary[2]).as("replies").isEqualTo(summary[1]);
    assertThat(summary[3]).as("invalid").isEqualTo(invalidSent).isBetween(3L, 6L);
    assertThat(summary[4]).as("errors").isEqualTo(1);
    assertThat(summary[5]).as("expired").isEqualTo(1);
    assertThat(lines.stream().filter(line -> line.matches("\\[user-\\d+] > .*"))).hasSize(24);
    assertThat(lines.stream().filter(line -> line.matches("\\[user-\\d+] > /admin crash"))).hasSize(1);
    assertThat(lines.stream().filter(line -> line.matches("\\[user-\\d+] < Sorry, something went wrong.*")))
        .hasSize(1);
    assertThat(lines).noneMatch(line -> line.contains("hunter2"));
    assertThat(lines.get(lines.size() - 1)).startsWith("SUMMARY ");
  }

  @Test
  void abandonedSessionExpiresOnlyAfterTheIdleTimeout() {
    Instant start = clock.instant();

    int exitCode = app("").run("--users", "5", "--turns", "4", "--quiet", "--idle-timeout", "5m",
        "--jdbc-url", TestDatabases.uniqueUrl("app"));

    assertThat(exitCode).isZero();
    assertThat(summary(stdoutLines())[5]).isEqualTo(1);
    assertThat(clock.instant()).isAfter(start.plus(Duration.ofMinutes(5)));
  }

  @Test
  void quietModePrintsOnlyTheSummaryAndPiiAddsTurns() {
    int exitCode = app("").run("--users", "2", "--turns", "6", "--pii-messages", "--quiet",
        "--jdbc-url", TestDatabases.uniqueUrl("app"));

    assertThat(exitCode).isZero();
    List<String> lines = stdoutLines();
    assertThat(lines).hasSize(1);
    long[] summary = summary(lines);
    assertThat(summary[1]).isEqualTo(2 * 6 + ConversationScript.PII_MESSAGES.size());
    assertThat(summary[2]).isEqualTo(summary[1]);
  }

  @Test
  void thinkTimePausesBetweenTurns() {
    int exitCode = app("").run("--users", "1", "--turns", "5", "--think-ms", "1000", "--quiet",
        "--jdbc-url", TestDatabases.uniqueUrl("app"));

    assertThat(exitCode).isZero();
    assertThat(clock.instant()).isEqualTo(Instant.parse("2025-03-01T10:00:04Z"));
  }

  @Test
  void replModeAnswersEachLineUntilQuit() {
    String input = "/search reset password\n\n/frobnicate\nHow do I export my data?\n:quit\n/help\n";

    int exitCode = app(input).run("--mode", "repl", "--jdbc-url", TestDatabases.uniqueUrl("repl"));

    assertThat(exitCode).isZero();
    String output = stdout.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("#2 How do I reset my password?")
        .contains("unknown command /frobnicate")
        .contains("Go to Settings > Data > Export")
        .doesNotContain("Commands:");
    assertThat(summary(stdoutLines())).containsExactly(1, 3, 3, 1, 0, 0);
  }

  @Test
  void replModeStopsAtEndOfInputAndAfterSlashQuit() {
    assertThat(app("/help\n/quit\n/help\n").run("--mode", "repl", "--jdbc-url", TestDatabases.uniqueUrl("repl")))
        .isZero();
    assertThat(summary(stdoutLines())).containsExactly(1, 2, 2, 0, 0, 0);
  }

  @Test
  void badArgumentsExitWithTwoAndPrintTheUsage() {
    int exitCode = app("").run("--users", "none");

    assertThat(exitCode).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("--users needs a number").contains("Usage:");
    assertThat(stdout.size()).isZero();
  }

  @Test
  void unreachableDatabaseExitsWithOne() {
    int exitCode = app("").run("--quiet", "--jdbc-url", "jdbc:h2:mem:x;IFEXISTS=TRUE");

    assertThat(exitCode).isEqualTo(1);
    assertThat(stderr.toString(StandardCharsets.UTF_8)).startsWith("error: ");
  }

  private ChatbotApp app(String input) {
    return new ChatbotApp(new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), clock, clock::advance);
  }

  private List<String> stdoutLines() {
    return stdout.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static long[] summary(List<String> lines) {
    List<String> summaries = lines.stream().filter(line -> line.contains("SUMMARY")).toList();
    assertThat(summaries).hasSize(1);
    Matcher matcher = SUMMARY.matcher(summaries.get(0));
    assertThat(matcher.find()).as("summary format: %s", summaries.get(0)).isTrue();
    long[] numbers = new long[6];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = Long.parseLong(matcher.group(i + 1));
    }
    return numbers;
  }
}
