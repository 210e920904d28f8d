package io.chatlens.agent.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Folds the events of the logs into bounded aggregates: per hour and per day (turns, latency histograms, errors,
 * searches, sessions), bounded tables (error groups, commands, alerts, slow queries, with an {@code other} row) and
 * distinct counters. Memory depends on the time span and the table limits, never on the number of lines.
 */
final class Analyzer {

  static final long HOUR = 3_600_000L;
  static final long DAY = 86_400_000L;
  static final int MAX_HOURS = 24 * 800;
  static final int MAX_GROUPS = 200;
  static final int MAX_ROWS = 50;

  private final long from;
  private final long previousFrom;
  private final UnaryOperator<String> redact;
  private final LogLine line = new LogLine();

  long first = Long.MAX_VALUE;
  long last = Long.MIN_VALUE;
  long events;
  long unparsed;
  final long[] levels = new long[4];

  // turns
  final TreeMap<Long, Hour> hours = new TreeMap<>();
  long droppedHours;
  final long[] hourOfDay = new long[24];
  final Period previous = new Period();

  // errors
  final BoundedCounts<Group> groups = new BoundedCounts<>(MAX_GROUPS, Group::new);
  final BoundedCounts<Group> patterns = new BoundedCounts<>(MAX_ROWS, Group::new);
  final TreeMap<Long, long[]> newGroupsPerDay = new TreeMap<>();
  final java.util.Set<String> previousFingerprints = new java.util.HashSet<>();

  // usage
  final DistinctCounter users = new DistinctCounter(200_000);
  final DistinctCounter sessions = new DistinctCounter(200_000);
  final TreeMap<Long, DistinctCounter> usersPerDay = new TreeMap<>();
  final BoundedCounts<Command> commands = new BoundedCounts<>(MAX_ROWS, Command::new);
  final BoundedCounts<BoundedCounts.Counter> endReasons = new BoundedCounts<>(20, BoundedCounts.Counter::new);
  final LatencyHistogram sessionDuration = new LatencyHistogram();
  final LatencyHistogram sessionInteractions = new LatencyHistogram();
  long sessionsCreated;
  long sessionsEnded;
  long feedbackCorrect;
  long feedbackIncorrect;
  long searchesUnknown;
  // LLM calls, from the fields the llm component adds to the turn's event (llm_tokens, llm_cost)
  long llmTurns;
  long llmTokens;
  double llmCost;
  long llmCostTurns;

  // health
  final BoundedCounts<Alert> alerts = new BoundedCounts<>(MAX_ROWS, Alert::new);
  final BoundedCounts<Slow> slowQueries = new BoundedCounts<>(MAX_ROWS, Slow::new);
  final BoundedCounts<BoundedCounts.Counter> connectionFailures = new BoundedCounts<>(20, BoundedCounts.Counter::new);
  final BoundedCounts<Group> agentProblems = new BoundedCounts<>(MAX_ROWS, Group::new);
  final List<long[]> starts = new ArrayList<>();
  long startCount;
  long alertsFired;
  long alertsResolved;
  long slowQueryCount;
  long slowOperationCount;
  long dbQueryFailures;
  long connectionFailureCount;
  long dropNotices;
  long configProblems;

  Analyzer(long from, long previousFrom, UnaryOperator<String> redact) {
    this.from = from;
    this.previousFrom = previousFrom;
    this.redact = redact;
  }

  static final class Hour {
    long turns;
    long errors;
    long invalid;
    long searches;
    long zeroResults;
    long sessionsCreated;
    long errorLines;
    final LatencyHistogram latency = new LatencyHistogram();
    final LatencyHistogram searchLatency = new LatencyHistogram();
  }

  static final class Period {
    long turns;
    long errors;
    long errorLines;
    final LatencyHistogram latency = new LatencyHistogram();
  }

  static final class Group {
    String type = "";
    String category = "";
    String topFrame = "";
    String module = "";
    long count;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long announced = Long.MIN_VALUE;
    boolean isNew;
    final TreeMap<Long, long[]> perDay = new TreeMap<>();

    void seen(long ts, boolean counted) {
      first = Math.min(first, ts);
      last = Math.max(last, ts);
      if (counted) {
        count++;
        if (perDay.size() < 800 || perDay.containsKey(ts / DAY)) {
          perDay.computeIfAbsent(Math.floorDiv(ts, DAY), d -> new long[1])[0]++;
        }
      }
    }
  }

