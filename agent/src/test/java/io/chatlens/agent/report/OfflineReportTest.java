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
}
