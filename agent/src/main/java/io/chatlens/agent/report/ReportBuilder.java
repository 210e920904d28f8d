package io.chatlens.agent.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns the aggregates of an {@link Analyzer} into a {@link Report}. */
final class ReportBuilder {

  /** A day's p95 is a regression when it is this much above the previous day's (and at least 5 ms more). */
  static final double REGRESSION_FACTOR = 1.2;
  static final int MIN_TURNS_FOR_TREND = 20;
  static final int HOURLY_ROWS = 72;

  private ReportBuilder() {}

  record Input(String logDir, long from, long to, boolean previousPeriod, int files, long bytes, long copies,
      long outside, long unreadableLines, List<String> unreadableFiles) {}

  static Report build(Analyzer a, Input in) {
    Report report = new Report();
    TreeMap<Long, Analyzer.Hour> days = days(a);
    Analyzer.Hour total = new Analyzer.Hour();
    for (Analyzer.Hour day : days.values()) {
      add(total, day);
    }
    report.about.put("generatedAt", Instant.now().toString());
    report.about.put("logDir", in.logDir());
    report.about.put("from", in.from() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(in.from()).toString());
    report.about.put("to", in.to() == Long.MAX_VALUE ? null : Instant.ofEpochMilli(in.to()).toString());
    report.about.put("firstEvent", a.first == Long.MAX_VALUE ? null : Instant.ofEpochMilli(a.first).toString());
    report.about.put("lastEvent", a.last == Long.MIN_VALUE ? null : Instant.ofEpochMilli(a.last).toString());
    report.about.put("files", in.files());
    report.about.put("bytes", in.bytes());
    report.about.put("events", a.events);
    report.about.put("copiesSkipped", in.copies());
    report.about.put("unparsedLines", a.unparsed + in.unreadableLines());
    report.about.put("unreadableFiles", in.unreadableFiles().isEmpty() ? "none" : String.join("; ", in.unreadableFiles()));

    Map<String, Object> s = report.summary;
    s.put("turns", total.turns);
    s.put("turnsSuccess", total.turns - total.errors - total.invalid);
    s.put("turnsError", total.errors);
    s.put("turnsInvalid", total.invalid);
    s.put("errorRate", ratio(total.errors, total.turns));
    s.put("p50Ms", total.latency.quantile(0.50));
    s.put("p95Ms", total.latency.quantile(0.95));
    s.put("p99Ms", total.latency.quantile(0.99));
    s.put("maxMs", total.latency.max());
    s.put("errorLines", total.errorLines);
    s.put("errorGroups", (long) a.groups.size());
    s.put("newErrorGroups", a.newGroupsPerDay.values().stream().mapToLong(v -> v[0]).sum());
    s.put("sessionsCreated", a.sessionsCreated);
    s.put("sessionsEnded", a.sessionsEnded);
    s.put("users", a.users.count());
    s.put("usersExact", a.users.exact());
    s.put("sessions", a.sessions.count());
    s.put("searches", total.searches);
    s.put("zeroResultSearches", total.zeroResults);
    s.put("feedbackCorrect", a.feedbackCorrect);
    s.put("feedbackIncorrect", a.feedbackIncorrect);
    s.put("llmTurns", a.llmTurns);
    s.put("llmTokens", a.llmTokens);
    s.put("llmCost", a.llmCost);
    s.put("alertsFired", a.alertsFired);
    s.put("alertsResolved", a.alertsResolved);
    s.put("slowQueries", a.slowQueryCount);
    s.put("slowOperations", a.slowOperationCount);
    s.put("connectionFailures", a.connectionFailureCount);
    s.put("agentStarts", a.startCount);
    s.put("dropNotices", a.dropNotices);
    s.put("configProblems", a.configProblems);

    errors(report, a, days);
    performance(report, a, days, total, in);
    usage(report, a, days, total);
    health(report, a, total);
    return report;
  }

  private static TreeMap<Long, Analyzer.Hour> days(Analyzer a) {
    TreeMap<Long, Analyzer.Hour> days = new TreeMap<>();
    for (Map.Entry<Long, Analyzer.Hour> e : a.hours.entrySet()) {
      add(days.computeIfAbsent(Math.floorDiv(e.getKey(), 24L), d -> new Analyzer.Hour()), e.getValue());
    }
    return days;
  }

  private static void add(Analyzer.Hour into, Analyzer.Hour h) {
    into.turns += h.turns;
    into.errors += h.errors;
    into.invalid += h.invalid;
    into.searches += h.searches;
    into.zeroResults += h.zeroResults;
    into.sessionsCreated += h.sessionsCreated;
    into.errorLines += h.errorLines;
    into.latency.addAll(h.latency);
    into.searchLatency.addAll(h.searchLatency);
  }

