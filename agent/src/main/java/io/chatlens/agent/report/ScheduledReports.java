package io.chatlens.agent.report;

import io.chatlens.agent.alerts.AlertsModule;
import io.chatlens.agent.alerts.NotificationChannel;
import io.chatlens.agent.alerts.Notice;
import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.config.ValueType;
import io.chatlens.agent.diagnostics.Diagnostics;
import io.chatlens.agent.logging.LogLayout;
import io.chatlens.agent.redaction.Redactor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code chatlens.report.schedule}: at the start of each hour, day or week (UTC), or of each period of
 * {@code every DURATION} (counted from the epoch), writes the report of the period just ended to
 * {@code <log dir>/reports/} as {@code chatlens-report-<schedule>-<start>.html} and {@code .json}, on one daemon
 * thread of the agent. A failure is one warning; the next period is tried again.
 */
public final class ScheduledReports implements AutoCloseable {

  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  /** The start of an {@code every DURATION} period, to the second (its periods need not start at full hours). */
  private static final DateTimeFormatter INTERVAL_NAME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String schedule;
  private final LogLayout layout;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final long settleMillis;
  private final String service;
  private final List<NotificationChannel> channels;
  private volatile int written;
  private volatile int notified;

  ScheduledReports(String schedule, LogLayout layout, Clock clock, long settleMillis, String service,
      List<NotificationChannel> channels) {
    this.schedule = schedule;
    this.service = service;
    this.channels = List.copyOf(channels);
    this.settleMillis = settleMillis;
    this.layout = layout;
    this.clock = clock;
    this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "chatlens-report");
      thread.setDaemon(true);
      thread.setPriority(Thread.MIN_PRIORITY);
      return thread;
    });
  }

  /** Starts the schedule the configuration asks for, or returns {@code null} when it is off. */
  public static ScheduledReports start(AgentConfig config) {
    String schedule = config.get(ConfigKeys.REPORT_SCHEDULE);
    if (schedule == null || schedule.equals("off")) {
      return null;
    }
    List<NotificationChannel> channels = List.of();
    if (config.get(ConfigKeys.REPORT_NOTIFY)) {
      channels = AlertsModule.notificationChannels(config);
      if (channels.isEmpty()) {
        Diagnostics.warn(ConfigKeys.REPORT_NOTIFY.name() + " is true but no alert channel is configured ("
            + ConfigKeys.ALERTS_WEBHOOK_URL.name() + " or " + ConfigKeys.ALERTS_SMTP_HOST.name()
            + "): the reports are only written to the reports/ directory");
      }
    }
    return start(schedule, LogLayout.from(config), Clock.systemUTC(), 5_000, config.serviceName(), channels);
  }

  /**
   * @param settleMillis how long after a boundary the report is written (the last lines are written out first)
   * @param channels where a summary of each report is sent (none: only the files are written)
   */
  static ScheduledReports start(String schedule, LogLayout layout, Clock clock, long settleMillis, String service,
      List<NotificationChannel> channels) {
    if (schedule == null || schedule.equals("off")) {
      return null;
    }
    ScheduledReports reports = new ScheduledReports(schedule, layout, clock, settleMillis, service, channels);
    reports.scheduleNext();
    return reports;
  }

  /** The length of one period. */
  static Duration period(String schedule) {
    if (isInterval(schedule)) {
      return ValueType.reportInterval(schedule);
    }
    return switch (schedule) {
      case "hourly" -> Duration.ofHours(1);
      case "daily" -> Duration.ofDays(1);
      case "weekly" -> Duration.ofDays(7);
      default -> throw new IllegalArgumentException(schedule);
    };
  }

  /** The first period boundary strictly after {@code now}: the next full hour, midnight UTC, or Monday 00:00 UTC. */
  static Instant nextBoundary(String schedule, Instant now) {
    if (isInterval(schedule)) {
      long period = period(schedule).toMillis();
      return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), period) * period + period);
    }
    ZonedDateTime t = now.atZone(ZoneOffset.UTC);
    ZonedDateTime next = switch (schedule) {
      case "hourly" -> t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      case "daily" -> t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      case "weekly" -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
      default -> throw new IllegalArgumentException(schedule);
    };
    return next.toInstant();
  }

  private static boolean isInterval(String schedule) {
    return schedule.startsWith("every ");
  }

  /** The schedule as it appears in file names: {@code hourly}, or {@code every-15m}. */
  static String label(String schedule) {
    return schedule.replace(' ', '-');
  }

  /** The base name of the files of the period starting at {@code start}. */
  static String baseName(String schedule, Instant start) {
    return "chatlens-report-" + label(schedule) + "-"
        + (isInterval(schedule) ? INTERVAL_NAME : NAME).format(start);
  }

  private void scheduleNext() {
    Instant now = clock.instant();
    Instant boundary = nextBoundary(schedule, now);
    // a few seconds after the boundary, so that the last lines of the period have been written out
    long delay = Duration.between(now, boundary).toMillis() + settleMillis;
    try {
      executor.schedule(() -> {
        try {
          write(boundary);
        } finally {
          scheduleNext();
        }
      }, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // stopped
    }
  }

  /** Writes the report of the period ending at {@code end}; returns the HTML file, or {@code null} on failure. */
  Path write(Instant end) {
    try {
      Path dir = layout.directory().resolve("reports");
      if (Files.isSymbolicLink(dir)) {
        throw new IOException(dir + " is a symbolic link; the agent never writes through links in the log directory");
      }
      layout.createDirectories(dir);
      Duration period = period(schedule);
      OfflineReport.Result result = OfflineReport.analyse(
          new OfflineReport.Options(layout.directory(), period, end, null, false));
      String base = baseName(schedule, end.minus(period));
      Path html = dir.resolve(base + ".html");
      String page = Renderers.html(result.report());
      writeNew(html, page);
      writeNew(dir.resolve(base + ".json"), Renderers.json(result.report()));
      written++;
      Diagnostics.info(schedule + " report of the period ending " + end + " written to " + html);
      notify(result.report(), end.minus(period), end, html, page);
      return html;
    } catch (IOException | RuntimeException failure) {
      Diagnostics.warn("scheduled report for the period ending " + end + " not written: " + failure);
      return null;
    }
  }

  private void writeNew(Path file, String text) throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return; // written already (a restart within the same minute): kept as it is
    }
    try (OutputStream out = layout.newFile(file)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Sends the summary through every channel; a channel that fails is one warning, the others still get it. */
  private void notify(Report report, Instant start, Instant end, Path html, String page) {
    if (channels.isEmpty()) {
      return;
    }
    Notice summary = notice(report, schedule, service, start, end, html);
    // the e-mail carries the report itself (one self-contained HTML file, redacted when it was built)
    Notice notice = new Notice(summary.kind(), summary.subject(), summary.text(), summary.service(), summary.at(),
        summary.fields(), new Notice.Attachment(html.getFileName().toString(), "text/html; charset=UTF-8",
            page.getBytes(StandardCharsets.UTF_8)));
    for (NotificationChannel channel : channels) {
      try {
        channel.deliver(notice);
        notified++;
      } catch (Exception | LinkageError failure) {
        Diagnostics.warn("summary of the " + schedule + " report not sent to the " + channel.name() + " channel: "
            + failure);
      }
    }
  }

  /** The short summary of a report, redacted. */
  static Notice notice(Report report, String schedule, String service, Instant start, Instant end, Path html) {
    Map<String, Object> s = report.summary();
    Redactor redactor = Redactor.withDefaults();
    DateTimeFormatter times = isInterval(schedule) ? DateTimeFormatter.ISO_INSTANT : NAME;
    String subject = schedule + " report of " + service + ", " + times.format(start) + " to " + times.format(end) + ": "
        + s.get("turns") + " turns, error rate " + ReportBuilder.pct((Double) s.get("errorRate"));
    StringBuilder text = new StringBuilder();
    text.append("Turns: ").append(s.get("turns")).append(" (failed ").append(s.get("turnsError")).append(", invalid ")
        .append(s.get("turnsInvalid")).append("), error rate ").append(ReportBuilder.pct((Double) s.get("errorRate")))
        .append('\n');
    text.append("Response time: p50 ").append(ms(s.get("p50Ms"))).append(", p95 ").append(ms(s.get("p95Ms")));
    if (s.containsKey("previousP95Ms")) {
      text.append(" (previous period p95 ").append(ms(s.get("previousP95Ms"))).append(')');
    }
    text.append(", regressions ").append(s.get("regressions")).append('\n');
    text.append("Errors logged: ").append(s.get("errorLines")).append(" in ").append(s.get("errorGroups"))
        .append(" groups, ").append(s.get("newErrorGroups")).append(" new\n");
    text.append("Sessions: ").append(s.get("sessionsCreated")).append(" created, ").append(s.get("users"))
        .append(" distinct users\n");
    text.append("Alerts: ").append(s.get("alertsFired")).append(" fired, ").append(s.get("alertsResolved"))
        .append(" resolved; slow queries ").append(s.get("slowQueries")).append("; connection failures ")
        .append(s.get("connectionFailures")).append("; agent starts ").append(s.get("agentStarts")).append('\n');
    for (Report.Section section : report.sections) {
      for (Object block : section.blocks) {
        if (block instanceof Report.Table table && table.id.equals("checks")) {
          for (List<Object> row : table.rows) {
            if (!"green".equals(row.get(1))) {
              text.append("Check ").append(row.get(0)).append(": ").append(row.get(1)).append(", ").append(row.get(2))
                  .append('\n');
            }
          }
        }
      }
    }
    text.append("Report: ").append(html).append('\n');
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("schedule", schedule);
    fields.put("from", start.toString());
    fields.put("to", end.toString());
    fields.put("report", html.toString());
    s.forEach((key, value) -> fields.put(key, String.valueOf(value)));
    return new Notice("report", redactor.redact(subject), redactor.redact(text.toString()), redactor.redact(service),
        end, fields);
  }

  private static String ms(Object value) {
    return value instanceof Long l && l >= 0 ? l + " ms" : "-";
  }

  /** How many summaries were delivered (one per channel and report). */
  int notified() {
    return notified;
  }

  /** How many reports were written since the start. */
  int written() {
    return written;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