  static final class Command {
    long parsed;
    long rejected;
    long turns;
    long errors;
    long invalid;
    final LatencyHistogram latency = new LatencyHistogram();
  }

  static final class Alert {
    String severity = "";
    long fired;
    long resolved;
    long repeats;
    String lastStatus = "";
    long lastAt;
  }

  static final class Slow {
    long count;
    long maxMs;
    long totalMs;
  }

  /** One line already known to be an event of the period or the previous one. */
  void accept(String raw, long ts) {
    if (!line.parse(raw, ts)) {
      unparsed++;
      return;
    }
    if (ts < from) {
      previous(line);
      return;
    }
    events++;
    first = Math.min(first, ts);
    last = Math.max(last, ts);
    levels[line.level]++;
    String module = line.module;
    if (line.starts("Handled message in ")) {
      turn(ts);
    } else if (line.starts("Search returned ")) {
      search(ts);
    } else if (line.starts("Parsed command ") || line.starts("Rejected invalid ")) {
      String command = orUnknown(line.get("command"));
      Command row = commands.row(command);
      if (line.starts("P")) {
        row.parsed++;
      } else {
        row.rejected++;
      }
    } else if (line.starts("Created new session for")) {
      sessionsCreated++;
      hour(ts).sessionsCreated++;
      long user = line.hashOf("user_id");
      users.addHash(user);
      usersOfDay(ts).addHash(user);
      sessions.addHash(line.hashOf("session_id"));
    } else if (line.starts("Cleaned up session (")) {
      String text = line.text();
      sessionsEnded++;
      int close = text.indexOf(')');
      endReasons.row(close > 20 ? text.substring(20, close) : "unknown").count++;
      long interactions = LogLine.parseLong(after(text, ") after "));
      if (interactions >= 0) {
        sessionInteractions.add(interactions);
      }
      long millis = line.number("duration_ms");
      if (millis >= 0) {
        sessionDuration.add(millis);
      }
    } else if (line.starts("Recorded feedback: answer ")) {
      if (line.starts("correct", 26)) {
        feedbackCorrect++;
      } else {
        feedbackIncorrect++;
      }
    } else if (line.starts("New error group ")) {
      newGroup(ts, line.text());
    } else if (line.starts("Slow query took ") || line.starts("Slow database operation ")) {
      slow(line.text());
    } else if (line.starts("Database connection failed")) {
      connectionFailureCount++;
      String system = line.get("db_system");
      String type = line.get("error_type");
      connectionFailures.row((system == null ? "?" : system) + " " + (type == null ? "?" : type)).count++;
    } else if ("alerts".equals(module) && ("fire".equals(line.function) || "resolve".equals(line.function))) {
      alert(ts);
    } else if ("chatlens_agent".equals(module)) {
      agent(ts, line.text());
    }
    if (line.level == LogLine.ERROR) {
      error(ts, line.text());
    }
  }

  private void previous(LogLine l) {
    if (l.starts("Handled message in ")) {
      previous.turns++;
      if ("error".equals(l.get("status"))) {
        previous.errors++;
      }
      long millis = l.number("duration_ms");
      if (millis >= 0) {
        previous.latency.add(millis);
      }
    }
    if (l.level == LogLine.ERROR) {
      previous.errorLines++;
    }
    String fingerprint = l.get("error_fingerprint");
    if (fingerprint != null && previousFingerprints.size() < 100_000) {
      previousFingerprints.add(fingerprint);
    }
  }

  /** The tokens and cost of the LLM calls of the turn on the current line, when it had any. */
  private void llm() {
    long tokens = line.number("llm_tokens");
    String cost = line.get("llm_cost");
    if (tokens < 0 && cost == null) {
      return;
    }
    llmTurns++;
    if (tokens > 0) {
      llmTokens += tokens;
    }
    if (cost != null) {
      try {
        double value = Double.parseDouble(cost);
        if (value >= 0 && Double.isFinite(value)) {
          llmCost += value;
          llmCostTurns++;
        }
      } catch (NumberFormatException notANumber) {
        // a hand-edited line: the cost is not counted
      }
    }
  }