  private static void errors(Report report, Analyzer a, TreeMap<Long, Analyzer.Hour> days) {
    Report.Section section = report.section("errors", "Error patterns");
    section.note("Errors are grouped by fingerprint (type chain and in-app frames, as the agent groups them); errors "
        + "without a fingerprint are grouped by component and message pattern (numbers as #).");
    Report.Table groups = section.table("errorGroups", "Error groups", "Fingerprint", "Type", "Category", "Top frame",
        "Errors logged", "First seen", "Last seen", "New");
    for (Map.Entry<String, Analyzer.Group> e : a.groups.sorted(Analyzer.byCountDesc())) {
      Analyzer.Group g = e.getValue();
      groups.row(e.getKey(), g.type, g.category, g.topFrame, g.count, time(g.first), time(g.last), g.isNew ? "new" : "");
    }
    if (a.groups.overflowed()) {
      section.note("More than " + Analyzer.MAX_GROUPS + " error groups: the later ones are counted in the 'other' row.");
    }
    section.note("User errors (validation) are announced once per group and process (\"New error group\") but not "
        + "logged one by one: they show as invalid turns.");
    java.util.TreeSet<Long> allDays = new java.util.TreeSet<>(days.keySet());
    allDays.addAll(a.newGroupsPerDay.keySet());
    Report.Table perDay = section.table("errorsPerDay", "Errors per day", "Day", "Errors logged", "Failed turns",
        "New groups");
    Report.Chart chart = new Report.Chart("errorsPerDayChart", "Errors logged per day", "errors", true);
    for (long day : allDays) {
      Analyzer.Hour h = days.getOrDefault(day, new Analyzer.Hour());
      long fresh = a.newGroupsPerDay.getOrDefault(day, new long[1])[0];
      perDay.row(Analyzer.day(day), h.errorLines, h.errors, fresh);
      chart.labels.add(Analyzer.day(day));
      chart.series.computeIfAbsent("errors logged", k -> new ArrayList<>()).add((double) h.errorLines);
      chart.series.computeIfAbsent("failed turns", k -> new ArrayList<>()).add((double) h.errors);
    }
    if (!chart.labels.isEmpty()) {
      section.chart(chart);
    }
    Report.Table top = section.table("groupsPerDay", "Top groups per day", "Fingerprint", "Day", "Errors logged");
    int rows = 0;
    for (Map.Entry<String, Analyzer.Group> e : a.groups.sorted(Analyzer.byCountDesc())) {
      for (Map.Entry<Long, long[]> d : e.getValue().perDay.entrySet()) {
        if (rows++ < 200) {
          top.row(e.getKey(), Analyzer.day(d.getKey()), d.getValue()[0]);
        }
      }
      if (rows >= 200) {
        break;
      }
    }
    Report.Table other = section.table("errorPatterns", "Errors without a fingerprint", "Pattern", "Type", "Count",
        "First seen", "Last seen");
    for (Map.Entry<String, Analyzer.Group> e : a.patterns.sorted(Analyzer.byCountDesc())) {
      Analyzer.Group g = e.getValue();
      other.row(e.getKey(), g.type, g.count, time(g.first), time(g.last));
    }
  }

