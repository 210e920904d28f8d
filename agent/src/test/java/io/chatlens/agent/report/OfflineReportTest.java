package io.chatlens.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import io.chatlens.instrumentation.core.ChatEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfflineReportTest {

  @TempDir
  Path dir;

  private static Report report(Path dir) throws IOException {
    return OfflineReport.analyse(new OfflineReport.Options(dir, null, null, null, false)).report();
  }

  private static Report.Table table(Report report, String id) {
    return report.sections.stream().flatMap(s -> s.blocks.stream()).filter(b -> b instanceof Report.Table)
        .map(b -> (Report.Table) b).filter(t -> t.id.equals(id)).findFirst().orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void countsEveryEventOnceAcrossRotatedGzippedAndCopiedFiles(boolean json) throws IOException {
    GeneratedLogs logs = GeneratedLogs.twoDays(200);
    logs.write(dir, json);

    Report report = report(dir);
    Map<String, Object> s = report.summary();

    assertThat(s.get("turns")).isEqualTo(logs.turns);
    assertThat(s.get("turnsError")).isEqualTo(logs.turnErrors);
    assertThat(s.get("turnsInvalid")).isEqualTo(logs.turnInvalid);
    assertThat(s.get("turnsSuccess")).isEqualTo(logs.turns - logs.turnErrors - logs.turnInvalid);
    assertThat(s.get("p50Ms")).isEqualTo(logs.quantile(0.5));
    assertThat(s.get("p95Ms")).isEqualTo(logs.quantile(0.95));
    assertThat(s.get("maxMs")).isEqualTo(49L);
    assertThat(s.get("errorLines")).isEqualTo(logs.errorLines);
    assertThat(s.get("errorGroups")).isEqualTo(2L);
    assertThat(s.get("newErrorGroups")).isEqualTo(2L);
    assertThat(s.get("sessionsCreated")).isEqualTo(logs.sessionsCreated);
    assertThat(s.get("sessionsEnded")).isEqualTo(logs.sessionsEnded);
    assertThat(s.get("users")).isEqualTo((long) logs.users.size());
    assertThat(s.get("searches")).isEqualTo(logs.searches);
    assertThat(s.get("zeroResultSearches")).isEqualTo(logs.zeroResults);
    assertThat(s.get("alertsFired")).isEqualTo(logs.alertsFired);
    assertThat(s.get("alertsResolved")).isEqualTo(logs.alertsResolved);
    assertThat(s.get("slowQueries")).isEqualTo(logs.slowQueries);
    assertThat(s.get("connectionFailures")).isEqualTo(logs.connectionFailures);
    assertThat(s.get("agentStarts")).isEqualTo(logs.starts);
    assertThat(report.about.get("events")).isEqualTo((long) logs.events.size());
    assertThat(report.about.get("files")).isEqualTo(6);
    assertThat(report.about.get("unparsedLines")).isEqualTo(0L);

    List<List<Object>> groups = table(report, "errorGroups").rows;
    assertThat(groups).isNotEmpty();
    assertThat(groups).extracting(row -> row.get(0)).containsExactly("fpA", "fpB");
    assertThat(groups.get(0).get(1)).isEqualTo("java.lang.IllegalStateException");
    assertThat(groups.get(0).get(3)).isEqualTo("com.example.Bot.answer");
    assertThat(groups.get(0).get(4)).isEqualTo(logs.fingerprintA);
    assertThat(groups.get(1).get(4)).isEqualTo(logs.fingerprintB);

    List<List<Object>> perDay = table(report, "errorsPerDay").rows;
    assertThat(perDay).hasSize(2);
    assertThat(perDay.get(0)).containsExactly("2026-11-30", logs.fingerprintA + 1, logs.fingerprintA, 1L);
    assertThat(perDay.get(1)).containsExactly("2026-12-01", logs.fingerprintB + 1, logs.fingerprintB, 1L);

    List<List<Object>> commands = table(report, "commands").rows;
    assertThat(commands).isNotEmpty();
    for (Map.Entry<String, Long> command : logs.turnsPerCommand.entrySet()) {
      assertThat(commands).anySatisfy(row -> assertThat(row.subList(0, 2)).containsExactly(command.getKey(),
          command.getValue()));
    }
    List<List<Object>> byDay = table(report, "latencyByDay").rows;
    assertThat(byDay).extracting(row -> row.get(1)).containsExactly(logs.turns / 2, logs.turns / 2);
  }

  @Test
  void textAndJsonLogsGiveTheSameReport() throws IOException {
    GeneratedLogs logs = GeneratedLogs.twoDays(120);
    Path text = Files.createDirectories(dir.resolve("text"));
    Path json = Files.createDirectories(dir.resolve("json"));
    logs.write(text, false);
    logs.write(json, true);
    assertThat(report(json).summary()).isEqualTo(report(text).summary());
  }

  @Test
  void eventsOfAnExpiredMainFileAreReadFromTheLongerKeptFiles() throws IOException {
    GeneratedLogs logs = GeneratedLogs.twoDays(100);
    logs.write(dir, false);
    Files.delete(dir.resolve("chatbot.2026-11-30.10.log.gz"));
    Files.delete(dir.resolve("chatbot.2026-11-30.9.log"));

    Map<String, Object> s = report(dir).summary();

    assertThat(s.get("sessionsCreated")).isEqualTo(logs.sessionsCreated);
    assertThat(s.get("errorLines")).isEqualTo(logs.errorLines);
    assertThat(s.get("alertsFired")).isEqualTo(logs.alertsFired);
    assertThat(s.get("agentStarts")).isEqualTo(logs.starts);
    // INFO turns of day 1 were only in the main file: the failed ones (WARN) survive in error/
    assertThat(s.get("turns")).isEqualTo(logs.turns / 2 + logs.turnErrors / 2);
  }

  @Test
  void sinceKeepsThePeriodAndComparesWithThePreviousOne() throws IOException {
    GeneratedLogs logs = GeneratedLogs.twoDays(100);
    logs.write(dir, false);
    Instant end = GeneratedLogs.DAY2.plus(Duration.ofDays(1));

    Report report = OfflineReport.analyse(new OfflineReport.Options(dir, Duration.ofDays(1), end, null, false)).report();

    assertThat(report.summary().get("turns")).isEqualTo(logs.turns / 2);
    assertThat(report.summary().get("previousTurns")).isEqualTo(logs.turns / 2);
    assertThat(report.summary().get("agentStarts")).isEqualTo(1L);
    // fpB first appears on day 2 and was not in the previous period
    assertThat(report.summary().get("newErrorGroups")).isEqualTo(1L);
    assertThat(table(report, "previousPeriod").rows).isNotEmpty();
  }

  @Test
  void htmlIsOneSelfContainedFileWithEveryValueEscaped() throws IOException {
    GeneratedLogs logs = GeneratedLogs.twoDays(40);
    logs.write(dir, false);
    GeneratedLogs.plain(dir.resolve("extra.log"), List.of(
        "2026-12-01T09:00:00.000Z [ERROR] [error_handler] [handle] <script>alert(1)</script> failed for jane@example.com\n"));

    String html = Renderers.html(report(dir));

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("&lt;script&gt;alert(#)&lt;/script&gt;");
    assertThat(html).doesNotContain("<script").doesNotContain("jane@example.com").doesNotContain("src=")
        .doesNotContain("href=\"http").doesNotContain("@import");
  }

  @Test
  void tablesStayBoundedWithAnOtherRow() throws IOException {
    StringBuilder lines = new StringBuilder();
    long t = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    int groups = Analyzer.MAX_GROUPS + 50;
    for (int i = 0; i < groups; i++) {
      lines.append(Instant.ofEpochMilli(t + i)).append(" [ERROR] [error_handler] [handle] Captured x.Boom: no ")
          .append("error_category=internal, error_fingerprint=fp").append(i).append('\n');
    }
    Files.writeString(dir.resolve("chatbot.log"), lines.toString().replace(":00Z [", ":00.000Z ["));
    Report report = report(dir);
    List<List<Object>> rows = table(report, "errorGroups").rows;
    assertThat(rows).hasSize(Analyzer.MAX_GROUPS + 1);
    assertThat(rows.get(rows.size() - 1).get(0)).isEqualTo("other");
    assertThat(rows.get(rows.size() - 1).get(4)).isEqualTo(50L);
    assertThat(report.summary().get("errorLines")).isEqualTo((long) groups);
  }

  @Test
  void commandLineWritesJsonAndDrawsProgressWhenAsked() throws IOException {
    GeneratedLogs logs = GeneratedLogs.twoDays(30);
    logs.write(dir, true);
    Path out = dir.resolve("out/report.json");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ReportCommandAccess.run(new String[] {dir.toString(), "--out", out.toString(), "--progress"},
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    assertThat(Files.readString(out)).startsWith("{\"report\":\"chatlens\"").contains("\"turns\":" + logs.turns);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("100%").contains("written to");
  }

  // --- regressions, drops, peak hours and engagement, on logs built for them -------------------------------------

  /** Text log lines built with the agent's own layout, in time order. */
  private static final class Lines {
    final List<String> lines = new ArrayList<>();

    Lines event(long t, ChatEvent.Level level, String module, String function, String message, String... pairs) {
      Map<String, String> context = new LinkedHashMap<>();
      for (int i = 0; i + 1 < pairs.length; i += 2) {
        context.put(pairs[i], pairs[i + 1]);
      }
      lines.add(GeneratedLogs.format(new ChatEvent(t, level, module, function, message, context, null, false), false));
      return this;
    }

    /** {@code count} turns from {@code start}, one a minute, {@code failedEvery}-th failed (0: none). */
    Lines turns(long start, int count, long durationMs, int failedEvery, String session) {
      for (int i = 0; i < count; i++) {
        boolean failed = failedEvery > 0 && i % failedEvery == 0;
        event(start + i * 60_000L, failed ? ChatEvent.Level.WARN : ChatEvent.Level.INFO, "chat_service", "handle",
            "Handled message in " + durationMs + " ms, status=" + (failed ? "error" : "success"), "user_id",
            "user-" + session.substring("sess-".length()),
            "session_id", session, "command", "/search", "duration_ms", Long.toString(durationMs));
      }
      return this;
    }

    void write(Path file) throws IOException {
      GeneratedLogs.plain(file, lines);
    }
  }

  private static List<Object> row(Report report, String table, Object first) {
    return table(report, table).rows.stream().filter(r -> first.equals(r.get(0))).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + first + " in " + table + ": " + table(report, table).rows));
  }

  @Test
  void theTokensAndCostOfTheTurnsLlmCallsAreSummed() throws IOException {
    long t = GeneratedLogs.DAY1.toEpochMilli() + 9 * 3_600_000L;
    Lines lines = new Lines().turns(t, 3, 10, 0, "sess-a");
    lines.event(t + 1_000, ChatEvent.Level.INFO, "chat_service", "handle", "Handled message in 900 ms, status=success",
        "session_id", "sess-l", "command", "/ask", "duration_ms", "900", "llm_cost", "0.00000915", "llm_tokens", "34");
    lines.event(t + 2_000, ChatEvent.Level.INFO, "chat_service", "handle", "Handled message in 700 ms, status=success",
        "session_id", "sess-l", "command", "/ask", "duration_ms", "700", "llm_cost", "0.00001185", "llm_tokens", "43");
    lines.write(dir.resolve("chatbot.log"));

    Report report = report(dir);

    assertThat(report.summary().get("turns")).isEqualTo(5L);
    assertThat(report.summary().get("llmTurns")).isEqualTo(2L);
    assertThat(report.summary().get("llmTokens")).isEqualTo(77L);
    assertThat((Double) report.summary().get("llmCost")).isCloseTo(21.0e-6, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(row(report, "llmUsage", "turns with LLM calls").get(1)).isEqualTo("2 (40.00% of turns)");
    assertThat(row(report, "llmUsage", "tokens per turn with LLM calls").get(1)).isEqualTo(38.5);
    assertThat(row(report, "llmUsage", "cost per turn with LLM calls").get(1)).isEqualTo("0.00001050");
  }

  @Test
  void aSlowerDayWithMoreFailuresIsFlaggedAsARegressionAgainstTheDayBefore() throws IOException {
    long day1 = GeneratedLogs.DAY1.toEpochMilli() + 9 * 3_600_000L;
    long day2 = GeneratedLogs.DAY2.toEpochMilli() + 9 * 3_600_000L;
    // day 1: 40 turns of 10 ms, none failed; day 2: 40 turns of 40 ms, every 5th failed (20 %)
    new Lines().turns(day1, 40, 10, 0, "sess-a").turns(day2, 40, 40, 5, "sess-b").write(dir.resolve("chatbot.log"));

    Report report = report(dir);

    assertThat(report.summary().get("regressions")).isEqualTo(2L);
    List<List<Object>> regressions = table(report, "regressions").rows;
    assertThat(regressions).isNotEmpty();
    assertThat(regressions).extracting(r -> (String) r.get(0)).containsExactly(
        "2026-12-01: p95 40 ms, was 10 ms on 2026-11-30 (+300.0%)",
        "2026-12-01: error rate 20.00%, was 0.00% on 2026-11-30");
    assertThat(row(report, "latencyByDay", "2026-12-01")).containsExactly("2026-12-01", 40L, "20.00%", 40L, 40L,
        "+300.0%");
    assertThat(Renderers.html(report)).contains("2026-12-01: p95 40 ms, was 10 ms on 2026-11-30")
        .doesNotContain("No regression");
  }

  @Test
  void theSameLatencyOnBothDaysIsNoRegression() throws IOException {
    long day1 = GeneratedLogs.DAY1.toEpochMilli() + 9 * 3_600_000L;
    long day2 = GeneratedLogs.DAY2.toEpochMilli() + 9 * 3_600_000L;
    new Lines().turns(day1, 40, 12, 10, "sess-a").turns(day2, 40, 13, 10, "sess-b").write(dir.resolve("chatbot.log"));

    Report report = report(dir);

    assertThat(report.summary().get("regressions")).isEqualTo(0L);
    assertThat(table(report, "regressions").rows).isEmpty();
    assertThat(Renderers.html(report)).contains("No regression");
  }

  @Test
  void aSlowerPeriodIsFlaggedAgainstThePreviousPeriod() throws IOException {
    long start = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    // the previous hour: 30 turns of 8 ms; the hour reported: 30 turns of 30 ms (one day, so no day-over-day row)
    new Lines().turns(start, 30, 8, 0, "sess-a").turns(start + 3_600_000L, 30, 30, 0, "sess-b")
        .write(dir.resolve("chatbot.log"));
    Instant end = Instant.ofEpochMilli(start + 2 * 3_600_000L);

    Report report = OfflineReport.analyse(new OfflineReport.Options(dir, Duration.ofHours(1), end, null, false))
        .report();

    assertThat(report.summary().get("turns")).isEqualTo(30L);
    assertThat(report.summary().get("previousTurns")).isEqualTo(30L);
    assertThat(report.summary().get("previousP95Ms")).isEqualTo(8L);
    assertThat(report.summary().get("regressions")).isEqualTo(1L);
    assertThat(table(report, "regressions").rows).isNotEmpty().extracting(r -> r.get(0))
        .containsExactly("this period: p95 30 ms, was 8 ms in the previous period");
    assertThat(row(report, "previousPeriod", "p95 ms")).containsExactly("p95 ms", 8L, 30L, "+275.0%");
  }

  @Test
  void dropNoticesPeakHoursAndEngagementAreReported() throws IOException {
    long day = GeneratedLogs.DAY2.toEpochMilli();
    Lines lines = new Lines();
    lines.event(day + 8 * 3_600_000L, ChatEvent.Level.INFO, "chatlens_agent", "start", "ChatLens 0.1.0 started");
    // 09:00: 5 turns; 14:00: 30 turns (the peak); 20:00: 12 turns
    lines.turns(day + 9 * 3_600_000L, 5, 5, 0, "sess-1");
    lines.turns(day + 14 * 3_600_000L, 30, 5, 0, "sess-2");
    lines.turns(day + 20 * 3_600_000L, 12, 5, 0, "sess-3");
    // three sessions of 3 users: 4, 10 and 16 interactions, closed twice and expired once
    String[][] sessions = {{"user-1", "sess-1", "closed", "4", "60000"}, {"user-2", "sess-2", "closed", "10", "120000"},
        {"user-3", "sess-3", "expired", "16", "900000"}};
    long t = day + 21 * 3_600_000L;
    for (String[] s : sessions) {
      lines.event(t++, ChatEvent.Level.INFO, "session_manager", "create_session", "Created new session for",
          "user_id", s[0], "session_id", s[1]);
    }
    for (String[] s : sessions) {
      lines.event(t++, ChatEvent.Level.INFO, "session_manager", "close_session", "Cleaned up session (" + s[2]
          + ") after " + s[3] + " interactions", "user_id", s[0], "session_id", s[1], "duration_ms", s[4]);
    }
    // the agent's notices of dropped events
    lines.event(t++, ChatEvent.Level.WARN, "chatlens_agent", "log_queue", "12 log events dropped: the queue is full");
    lines.event(t++, ChatEvent.Level.WARN, "chatlens_agent", "log_queue", "3 log events dropped: the queue is full");
    lines.write(dir.resolve("chatbot.log"));

    Report report = report(dir);
    Map<String, Object> s = report.summary();

    assertThat(s.get("dropNotices")).isEqualTo(2L);
    assertThat(row(report, "checks", "dropped events")).containsExactly("dropped events", "amber",
        "2 notices of dropped events");
    List<List<Object>> peak = table(report, "peakHours").rows;
    assertThat(peak).isNotEmpty();
    assertThat(peak).extracting(r -> r.get(0)).startsWith("2026-12-01 14:00", "2026-12-01 20:00", "2026-12-01 09:00");
    assertThat(peak.get(0).get(1)).isEqualTo(30L);
    Report.Chart hourOfDay = report.sections.stream().flatMap(x -> x.blocks.stream())
        .filter(b -> b instanceof Report.Chart c && c.id.equals("hourOfDay")).map(b -> (Report.Chart) b).findFirst()
        .orElseThrow();
    assertThat(hourOfDay.series.get("turns")).hasSize(24);
    assertThat(hourOfDay.series.get("turns").get(14)).isEqualTo(30d);
    assertThat(hourOfDay.series.get("turns").get(9)).isEqualTo(5d);
    assertThat(hourOfDay.series.get("turns").get(3)).isEqualTo(0d);

    assertThat(s.get("sessionsCreated")).isEqualTo(3L);
    assertThat(s.get("sessionsEnded")).isEqualTo(3L);
    assertThat(row(report, "usageSummary", "distinct users")).containsExactly("distinct users", "3");
    assertThat((String) row(report, "usageSummary", "interactions per ended session: mean / p50 / p95").get(1))
        .isEqualTo("10.0 / 10 / 16");
    assertThat(row(report, "usageSummary", "turns per user").get(1)).isEqualTo(15.67);
    assertThat(row(report, "sessionEnds", "closed")).containsExactly("closed", 2L);
    assertThat(row(report, "sessionEnds", "expired")).containsExactly("expired", 1L);
    // user and session ids are counted, never shown
    assertThat(Renderers.html(report)).doesNotContain("user-1").doesNotContain("sess-");
  }
}