  private void turn(long ts) {
    Hour hour = hour(ts);
    hour.turns++;
    hourOfDay[(int) Math.floorMod(ts / HOUR, 24L)]++;
    String status = line.get("status");
    long millis = line.number("duration_ms");
    if (millis < 0) {
      millis = LogLine.parseLong(after(line.text(), "Handled message in "));
    }
    String command = line.get("command");
    Command row = commands.row(orUnknown(command));
    row.turns++;
    if ("error".equals(status)) {
      hour.errors++;
      row.errors++;
    } else if ("invalid".equals(status)) {
      hour.invalid++;
      row.invalid++;
    }
    if (millis >= 0) {
      hour.latency.add(millis);
      row.latency.add(millis);
    }
    long user = line.hashOf("user_id");
    if (user != 0) {
      users.addHash(user);
      usersOfDay(ts).addHash(user);
    }
    llm();
    sessions.addHash(line.hashOf("session_id"));
  }

  private void search(long ts) {
    Hour hour = hour(ts);
    hour.searches++;
    long results = line.number("result_count");
    if (results == 0) {
      hour.zeroResults++;
    } else if (results < 0) {
      searchesUnknown++;
    }
    long millis = line.number("duration_ms");
    if (millis >= 0) {
      hour.searchLatency.add(millis);
    }
  }

  private void newGroup(long ts, String text) {
    String fingerprint = line.get("error_fingerprint");
    if (fingerprint == null) {
      int colon = text.indexOf(':', 16);
      fingerprint = colon > 16 ? text.substring(16, colon) : "?";
    }
    Group group = groups.row(fingerprint);
    String message = line.message();
    int colon = message.indexOf(": ");
    if (colon > 0) {
      String rest = message.substring(colon + 2);
      int at = rest.indexOf(" at ");
      int category = rest.lastIndexOf(" (category ");
      int typeEnd = at >= 0 ? at : category >= 0 ? category : rest.length();
      group.type = rest.substring(0, typeEnd);
      if (at >= 0) {
        group.topFrame = rest.substring(at + 4, category > at ? category : rest.length());
      }
    }
    String category = line.get("error_category");
    if (category != null) {
      group.category = category;
    }
    group.module = line.module;
    sighted(fingerprint, group, ts);
    group.seen(ts, false);
    if (group.announced == Long.MIN_VALUE) {
      group.announced = ts;
    }
  }

  private void error(long ts, String text) {
    hour(ts).errorLines++;
    String fingerprint = line.get("error_fingerprint");
    Group group;
    if (fingerprint != null) {
      group = groups.row(fingerprint);
      if (group.type.isEmpty()) {
        group.type = errorType(text);
      }
      String category = line.get("error_category");
      if (category != null && group.category.isEmpty()) {
        group.category = category;
      }
    } else {
      String key = line.module + " " + line.function + ": " + pattern(line.message());
      group = patterns.row(key);
      if (group.type.isEmpty()) {
        group.type = line.errorType != null ? line.errorType : errorType(text);
      }
    }
    if (group.module.isEmpty()) {
      group.module = line.module;
    }
    if (fingerprint != null) {
      sighted(fingerprint, group, ts);
    }
    group.seen(ts, true);
  }

  /** Counts a group as new on the day of its first sighting, unless the previous period already had it. */
  private void sighted(String fingerprint, Group group, long ts) {
    if (group.first == Long.MAX_VALUE && !previousFingerprints.contains(fingerprint)) {
      group.isNew = true;
      newGroupsPerDay.computeIfAbsent(Math.floorDiv(ts, DAY), d -> new long[1])[0]++;
    }
  }

  /** {@code Captured com.x.Type: message} or {@code Error in A.b: com.x.Type: message}, or the text tail. */
  private static String errorType(String text) {
    String rest = text;
    if (rest.startsWith("Captured ")) {
      rest = rest.substring(9);
    } else if (rest.startsWith("Error in ")) {
      int colon = rest.indexOf(": ");
      rest = colon >= 0 ? rest.substring(colon + 2) : rest;
    } else {
      int bar = rest.lastIndexOf(" | ");
      if (bar < 0) {
        return "";
      }
      rest = rest.substring(bar + 3);
    }
    int end = 0;
    while (end < rest.length() && rest.charAt(end) != ':' && rest.charAt(end) != ' ') {
      end++;
    }
    return rest.substring(0, end);
  }

