package io.chatlens.agent.report;

import io.chatlens.agent.redaction.Redactor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The offline report of a log directory: finds the files, reads them as one time-ordered stream without copies
 * ({@link MergedLines}), folds them into bounded aggregates ({@link Analyzer}) and builds the {@link Report}.
 */
public final class OfflineReport {

  /** Inputs larger than this show a progress bar on standard error even when it is not a terminal. */
  static final long PROGRESS_BYTES = 64L << 20;

  private OfflineReport() {}

  /**
   * @param logDir the log directory
   * @param since the length of the period, ending at {@code until}; {@code null} for everything in the logs
   * @param until the end of the period (exclusive), {@code null} for no end
   * @param progress where to draw a progress bar, or {@code null}
   */
  public record Options(Path logDir, Duration since, Instant until, PrintStream progress, boolean forceProgress) {}

  /** The report and what reading cost. */
  public record Result(Report report, long bytes, long nanos) {
    public double megabytesPerSecond() {
      return nanos == 0 ? 0 : bytes / 1e6 / (nanos / 1e9);
    }
  }

  public static Result analyse(Options options) throws IOException {
    long started = System.nanoTime();
    long to = options.until() == null ? Long.MAX_VALUE : options.until().toEpochMilli();
    long end = options.until() == null ? System.currentTimeMillis() : to;
    long from = options.since() == null ? Long.MIN_VALUE : end - options.since().toMillis();
    boolean previousPeriod = options.since() != null;
    long readFrom = previousPeriod ? from - options.since().toMillis() : Long.MIN_VALUE;
    List<LogFiles.LogFile> files = new ArrayList<>();
    LocalDate firstDay = readFrom == Long.MIN_VALUE ? null
        : Instant.ofEpochMilli(readFrom).atOffset(ZoneOffset.UTC).toLocalDate();
    long totalBytes = 0;
    for (LogFiles.LogFile file : LogFiles.find(options.logDir())) {
      if (firstDay != null && file.day() != null && file.day().isBefore(firstDay)) {
        continue;
      }
      files.add(file);
      totalBytes += file.size();
    }
    Redactor redactor = Redactor.withDefaults();
    Analyzer analyzer = new Analyzer(from, readFrom, redactor::redact);
    MergedLines merged = new MergedLines(files, readFrom, to);
    Progress progress = options.progress() != null && (options.forceProgress() || totalBytes > PROGRESS_BYTES)
        ? new Progress(options.progress(), totalBytes, merged) : null;
    long[] count = {0};
    merged.read((line, ts, family) -> {
      analyzer.accept(line, ts);
      if (progress != null && (++count[0] & 4095) == 0) {
        progress.update(false);
      }
    });
    if (progress != null) {
      progress.update(true);
    }
    Report report = ReportBuilder.build(analyzer, new ReportBuilder.Input(options.logDir().toString(), from, to,
        previousPeriod, files.size(), totalBytes, merged.copies(), merged.outside(), merged.unparsed(),
        merged.unreadableFiles()));
    return new Result(report, totalBytes, System.nanoTime() - started);
  }

  /** A progress bar redrawn in place at most four times a second. */
  static final class Progress {
    private final PrintStream out;
    private final long total;
    private final MergedLines merged;
    private final long started = System.nanoTime();
    private long lastDraw;

    Progress(PrintStream out, long total, MergedLines merged) {
      this.out = out;
      this.total = Math.max(1, total);
      this.merged = merged;
    }

    void update(boolean done) {
      long now = System.nanoTime();
      if (!done && now - lastDraw < 250_000_000L) {
        return;
      }
      lastDraw = now;
      long read = Math.min(total, merged.bytesRead().get());
      if (done) {
        read = total;
      }
      int width = 30;
      int filled = (int) (width * read / total);
      double seconds = Math.max(1e-9, (now - started) / 1e9);
      out.print(String.format(Locale.ROOT, "\r[%s%s] %3d%% %,d/%,d MB %.0f MB/s", "#".repeat(filled),
          " ".repeat(width - filled), 100 * read / total, read >> 20, total >> 20, read / 1e6 / seconds));
      if (done) {
        out.println();
      }
      out.flush();
    }
  }
}