  private static void performance(Report report, Analyzer a, TreeMap<Long, Analyzer.Hour> days, Analyzer.Hour total,
      Input in) {
    Report.Section section = report.section("performance", "Performance trending");
    section.note("Response time of handled turns in ms (p50/p95 from a fixed-bucket histogram: exact below 64 ms, "
        + "within 3% above). Hours and days are UTC.");
    Report.Table overall = section.table("latency", "Response time", "Turns", "Mean ms", "p50 ms", "p95 ms", "p99 ms",
        "Max ms");
    overall.row(total.turns, round(total.latency.mean()), total.latency.quantile(0.5), total.latency.quantile(0.95),
        total.latency.quantile(0.99), total.latency.max());
    Report.Chart byHour = new Report.Chart("latencyByHour", "Response time by hour (ms)", "ms", false);
    Report.Chart turnsByHour = new Report.Chart("turnsByHour", "Turns by hour", "turns", true);
    for (Map.Entry<Long, Analyzer.Hour> e : a.hours.entrySet()) {
      Analyzer.Hour h = e.getValue();
      String label = Analyzer.hourLabel(e.getKey());
      byHour.labels.add(label);
      turnsByHour.labels.add(label);
      byHour.series.computeIfAbsent("p50", k -> new ArrayList<>()).add(value(h.latency.quantile(0.5)));
      byHour.series.computeIfAbsent("p95", k -> new ArrayList<>()).add(value(h.latency.quantile(0.95)));
      turnsByHour.series.computeIfAbsent("turns", k -> new ArrayList<>()).add((double) h.turns);
      turnsByHour.series.computeIfAbsent("failed", k -> new ArrayList<>()).add((double) h.errors);
    }
    if (!byHour.labels.isEmpty()) {
      section.chart(byHour);
      section.chart(turnsByHour);
    }
    Report.Table daily = section.table("latencyByDay", "By day", "Day", "Turns", "Error rate", "p50 ms", "p95 ms",
        "p95 vs previous day");
    List<String> regressions = new ArrayList<>();
    Analyzer.Hour previous = null;
    long previousDay = 0;
    for (Map.Entry<Long, Analyzer.Hour> e : days.entrySet()) {
      Analyzer.Hour d = e.getValue();
      String change = "";
      if (previous != null && previous.turns >= MIN_TURNS_FOR_TREND && d.turns >= MIN_TURNS_FOR_TREND) {
        long before = previous.latency.quantile(0.95);
        long now = d.latency.quantile(0.95);
        change = percent(before, now);
        if (now > before * REGRESSION_FACTOR && now - before >= 5) {
          regressions.add(Analyzer.day(e.getKey()) + ": p95 " + now + " ms, was " + before + " ms on "
              + Analyzer.day(previousDay) + " (" + change + ")");
        }
        double rateBefore = (double) previous.errors / previous.turns;
        double rateNow = (double) d.errors / d.turns;
        if (rateNow - rateBefore >= 0.01 && rateNow > rateBefore * 1.5) {
          regressions.add(Analyzer.day(e.getKey()) + ": error rate " + pct(rateNow) + ", was " + pct(rateBefore) + " on "
              + Analyzer.day(previousDay));
        }
      }
      daily.row(Analyzer.day(e.getKey()), d.turns, pct(ratio(d.errors, d.turns)), d.latency.quantile(0.5),
          d.latency.quantile(0.95), change);
      if (d.turns > 0) {
        previous = d;
        previousDay = e.getKey();
      }
    }
    Report.Table hourly = section.table("latencyByHour", "By hour (the last " + HOURLY_ROWS + " hours with turns)",
        "Hour", "Turns", "Failed", "p50 ms", "p95 ms", "Searches", "Search p95 ms");
    List<Map.Entry<Long, Analyzer.Hour>> hours = new ArrayList<>(a.hours.entrySet());
    for (Map.Entry<Long, Analyzer.Hour> e : hours.subList(Math.max(0, hours.size() - HOURLY_ROWS), hours.size())) {
      Analyzer.Hour h = e.getValue();
      hourly.row(Analyzer.hourLabel(e.getKey()), h.turns, h.errors, h.latency.quantile(0.5), h.latency.quantile(0.95),
          h.searches, h.searchLatency.quantile(0.95));
    }
    if (in.previousPeriod()) {
      Analyzer.Period p = a.previous;
      Report.Table compare = section.table("previousPeriod", "This period against the previous one", "Measure",
          "Previous", "This period", "Change");
      compare.row("turns", p.turns, total.turns, percent(p.turns, total.turns));
      compare.row("error rate", pct(ratio(p.errors, p.turns)), pct(ratio(total.errors, total.turns)), "");
      compare.row("p50 ms", p.latency.quantile(0.5), total.latency.quantile(0.5),
          percent(p.latency.quantile(0.5), total.latency.quantile(0.5)));
      compare.row("p95 ms", p.latency.quantile(0.95), total.latency.quantile(0.95),
          percent(p.latency.quantile(0.95), total.latency.quantile(0.95)));
      compare.row("errors logged", p.errorLines, total.errorLines, percent(p.errorLines, total.errorLines));
      long before = p.latency.quantile(0.95);
      long now = total.latency.quantile(0.95);
      if (p.turns >= MIN_TURNS_FOR_TREND && total.turns >= MIN_TURNS_FOR_TREND && now > before * REGRESSION_FACTOR
          && now - before >= 5) {
        regressions.add(0, "this period: p95 " + now + " ms, was " + before + " ms in the previous period");
      }
      report.summary.put("previousTurns", p.turns);
      report.summary.put("previousP95Ms", before);
    }
    Report.Table reg = section.table("regressions", "Regressions", "Regression");
    for (String r : regressions) {
      reg.row(r);
    }
    report.summary.put("regressions", (long) regressions.size());
    if (regressions.isEmpty()) {
      section.note("No regression: no day's p95 is more than 20% (and 5 ms) above the day before, and no day's error "
          + "rate rose by a point and by half.");
    }
  }