  /** A message made into a pattern: digits and hex runs become #, at most 80 characters, redacted. */
  String pattern(String message) {
    StringBuilder out = new StringBuilder(Math.min(message.length(), 80));
    boolean inNumber = false;
    for (int i = 0; i < message.length() && out.length() < 80; i++) {
      char c = message.charAt(i);
      if (Character.isDigit(c)) {
        if (!inNumber) {
          out.append('#');
          inNumber = true;
        }
      } else {
        inNumber = false;
        out.append(c);
      }
    }
    return redact.apply(out.toString());
  }

  private void slow(String text) {
    long millis = line.number("duration_ms");
    String shape;
    if (text.startsWith("Slow query took ")) {
      slowQueryCount++;
      int colon = text.indexOf(" ms: ");
      String message = line.message();
      int cut = message.indexOf(" ms: ");
      shape = "query: " + (cut >= 0 ? message.substring(cut + 5) : colon >= 0 ? text.substring(colon + 5) : "?");
    } else {
      slowOperationCount++;
      String rest = text.substring("Slow database operation ".length());
      int took = rest.indexOf(" took ");
      shape = "operation: " + (took >= 0 ? rest.substring(0, took) : rest);
    }
    if (shape.length() > 160) {
      shape = shape.substring(0, 157) + "...";
    }
    Slow row = slowQueries.row(redact.apply(shape));
    row.count++;
    if (millis >= 0) {
      row.maxMs = Math.max(row.maxMs, millis);
      row.totalMs += millis;
    }
  }

  private void alert(long ts) {
    String name = line.get("alert");
    Alert row = alerts.row(name == null ? "?" : redact.apply(name));
    String severity = line.get("severity");
    if (severity != null) {
      row.severity = severity;
    }
    if ("fire".equals(line.function)) {
      if ("true".equals(line.get("repeat"))) {
        row.repeats++;
      } else {
        row.fired++;
        alertsFired++;
      }
      row.lastStatus = "firing";
    } else {
      row.resolved++;
      alertsResolved++;
      row.lastStatus = "resolved";
    }
    row.lastAt = ts;
  }

  private void agent(long ts, String text) {
    if ("start".equals(line.function)) {
      startCount++;
      if (starts.size() < MAX_ROWS) {
        starts.add(new long[] {ts});
      }
      return;
    }
    if (text.startsWith("Configuration problem")) {
      configProblems++;
    }
    if (text.contains("dropped")) {
      dropNotices++;
    }
    if (line.level >= LogLine.WARN) {
      Group row = agentProblems.row(line.function + ": " + pattern(line.message()));
      row.seen(ts, true);
    }
  }

  private Hour hour(long ts) {
    long key = Math.floorDiv(ts, HOUR);
    Hour hour = hours.get(key);
    if (hour == null) {
      hour = new Hour();
      hours.put(key, hour);
      if (hours.size() > MAX_HOURS) {
        hours.pollFirstEntry();
        droppedHours++;
      }
    }
    return hour;
  }

  private DistinctCounter usersOfDay(long ts) {
    long key = Math.floorDiv(ts, DAY);
    DistinctCounter counter = usersPerDay.get(key);
    if (counter == null) {
      // exact up to 512 users a day, then estimated (a 4 KB sketch): at most about 12 KB a day, so logs that cover
      // years stay within a few MB
      counter = new DistinctCounter(512);
      usersPerDay.put(key, counter);
      if (usersPerDay.size() > MAX_HOURS / 24) {
        usersPerDay.pollFirstEntry();
      }
    }
    return counter;
  }

  private static String orUnknown(String value) {
    return value == null || value.isEmpty() ? "(none)" : value;
  }

  private static String after(String text, String marker) {
    int at = text.indexOf(marker);
    return at < 0 ? null : text.substring(at + marker.length());
  }

  static String day(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  static String hourLabel(long hourKey) {
    long hourOfDay = Math.floorMod(hourKey, 24L);
    return day(Math.floorDiv(hourKey, 24L)) + " " + (hourOfDay < 10 ? "0" : "") + hourOfDay + ":00";
  }

  static Comparator<Group> byCountDesc() {
    return Comparator.comparingLong((Group g) -> -g.count).thenComparingLong(g -> g.first);
  }

  Map<Long, long[]> newGroupsPerDay() {
    return newGroupsPerDay;
  }
}
