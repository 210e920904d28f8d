package io.chatlens.agent.report;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.diagnostics.Diagnostics;
import io.chatlens.agent.logging.LogLayout;
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
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code chatlens.report.schedule}: at the start of each hour, day or week (UTC), writes the report of the period
 * just ended to {@code <log dir>/reports/} as {@code chatlens-report-<start>.html} and {@code .json}, on one daemon
 * thread of the agent. A failure is one warning; the next period is tried again.
 */
public final class ScheduledReports implements AutoCloseable {

  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String schedule;
  private final LogLayout layout;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final long settleMillis;
  private volatile int written;

  ScheduledReports(String schedule, LogLayout layout, Clock clock, long settleMillis) {
    this.schedule = schedule;
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
    return start(config.get(ConfigKeys.REPORT_SCHEDULE), LogLayout.from(config), Clock.systemUTC());
  }

  static ScheduledReports start(String schedule, LogLayout layout, Clock clock) {
    return start(schedule, layout, clock, 5_000);
  }

  /** @param settleMillis how long after a boundary the report is written (the last lines are written out first) */
  static ScheduledReports start(String schedule, LogLayout layout, Clock clock, long settleMillis) {
    if (schedule == null || schedule.equals("off")) {
      return null;
    }
    ScheduledReports reports = new ScheduledReports(schedule, layout, clock, settleMillis);
    reports.scheduleNext();
    return reports;
  }

  /** The length of one period. */
  static Duration period(String schedule) {
    return switch (schedule) {
      case "hourly" -> Duration.ofHours(1);
      case "daily" -> Duration.ofDays(1);
      case "weekly" -> Duration.ofDays(7);
      default -> throw new IllegalArgumentException(schedule);
    };
  }

  /** The first period boundary strictly after {@code now}: the next full hour, midnight UTC, or Monday 00:00 UTC. */
  static Instant nextBoundary(String schedule, Instant now) {
    ZonedDateTime t = now.atZone(ZoneOffset.UTC);
    ZonedDateTime next = switch (schedule) {
      case "hourly" -> t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      case "daily" -> t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      case "weekly" -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
      default -> throw new IllegalArgumentException(schedule);
    };
    return next.toInstant();
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
      String base = "chatlens-report-" + schedule + "-" + NAME.format(end.minus(period));
      Path html = dir.resolve(base + ".html");
      writeNew(html, Renderers.html(result.report()));
      writeNew(dir.resolve(base + ".json"), Renderers.json(result.report()));
      written++;
      Diagnostics.info(schedule + " report of the period ending " + end + " written to " + html);
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

  /** How many reports were written since the start. */
  int written() {
    return written;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
