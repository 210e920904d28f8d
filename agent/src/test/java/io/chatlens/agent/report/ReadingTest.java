package io.chatlens.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line reader, the line parser and the merge with its removal of copies, on hand-written lines. */
class ReadingTest {

  @TempDir
  Path dir;

  private static List<String> lines(byte[] bytes) throws IOException {
    List<String> lines = new ArrayList<>();
    try (LineReader reader = new LineReader(new ByteArrayInputStream(bytes))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void lineReaderSplitsAsciiUtf8CrLfLongAndUnterminatedLines() throws IOException {
    String longLine = "x".repeat(200_000);
    String text = "ascii\r\nj\u00f3zef \ud83d\ude00 b\u00fccher\n\n" + longLine + "\nlast without break";
    assertThat(lines(text.getBytes(StandardCharsets.UTF_8)))
        .containsExactly("ascii", "j\u00f3zef \ud83d\ude00 b\u00fccher", "", longLine, "last without break");
    assertThat(lines(new byte[] {'a', (byte) 0xff, 'b', '\n'})).containsExactly("a\ufffdb");
    assertThat(lines(new byte[0])).isEmpty();
  }

  @Test
  void parsesBothFormatsIntoTheSameFields() {
    LogLine text = new LogLine();
    assertThat(text.parse("2024-01-15T10:30:45.123Z [WARN] [chat_service] [handle] Handled message in 12 ms, "
        + "status=error user_id=u1, session_id=s1, command=/ask, note=\"a, b \\\"c\\\"\", duration_ms=12")).isTrue();
    LogLine json = new LogLine();
    assertThat(json.parse("{\"@timestamp\":\"2024-01-15T10:30:45.123Z\",\"log.level\":\"WARN\",\"message\":"
        + "\"Handled message in 12 ms, status=error user_id=u1, session_id=s1, command=/ask, note=\\\"a, b \\\\\\\"c\\\\\\\"\\\", "
        + "duration_ms=12\",\"ecs.version\":\"8.11.0\",\"labels\":{\"session_id\":\"s1\",\"x\":[1,{\"y\":\"}\"}]},"
        + "\"log.logger\":\"chat_service\",\"log.origin.function\":\"handle\"}")).isTrue();
    for (LogLine line : List.of(text, json)) {
      assertThat(line.epochMillis).isEqualTo(java.time.Instant.parse("2024-01-15T10:30:45.123Z").toEpochMilli());
      assertThat(line.level).isEqualTo(LogLine.WARN);
      assertThat(line.module).isEqualTo("chat_service");
      assertThat(line.function).isEqualTo("handle");
      assertThat(line.get("status")).isEqualTo("error");
      assertThat(line.get("command")).isEqualTo("/ask");
      assertThat(line.get("note")).isEqualTo("a, b \"c\"");
      assertThat(line.number("duration_ms")).isEqualTo(12);
      assertThat(line.get("missing")).isNull();
      assertThat(line.message()).isEqualTo("Handled message in 12 ms, status=error");
    }
    assertThat(new LogLine().parse("not a log line")).isFalse();
    assertThat(new LogLine().parse("{\"message\":\"no timestamp\"}")).isFalse();
    assertThat(new LogLine().parse("{\"@timestamp\":\"2024-01-15T10:30:45.123Z\",\"log.level\":\"INFO\",\"message\":\"cut")).isFalse();
  }

  private List<String> read(long from, long to) throws IOException {
    List<String> seen = new ArrayList<>();
    new MergedLines(LogFiles.find(dir), from, to).read((line, ts, family) -> seen.add(line.substring(24)));
    return seen;
  }

  private static String line(String time, String level, String text) {
    return "2026-12-01T10:00:" + time + "Z [" + level + "] [m] [f] " + text + "\n";
  }

  @Test
  void copiesAreRemovedEvenOutOfOrderAndRepeatedEventsAreKept() throws IOException {
    Files.createDirectories(dir.resolve("error"));
    Files.createDirectories(dir.resolve("audit"));
    // under pressure the agent writes WARN/ERROR ahead of earlier INFO lines, in every file alike
    Files.writeString(dir.resolve("chatbot.log"), line("01.000", "INFO", "a") + line("03.000", "INFO", "b")
        + line("02.000", "WARN", "late warning") + line("04.000", "INFO", "same") + line("04.000", "INFO", "same")
        + line("05.000", "ERROR", "boom"));
    Files.writeString(dir.resolve("error/chatbot-error.log"), line("02.000", "WARN", "late warning")
        + line("05.000", "ERROR", "boom"));
    Files.writeString(dir.resolve("audit/chatbot-audit.log"), line("04.000", "INFO", "same")
        + line("04.000", "INFO", "same") + line("06.000", "INFO", "only in audit"));

    List<String> events = read(Long.MIN_VALUE, Long.MAX_VALUE);

    assertThat(events).hasSize(7);
    assertThat(events).filteredOn(e -> e.contains("late warning")).hasSize(1);
    assertThat(events).filteredOn(e -> e.contains("same")).hasSize(2);
    assertThat(events).filteredOn(e -> e.contains("boom")).hasSize(1);
    assertThat(events.get(events.size() - 1)).contains("only in audit");
  }

  @Test
  void filesAreMergedOnTheirTimestampsWhateverTheirNames() throws IOException {
    Files.writeString(dir.resolve("chatbot.2026-12-01.0.log"), line("05.000", "INFO", "third")
        + line("06.000", "INFO", "fourth"));
    GeneratedLogs.gzip(dir.resolve("chatbot.2026-12-01.7.log.gz"), List.of(line("01.000", "INFO", "first"),
        line("02.000", "INFO", "second")));
    Files.writeString(dir.resolve("chatbot.log"), line("07.000", "INFO", "fifth"));
    Files.writeString(dir.resolve("notes.txt"), "not a log file\n");

    assertThat(read(Long.MIN_VALUE, Long.MAX_VALUE)).extracting(e -> e.substring(e.lastIndexOf(' ') + 1))
        .containsExactly("first", "second", "third", "fourth", "fifth");
    long from = java.time.Instant.parse("2026-12-01T10:00:02Z").toEpochMilli();
    long to = java.time.Instant.parse("2026-12-01T10:00:06Z").toEpochMilli();
    assertThat(read(from, to)).extracting(e -> e.substring(e.lastIndexOf(' ') + 1))
        .containsExactly("second", "third");
  }

  @Test
  void commandLineRejectsBadArgumentsAndReportsAMissingDirectory() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream());
    assertThat(ReportCommandAccess.run(new String[] {"--since", "soon"}, out, errors)).isEqualTo(2);
    assertThat(ReportCommandAccess.run(new String[] {"--format", "pdf"}, out, errors)).isEqualTo(2);
    assertThat(ReportCommandAccess.run(new String[] {"a", "b"}, out, errors)).isEqualTo(2);
    assertThat(ReportCommandAccess.run(new String[] {dir.resolve("missing").toString()}, out, errors)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--since soon: expected a duration")
        .contains("--format pdf: expected html, text or json").contains("unexpected argument 'b'")
        .contains("is not a directory");
  }

  @Test
  void garbageAndDamagedFilesAreCountedNotFatal() throws IOException {
    java.util.Random random = new java.util.Random(7);
    StringBuilder garbage = new StringBuilder();
    String[] starts = {"2026-12-01T10:00:0", "{\"@timestamp\":\"2026-12-01T10:00:01.000Z\",\"log.level\":\"ERROR\",\"message\":\"",
        "2026-12-01T10:00:02.000Z [ERROR] [", "2026-12-01T10:00:03.000Z [INFO] [m] [f] Handled message in ",
        "2026-12-01T10:00:04.000Z [INFO] [m] [f] Cleaned up session (", "2026-12-01T10:00:05.000Z [WARN] [m] [f] New error group ",
        "2026-12-01T10:00:06.000Z [WARN] [alerts] [fire] x alert=", "2026-12-01T10:00:07.000Z [INFO] [m] [f] Slow query took "};
    for (int i = 0; i < 5_000; i++) {
      garbage.append(starts[random.nextInt(starts.length)]);
      int n = random.nextInt(40);
      for (int c = 0; c < n; c++) {
        garbage.append("=\"\\, ):{}[]0123456789abc status=error_ms".charAt(random.nextInt(38)));
      }
      garbage.append('\n');
    }
    Files.writeString(dir.resolve("chatbot.log"), garbage.toString());
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      for (int i = 0; i < 2_000; i++) {
        out.write(line(String.format("%02d.000", i % 60), "INFO", "Handled message in 3 ms, status=success duration_ms=3")
            .getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] whole = gz.toByteArray();
    Files.write(dir.resolve("chatbot.2026-12-01.0.log.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ReportCommandAccess.run(new String[] {dir.toString(), "--format", "html"},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("could not be read to their end")
        .contains("chatbot.2026-12-01.0.log.gz");
    Report report = OfflineReport.analyse(new OfflineReport.Options(dir, null, null, null, false)).report();
    assertThat((Long) report.summary().get("turns")).isPositive();
    assertThat((Long) report.about().get("unparsedLines")).isPositive();
  }
}