  private static void usage(Report report, Analyzer a, TreeMap<Long, Analyzer.Hour> days, Analyzer.Hour total) {
    Report.Section section = report.section("usage", "Usage analytics");
    section.note("User ids are counted, never listed.");
    Report.Table t = section.table("usageSummary", "Sessions and users", "Measure", "Value");
    t.row("sessions created", a.sessionsCreated);
    t.row("sessions ended", a.sessionsEnded);
    t.row("distinct sessions with turns or created", a.sessions.count() + (a.sessions.exact() ? "" : " (estimate)"));
    t.row("distinct users", a.users.count() + (a.users.exact() ? "" : " (estimate)"));
    t.row("turns per user", round(ratio(total.turns, a.users.count())));
    t.row("interactions per ended session: mean / p50 / p95", round(a.sessionInteractions.mean()) + " / "
        + q(a.sessionInteractions.quantile(0.5)) + " / " + q(a.sessionInteractions.quantile(0.95)));
    t.row("session duration ms: p50 / p95", q(a.sessionDuration.quantile(0.5)) + " / " + q(a.sessionDuration.quantile(0.95)));
    t.row("searches", total.searches);
    t.row("zero-result rate", pct(ratio(total.zeroResults, total.searches - a.searchesUnknown)));
    t.row("rated accuracy (feedback correct)", pct(ratio(a.feedbackCorrect, a.feedbackCorrect + a.feedbackIncorrect))
        + " of " + (a.feedbackCorrect + a.feedbackIncorrect));
    Report.Table llm = section.table("llmUsage", "LLM calls (tokens and cost per turn)", "Measure", "Value");
    if (a.llmTurns == 0) {
      llm.row("turns with LLM calls", 0);
    } else {
      llm.row("turns with LLM calls", a.llmTurns + " (" + pct(ratio(a.llmTurns, total.turns)) + " of turns)");
      llm.row("tokens", a.llmTokens);
      llm.row("tokens per turn with LLM calls", round(ratio(a.llmTokens, a.llmTurns)));
      if (a.llmCostTurns > 0) {
        llm.row("cost (chatlens.llm.prices)", String.format(java.util.Locale.ROOT, "%.6f", a.llmCost));
        llm.row("cost per turn with LLM calls", String.format(java.util.Locale.ROOT, "%.8f", a.llmCost / a.llmCostTurns));
      }
    }
    Report.Table ends = section.table("sessionEnds", "Sessions ended by reason", "Reason", "Sessions");
    for (Map.Entry<String, BoundedCounts.Counter> e : a.endReasons.sorted(Comparator.comparingLong(c -> -c.count))) {
      ends.row(e.getKey(), e.getValue().count);
    }
    Report.Table commands = section.table("commands", "Commands", "Command", "Turns", "Failed", "Invalid", "Error rate",
        "p95 ms", "Parsed", "Rejected");
    for (Map.Entry<String, Analyzer.Command> e : a.commands.sorted(
        Comparator.comparingLong((Analyzer.Command c) -> -(c.turns + c.parsed + c.rejected)))) {
      Analyzer.Command c = e.getValue();
      commands.row(e.getKey(), c.turns, c.errors, c.invalid, pct(ratio(c.errors, c.turns)), c.latency.quantile(0.95),
          c.parsed, c.rejected);
    }
    Report.Table perDay = section.table("usagePerDay", "By day", "Day", "Turns", "Sessions created", "Distinct users",
        "Searches", "Zero results");
    for (Map.Entry<Long, Analyzer.Hour> e : days.entrySet()) {
      Analyzer.Hour d = e.getValue();
      DistinctCounter users = a.usersPerDay.get(e.getKey());
      perDay.row(Analyzer.day(e.getKey()), d.turns, d.sessionsCreated, users == null ? 0 : users.count(), d.searches,
          d.zeroResults);
    }
    Report.Chart peak = new Report.Chart("hourOfDay", "Turns by hour of day (UTC)", "turns", true);
    for (int h = 0; h < 24; h++) {
      peak.labels.add((h < 10 ? "0" : "") + h);
      peak.series.computeIfAbsent("turns", k -> new ArrayList<>()).add((double) a.hourOfDay[h]);
    }
    section.chart(peak);
    Report.Table busiest = section.table("peakHours", "Busiest hours", "Hour", "Turns", "Sessions created");
    a.hours.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<Long, Analyzer.Hour> e) -> -e.getValue().turns)
            .thenComparingLong(Map.Entry::getKey))
        .limit(5)
        .forEach(e -> busiest.row(Analyzer.hourLabel(e.getKey()), e.getValue().turns, e.getValue().sessionsCreated));
  }

  private static void health(Report report, Analyzer a, Analyzer.Hour total) {
    Report.Section section = report.section("health", "Health");
    Report.Table checks = section.table("checks", "Checks", "Check", "Status", "Detail");
    double errorRate = ratio(total.errors, total.turns);
    checks.row("turn error rate", errorRate > 0.05 ? "red" : errorRate > 0.01 ? "amber" : "green",
        pct(errorRate) + " of " + total.turns + " turns");
    long stillFiring = a.alerts.rows().values().stream().filter(r -> r.lastStatus.equals("firing")).count();
    checks.row("alerts", stillFiring > 0 ? "red" : a.alertsFired > 0 ? "amber" : "green",
        a.alertsFired + " fired, " + a.alertsResolved + " resolved, " + stillFiring + " still firing at the end");
    checks.row("database connections", a.connectionFailureCount > 0 ? "red" : "green",
        a.connectionFailureCount + " connection failures");
    checks.row("slow queries", a.slowQueryCount + a.slowOperationCount > 0 ? "amber" : "green",
        a.slowQueryCount + " slow queries, " + a.slowOperationCount + " slow database operations");
    checks.row("dropped events", a.dropNotices > 0 ? "amber" : "green", a.dropNotices + " notices of dropped events");
    checks.row("agent restarts", a.startCount > 1 ? "amber" : "green", a.startCount + " agent starts");
    checks.row("configuration", a.configProblems > 0 ? "amber" : "green", a.configProblems + " configuration problems");
    section.note("Dropped events: the log holds only the agent's notices of drops (the exact counts are the metric "
        + "chatlens_log_dropped_total); events dropped from the log are, by definition, not in it.");
    Report.Table alerts = section.table("alerts", "Alerts", "Alert", "Severity", "Fired", "Resolved", "Reminders",
        "Last state", "Last change");
    for (Map.Entry<String, Analyzer.Alert> e : a.alerts.sorted(Comparator.comparingLong(r -> -r.fired))) {
      Analyzer.Alert r = e.getValue();
      alerts.row(e.getKey(), r.severity, r.fired, r.resolved, r.repeats, r.lastStatus, time(r.lastAt));
    }
    Report.Table slow = section.table("slowQueries", "Slow queries and database operations", "Statement", "Count",
        "Max ms", "Mean ms");
    for (Map.Entry<String, Analyzer.Slow> e : a.slowQueries.sorted(Comparator.comparingLong(r -> -r.count))) {
      Analyzer.Slow r = e.getValue();
      slow.row(e.getKey(), r.count, r.maxMs, round(ratio(r.totalMs, r.count)));
    }
    Report.Table failures = section.table("connectionFailures", "Connection failures", "Database and error", "Count");
    for (Map.Entry<String, BoundedCounts.Counter> e : a.connectionFailures.sorted(Comparator.comparingLong(c -> -c.count))) {
      failures.row(e.getKey(), e.getValue().count);
    }
    Report.Table starts = section.table("agentStarts", "Agent starts", "Started at");
    for (long[] start : a.starts) {
      starts.row(time(start[0]));
    }
    Report.Table problems = section.table("agentProblems", "Agent warnings and errors", "Message", "Count",
        "First seen", "Last seen");
    for (Map.Entry<String, Analyzer.Group> e : a.agentProblems.sorted(Analyzer.byCountDesc())) {
      problems.row(e.getKey(), e.getValue().count, time(e.getValue().first), time(e.getValue().last));
    }
  }

  static String time(long epochMillis) {
    if (epochMillis == Long.MAX_VALUE || epochMillis == Long.MIN_VALUE || epochMillis == 0) {
      return "";
    }
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  static double ratio(long a, long b) {
    return b <= 0 ? 0.0 : (double) a / b;
  }

  static double round(double v) {
    return Double.isNaN(v) ? 0.0 : Math.round(v * 100.0) / 100.0;
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.2f%%", v * 100);
  }

  private static String q(long quantile) {
    return quantile < 0 ? "-" : Long.toString(quantile);
  }

  private static double value(long quantile) {
    return quantile < 0 ? Double.NaN : quantile;
  }

  private static String percent(long before, long now) {
    if (before <= 0) {
      return "";
    }
    double change = (now - before) * 100.0 / before;
    return String.format(Locale.ROOT, "%+.1f%%", change);
  }
}
