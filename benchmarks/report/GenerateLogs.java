import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a realistic ChatLens log directory of about TARGET_MB megabytes (uncompressed) for the report benchmark:
 * the main file rotated at 100 MB and at midnight, the first day's rotated files gzipped, and the audit/ and
 * error/ copies the agent writes. The lines are those of the demo chatbot under load (a turn: a command parsed,
 * often a search, the turn handled; sessions of about 12 turns with feedback; 1% failed turns with their error
 * lines and groups; slow queries, an alert fired and resolved, an agent restart a day).
 *
 * Usage: java GenerateLogs.java OUT_DIR [TARGET_MB] [text|json]. Prints the uncompressed bytes written.
 */
public class GenerateLogs {

  static final long ROTATE = 100L << 20;
  static final String[] COMMANDS = {"/ask", "/search", "/history", "/faq", "/feedback", "/help"};

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    long target = (args.length > 1 ? Long.parseLong(args[1]) : 1024) << 20;
    boolean json = args.length > 2 && args[2].equals("json");
    new GenerateLogs(out, target, json).run();
  }

  private final Path dir;
  private final long target;
  private final boolean json;
  private final SplittableRandom random = new SplittableRandom(42);
  private final StringBuilder line = new StringBuilder(512);
  private Family main;
  private Family audit;
  private Family error;
  private long total;

  GenerateLogs(Path dir, long target, boolean json) {
    this.dir = dir;
    this.target = target;
    this.json = json;
  }

  /** One file family: writes its active file, rotates at 100 MB and at midnight. */
  final class Family {
    final Path directory;
    final String base;
    Writer writer;
    Path file;
    long written;
    LocalDate day;
    int index;

    Family(Path directory, String base) throws IOException {
      this.directory = directory;
      this.base = base;
      Files.createDirectories(directory);
    }

    void write(String text, LocalDate today, boolean gzipDay) throws IOException {
      if (writer == null || !today.equals(day) || written >= ROTATE) {
        if (writer != null) {
          writer.close();
        }
        index = today.equals(day) ? index + 1 : 0;
        day = today;
        file = directory.resolve(base + "." + day + "." + index + ".log" + (gzipDay ? ".gz" : ""));
        OutputStream raw = Files.newOutputStream(file);
        if (gzipDay) {
          raw = new GZIPOutputStream(raw, 1 << 16) {
            {
              def.setLevel(Deflater.BEST_SPEED);
            }
          };
        }
        writer = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
        written = 0;
      }
      writer.write(text);
      written += text.length();
      total += text.length();
    }

    /** The last file becomes the active file (chatbot.log), as when the agent is still running. */
    void finish() throws IOException {
      writer.close();
      if (!file.toString().endsWith(".gz")) {
        Files.move(file, directory.resolve(base + ".log"));
      }
    }
  }

  void run() throws IOException {
    main = new Family(dir, "chatbot");
    audit = new Family(dir.resolve("audit"), "chatbot-audit");
    error = new Family(dir.resolve("error"), "chatbot-error");
    long t = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    LocalDate firstDay = LocalDate.of(2026, 12, 1);
    int session = 0;
    int turnInSession = 0;
    String user = null;
    String sessionId = null;
    int sessionLength = 12;
    boolean restartedToday = false;
    while (total < target) {
      t += 1 + random.nextInt(300);
      LocalDate day = Instant.ofEpochMilli(t).atOffset(ZoneOffset.UTC).toLocalDate();
      boolean gzip = day.equals(firstDay);
      if (total == 0 || (!restartedToday && Instant.ofEpochMilli(t).atOffset(ZoneOffset.UTC).getHour() == 12)) {
        restartedToday = total != 0;
        emit(t, "INFO", "chatlens_agent", "start", "ChatLens 0.1.0 started", day, gzip, true,
            "service", "chatbot", "config_file", "none", "values_set", "0", "problems", "0");
      }
      if (Instant.ofEpochMilli(t).atOffset(ZoneOffset.UTC).getHour() == 0) {
        restartedToday = false;
      }
      if (user == null || turnInSession >= sessionLength) {
        if (user != null) {
          emit(t, "INFO", "session_manager", "close_session", "Cleaned up session (closed) after " + turnInSession
              + " interactions", day, gzip, true, "user_id", user, "session_id", sessionId, "duration_ms",
              Integer.toString(200 + random.nextInt(5000)), "trace_id", hex(32), "span_id", hex(16));
        }
        session++;
        user = "user-" + random.nextInt(5000);
        sessionId = "sess-" + uuid();
        sessionLength = 6 + random.nextInt(14);
        turnInSession = 0;
        emit(t, "INFO", "session_manager", "create_session", "Created new session for", day, gzip, true,
            "user_id", user, "session_id", sessionId, "trace_id", hex(32), "span_id", hex(16));
      }
      turnInSession++;
      String command = COMMANDS[random.nextInt(COMMANDS.length)];
      String trace = hex(32);
      int r = random.nextInt(1000);
      String status = r < 10 ? "error" : r < 150 ? "invalid" : "success";
      if (status.equals("invalid")) {
        emit(t, "INFO", "command_parser", "parse", "Rejected invalid command " + command + ": " + command
            + " needs a query", day, gzip, false, "user_id", user, "session_id", sessionId, "command", "unknown",
            "trace_id", trace, "span_id", hex(16));
      } else {
        emit(t, "INFO", "command_parser", "parse", "Parsed command " + command, day, gzip, false, "user_id", user,
            "session_id", sessionId, "command", command, "trace_id", trace, "span_id", hex(16));
      }
      if (command.equals("/search") || command.equals("/ask")) {
        int results = random.nextInt(6);
        int ms = 1 + random.nextInt(120);
        emit(t, "INFO", "search_engine", "search", "Search returned " + results + " result" + (results == 1 ? "" : "s")
            + " in " + ms + " ms", day, gzip, false, "user_id", user, "session_id", sessionId, "result_count",
            Integer.toString(results), "duration_ms", Integer.toString(ms), "trace_id", trace, "span_id", hex(16));
      }
      if (command.equals("/feedback")) {
        emit(t, "INFO", "search_engine", "record_feedback", "Recorded feedback: answer "
            + (random.nextInt(4) == 0 ? "incorrect" : "correct"), day, gzip, false, "user_id", user, "session_id",
            sessionId, "outcome", "correct", "trace_id", trace, "span_id", hex(16));
      }
      if (status.equals("error")) {
        String fp = Integer.toHexString(0x1000 + random.nextInt(12)) + "9d7be2666022";
        emit(t, "ERROR", "error_handler", "handle", "Captured java.sql.SQLTransientConnectionException: pool "
            + "exhausted after " + random.nextInt(3000) + " ms", day, gzip, false, "user_id", user, "session_id",
            sessionId, "error_category", "database", "error_fingerprint", fp, "trace_id", trace, "span_id", hex(16));
      }
      if (random.nextInt(5000) == 0) {
        emit(t, "WARN", "jdbc", "execute_query", "Slow query took " + (500 + random.nextInt(2000)) + " ms: SELECT "
            + "id, question, answer FROM faq WHERE question LIKE ?", day, gzip, false, "db_system", "h2",
            "duration_ms", "900", "trace_id", trace, "span_id", hex(16));
      }
      if (random.nextInt(200_000) == 0) {
        emit(t, "WARN", "alerts", "fire", "[FIRING] warning HighLatencyP95: p95 above 2s", day, gzip, true, "alert",
            "HighLatencyP95", "severity", "warning", "status", "firing", "value", "2.3", "condition", "above 2 over 5m");
        emit(t + 60_000, "INFO", "alerts", "resolve", "[RESOLVED] warning HighLatencyP95: p95 above 2s", day, gzip,
            true, "alert", "HighLatencyP95", "severity", "warning", "status", "resolved", "value", "0.4",
            "condition", "above 2 over 5m");
      }
      int ms = status.equals("invalid") ? random.nextInt(5) : (int) Math.min(30_000, Math.exp(random.nextDouble() * 6));
      emit(t, status.equals("error") ? "WARN" : "INFO", "chat_service", "handle", "Handled message in " + ms
          + " ms, status=" + status, day, gzip, false, "user_id", user, "session_id", sessionId, "command", command,
          "duration_ms", Integer.toString(ms), "trace_id", trace, "span_id", hex(16));
    }
    main.finish();
    audit.finish();
    error.finish();
    System.out.println(total);
  }

  private void emit(long t, String level, String module, String function, String message, LocalDate day,
      boolean gzip, boolean isAudit, String... pairs) throws IOException {
    line.setLength(0);
    if (json) {
      line.append("{\"@timestamp\":\"").append(Instant.ofEpochMilli(t)).append("\",\"log.level\":\"").append(level)
          .append("\",\"message\":\"").append(message);
      for (int i = 0; i < pairs.length; i += 2) {
        line.append(i == 0 ? " " : ", ").append(pairs[i]).append('=').append(pairs[i + 1]);
      }
      line.append("\",\"ecs.version\":\"8.11.0\",\"service.name\":\"chatbot\",\"event.dataset\":\"")
          .append(isAudit ? "chatlens.audit" : "chatlens.chatbot").append("\",\"log.logger\":\"").append(module)
          .append("\",\"log.origin.function\":\"").append(function).append('"');
      // as the agent's ECS layout: trace, span and user promoted, the other pairs as labels
      StringBuilder labels = new StringBuilder();
      for (int i = 0; i < pairs.length; i += 2) {
        switch (pairs[i]) {
          case "trace_id" -> line.append(",\"trace.id\":\"").append(pairs[i + 1]).append('"');
          case "span_id" -> line.append(",\"span.id\":\"").append(pairs[i + 1]).append('"');
          case "user_id" -> line.append(",\"user.id\":\"").append(pairs[i + 1]).append('"');
          default -> labels.append(labels.length() == 0 ? "" : ",").append('"').append(pairs[i]).append("\":\"")
              .append(pairs[i + 1]).append('"');
        }
      }
      if (labels.length() > 0) {
        line.append(",\"labels\":{").append(labels).append('}');
      }
      line.append("}\n");
    } else {
      String ts = Instant.ofEpochMilli(t).toString();
      line.append(ts.length() == 20 ? ts.replace("Z", ".000Z") : ts).append(" [").append(level).append("] [")
          .append(module).append("] [").append(function).append("] ").append(message);
      for (int i = 0; i < pairs.length; i += 2) {
        line.append(i == 0 ? " " : ", ").append(pairs[i]).append('=').append(pairs[i + 1]);
      }
      line.append('\n');
    }
    String text = line.toString();
    main.write(text, day, gzip);
    if (isAudit) {
      audit.write(text, day, gzip);
    }
    if (!level.equals("INFO") && !level.equals("DEBUG")) {
      error.write(text, day, gzip);
    }
  }

  private String hex(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = "0123456789abcdef".charAt(random.nextInt(16));
    }
    return new String(c);
  }

  private String uuid() {
    return hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
  }
}
