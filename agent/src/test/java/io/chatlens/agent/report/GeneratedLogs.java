package io.chatlens.agent.report;

import io.chatlens.agent.logging.EcsJsonLayout;
import io.chatlens.agent.logging.SeedTextLayout;
import io.chatlens.instrumentation.core.ChatEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Two days of agent events built with the agent's own layouts, and the numbers a report of them must show. The
 * events are routed as the agent routes them: every one to the main file, the audit ones to audit/, WARN and ERROR
 * to error/.
 */
final class GeneratedLogs {

  static final Instant DAY1 = Instant.parse("2026-11-30T00:00:00Z");
  static final Instant DAY2 = Instant.parse("2026-12-01T00:00:00Z");
  static final String[] COMMANDS = {"/ask", "/search", "/help"};

  final List<ChatEvent> events = new ArrayList<>();
  long turns;
  long turnErrors;
  long turnInvalid;
  long sessionsCreated;
  long sessionsEnded;
  final Set<String> users = new HashSet<>();
  long searches;
  long zeroResults;
  long errorLines;
  long fingerprintA;
  long fingerprintB;
  long slowQueries;
  long connectionFailures;
  long alertsFired;
  long alertsResolved;
  long starts;
  final Map<String, Long> turnsPerCommand = new LinkedHashMap<>();
  final List<Long> durations = new ArrayList<>();

  /** {@code perDay} turns on each of the two days, one every 30 seconds from 08:00 UTC. */
  static GeneratedLogs twoDays(int perDay) {
    GeneratedLogs logs = new GeneratedLogs();
    logs.day(DAY1.toEpochMilli(), perDay, "fpA", "java.lang.IllegalStateException");
    logs.day(DAY2.toEpochMilli(), perDay, "fpB", "java.io.UncheckedIOException");
    return logs;
  }

  private void day(long dayStart, int perDay, String fingerprint, String type) {
    long t = dayStart + 8 * 3_600_000L;
    add(audit(t, ChatEvent.Level.INFO, "chatlens_agent", "start", "ChatLens 0.1.0 started", "service", "chatbot"));
    starts++;
    boolean announced = false;
    String session = null;
    String user = null;
    for (int i = 0; i < perDay; i++) {
      t += 30_000;
      if (i % 10 == 0) {
        if (session != null) {
          add(audit(t, ChatEvent.Level.INFO, "session_manager", "close_session",
              "Cleaned up session (closed) after 10 interactions", "user_id", user, "session_id", session,
              "duration_ms", "300000"));
          sessionsEnded++;
        }
        user = "user-" + (i / 10) % 7 + "-" + dayStart;
        session = "sess-" + dayStart + "-" + i;
        users.add(user);
        add(audit(t, ChatEvent.Level.INFO, "session_manager", "create_session", "Created new session for", "user_id",
            user, "session_id", session));
        sessionsCreated++;
      }
      String command = COMMANDS[i % 3];
      long results = i % 5;
      add(event(t + 1, ChatEvent.Level.INFO, "search_engine", "search",
          "Search returned " + results + " results in 3 ms", "user_id", user, "session_id", session, "result_count",
          Long.toString(results), "duration_ms", "3"));
      searches++;
      if (results == 0) {
        zeroResults++;
      }
      String status = i % 20 == 0 ? "error" : i % 7 == 0 ? "invalid" : "success";
      if (status.equals("error")) {
        if (!announced) {
          announced = true;
          add(audit(t + 2, ChatEvent.Level.WARN, "error_handler", "handle", "New error group " + fingerprint + ": "
              + type + " at com.example.Bot.answer (category internal)", "user_id", user, "session_id", session,
              "error_category", "internal", "error_fingerprint", fingerprint));
        }
        add(event(t + 2, ChatEvent.Level.ERROR, "error_handler", "handle", "Captured " + type + ": boom <b>" + i,
            "user_id", user, "session_id", session, "error_category", "internal", "error_fingerprint", fingerprint));
        errorLines++;
        if (fingerprint.equals("fpA")) {
          fingerprintA++;
        } else {
          fingerprintB++;
        }
        turnErrors++;
      } else if (status.equals("invalid")) {
        turnInvalid++;
      }
      long duration = i % 50;
      durations.add(duration);
      add(event(t + 3, status.equals("error") ? ChatEvent.Level.WARN : ChatEvent.Level.INFO, "chat_service", "handle",
          "Handled message in " + duration + " ms, status=" + status, "user_id", user, "session_id", session,
          "command", command, "duration_ms", Long.toString(duration)));
      turns++;
      turnsPerCommand.merge(command, 1L, Long::sum);
      if (i == perDay / 2) {
        add(event(t + 4, ChatEvent.Level.WARN, "jdbc", "execute_query", "Slow query took 1200 ms: SELECT * FROM faq "
            + "WHERE id = ?", "db_system", "h2", "duration_ms", "1200"));
        slowQueries++;
        add(event(t + 5, ChatEvent.Level.ERROR, "jdbc", "get_connection", "Database connection failed (connect h2)",
            "db_system", "h2", "error_type", "08001"));
        connectionFailures++;
        errorLines++;
        add(audit(t + 6, ChatEvent.Level.WARN, "alerts", "fire", "[FIRING] warning SlowTurns: slow", "alert",
            "SlowTurns", "severity", "warning", "status", "firing"));
        alertsFired++;
        add(audit(t + 7, ChatEvent.Level.INFO, "alerts", "resolve", "[RESOLVED] warning SlowTurns: slow", "alert",
            "SlowTurns", "severity", "warning", "status", "resolved"));
        alertsResolved++;
      }
    }
  }

