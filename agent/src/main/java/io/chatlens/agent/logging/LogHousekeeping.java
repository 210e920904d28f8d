package io.chatlens.agent.logging;

import io.chatlens.agent.diagnostics.Diagnostics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * The seed's compression and cleanup rules, which Logback cannot apply itself (it compresses only at the
 * moment of rotation and counts history in periods): on a daemon thread, every hour, each rotated file
 * older than {@code chatlens.log.compress-after} (7 days) is gzipped and each rotated file older than its
 * family's retention is deleted. Age is measured from the file's last modification, which gzip keeps.
 * Only rotated files ({@code chatbot.2024-01-15.0.log[.gz]}) are considered: never an active file,
 * never a file of the current UTC day, never anything else in the directory.
 */
public final class LogHousekeeping implements AutoCloseable {

  /** How often the task runs; the first run is at start. */
  public static final Duration INTERVAL = Duration.ofHours(1);

  private static final Duration UNFINISHED_COMPRESSION_AGE = Duration.ofHours(1);

  private final List<LogFileSet> sets;
  private final List<LogFileSet> written;
  private final Duration compressAfter;
  private final Clock clock;
  private ScheduledExecutorService scheduler;

  /** What one run did. */
  public record Result(List<Path> compressed, List<Path> deleted) {}

  public LogHousekeeping(List<LogFileSet> sets, Duration compressAfter, Clock clock) {
    this(sets, sets, compressAfter, clock);
  }

  /**
   * @param written the families being written now; the active file of any other family (left by an earlier
   *     configuration, e.g. {@code info/chatbot-info.log} before it stopped being a copy of the main file) expires
   *     like a rotated file
   */
  public LogHousekeeping(List<LogFileSet> sets, List<LogFileSet> written, Duration compressAfter, Clock clock) {
    this.sets = List.copyOf(sets);
    this.written = List.copyOf(written);
    this.compressAfter = compressAfter;
    this.clock = clock;
  }

  /** Runs now and then every {@link #INTERVAL} on a daemon thread, until {@link #close()}. */
  public synchronized LogHousekeeping start() {
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chatlens-log-housekeeping");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
      });
      scheduler.scheduleWithFixedDelay(this::runReportingFaults, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** One pass over every file family; faults on one file are reported and do not stop the others. */
  public Result runOnce() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<Path> compressed = new ArrayList<>();
    List<Path> deleted = new ArrayList<>();
    for (LogFileSet set : sets) {
      if (!Files.isDirectory(set.directory())) {
        continue;
      }
      if (!written.contains(set)) {
        expireAbandoned(set, now, deleted);
      }
      for (Path file : rotatedFiles(set)) {
        try {
          tidy(set, file, now, today, compressed, deleted);
        } catch (NoSuchFileException gone) {
          // removed meanwhile: nothing to do
        } catch (IOException | RuntimeException fault) {
          Diagnostics.warnRateLimited("log-housekeeping", "log housekeeping could not process " + file + ": " + fault);
        }
      }
    }
    return new Result(List.copyOf(compressed), List.copyOf(deleted));
  }

  private static void expireAbandoned(LogFileSet set, Instant now, List<Path> deleted) {
    Path active = set.activeFile();
    try {
      if (Files.isRegularFile(active)
          && Duration.between(Files.getLastModifiedTime(active).toInstant(), now).compareTo(set.retention()) > 0) {
        Files.delete(active);
        deleted.add(active);
      }
    } catch (IOException | RuntimeException fault) {
      Diagnostics.warnRateLimited("log-housekeeping", "log housekeeping could not process " + active + ": " + fault);
    }
  }

  private List<Path> rotatedFiles(LogFileSet set) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(set.directory())) {
      for (Path file : entries) {
        if (!file.equals(set.activeFile()) && (set.isRotated(file) || set.isUnfinishedCompression(file))
            && Files.isRegularFile(file)) {
          files.add(file);
        }
      }
    } catch (IOException fault) {
      Diagnostics.warnRateLimited("log-housekeeping", "log housekeeping could not list " + set.directory() + ": " + fault);
    }
    files.sort(null);
    return files;
  }

  private void tidy(LogFileSet set, Path file, Instant now, LocalDate today, List<Path> compressed,
      List<Path> deleted) throws IOException {
    FileTime modified = Files.getLastModifiedTime(file);
    Duration age = Duration.between(modified.toInstant(), now);
    if (set.isUnfinishedCompression(file)) {
      if (age.compareTo(UNFINISHED_COMPRESSION_AGE) > 0) {
        Files.deleteIfExists(file);
      }
    } else if (age.compareTo(set.retention()) > 0) {
      Files.delete(file);
      deleted.add(file);
    } else if (!LogFileSet.isCompressed(file) && age.compareTo(compressAfter) > 0 && set.dayOf(file).isBefore(today)) {
      Path target = file.resolveSibling(file.getFileName() + ".gz");
      if (gzip(file, target, modified)) {
        compressed.add(target);
      }
    }
  }

  /** Compresses through a temporary file, keeps the modification time and never overwrites a file. */
  private static boolean gzip(Path source, Path target, FileTime modified) throws IOException {
    if (Files.exists(target)) {
      return false;
    }
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      try (InputStream in = Files.newInputStream(source);
          OutputStream out = new GZIPOutputStream(Files.newOutputStream(temporary), 65536)) {
        in.transferTo(out);
      }
      Files.setLastModifiedTime(temporary, modified);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException notAtomic) {
        Files.move(temporary, target);
      }
      Files.delete(source);
      return true;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private void runReportingFaults() {
    try {
      runOnce();
    } catch (RuntimeException fault) {
      Diagnostics.warnRateLimited("log-housekeeping", "log housekeeping failed: " + fault);
    }
  }

  /** Stops the schedule; a run in progress finishes its current file. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdown();
      scheduler = null;
    }
  }
}