  private void add(ChatEvent event) {
    events.add(event);
  }

  private static ChatEvent event(long t, ChatEvent.Level level, String module, String function, String message,
      String... pairs) {
    return new ChatEvent(t, level, module, function, message, context(pairs), null, false);
  }

  private static ChatEvent audit(long t, ChatEvent.Level level, String module, String function, String message,
      String... pairs) {
    return new ChatEvent(t, level, module, function, message, context(pairs), null, true);
  }

  private static Map<String, String> context(String... pairs) {
    Map<String, String> context = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      context.put(pairs[i], pairs[i + 1]);
    }
    return context;
  }

  static String format(ChatEvent event, boolean json) {
    return json ? new EcsJsonLayout("chatbot").format(event) : SeedTextLayout.format(event);
  }

  /**
   * Writes the files as the agent lays them out, with rotated names that disagree with the content's order: day 1
   * of the main file is split into {@code chatbot.2026-11-30.10.log.gz} (the first half) and
   * {@code chatbot.2026-11-30.9.log} (the second half); day 2 is the active {@code chatbot.log}.
   */
  void write(Path dir, boolean json) throws IOException {
    List<String> day1 = new ArrayList<>();
    List<String> day2 = new ArrayList<>();
    List<String> audit1 = new ArrayList<>();
    List<String> audit2 = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (ChatEvent event : events) {
      String line = format(event, json);
      boolean first = event.epochMillis() < DAY2.toEpochMilli();
      (first ? day1 : day2).add(line);
      if (event.audit()) {
        (first ? audit1 : audit2).add(line);
      }
      if (event.level().compareTo(ChatEvent.Level.WARN) >= 0) {
        errors.add(line);
      }
    }
    Files.createDirectories(dir.resolve("audit"));
    Files.createDirectories(dir.resolve("error"));
    int half = day1.size() / 2;
    gzip(dir.resolve("chatbot.2026-11-30.10.log.gz"), day1.subList(0, half));
    plain(dir.resolve("chatbot.2026-11-30.9.log"), day1.subList(half, day1.size()));
    plain(dir.resolve("chatbot.log"), day2);
    gzip(dir.resolve("audit/chatbot-audit.2026-11-30.0.log.gz"), audit1);
    plain(dir.resolve("audit/chatbot-audit.log"), audit2);
    plain(dir.resolve("error/chatbot-error.log"), errors);
  }

  static void plain(Path file, List<String> lines) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String line : lines) {
        out.write(line);
      }
    }
  }

  static void gzip(Path file, List<String> lines) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (String line : lines) {
        out.write(line.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** The exact quantile of the generated durations, as the report computes it below 64 ms. */
  long quantile(double q) {
    List<Long> sorted = new ArrayList<>(durations);
    sorted.sort(null);
    int rank = (int) Math.max(1, Math.ceil(q * sorted.size()));
    return sorted.get(rank - 1);
  }
}
