package io.chatlens.agent.logging;

import io.chatlens.agent.diagnostics.Diagnostics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
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
 *
 * <p>Each family other than audit is also kept under {@code chatlens.log.max-total-size} (active and
 * rotated files together): beyond it its oldest rotated files are deleted, at each run and as soon as a
 * file of the family rotates ({@link #rotated(LogFileSet)}), so that an error flood cannot fill the disk
 * between two runs. The audit family is never deleted for size; one warning says when it is over the cap.
 *
 * <p>Symbolic links are never followed: a link in the directory is never compressed, deleted or counted,
 * a family directory that is itself a link (other than the log directory) is skipped, and nothing outside
 * the log directory is ever touched.
 */
public final class LogHousekeeping implements AutoCloseable {

  /** How often the task runs; the first run is at start. */
  public static final Duration INTERVAL = Duration.ofHours(1);

  private static final Duration UNFINISHED_COMPRESSION_AGE = Duration.ofHours(1);

  private final List<LogFileSet> sets;
  private final List<LogFileSet> written;
  private final Duration compressAfter;
  private final Clock clock;
  private final long maxTotalSize;
  private final LogFileModes modes;
  private final Object lock = new Object();
  private final java.util.Set<LogStream> overCap = java.util.EnumSet.noneOf(LogStream.class);
  /** Families whose cap check is queued: at most one each, however fast files rotate. */
  private final java.util.Set<LogStream> capQueued = java.util.concurrent.ConcurrentHashMap.newKeySet();
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
    this(sets, written, compressAfter, clock, Long.MAX_VALUE, LogFileModes.NONE);
  }

  /** Every family of the layout, with its size cap and file permissions. */
  public LogHousekeeping(LogLayout layout, Clock clock) {
    this(layout.all(), layout.written(), layout.compressAfter(), clock, layout.maxTotalSize(), layout.modes());
  }

  LogHousekeeping(List<LogFileSet> sets, List<LogFileSet> written, Duration compressAfter, Clock clock,
      long maxTotalSize, LogFileModes modes) {
    this.sets = List.copyOf(sets);
    this.written = List.copyOf(written);
    this.compressAfter = compressAfter;
    this.clock = clock;
    this.maxTotalSize = maxTotalSize;
    this.modes = modes;
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

  /**
   * A file of the family was just rotated: its size cap is enforced soon on the housekeeping thread (never on the
   * caller's). Before {@link #start()} or after {@link #close()} nothing happens.
   */
  public synchronized void rotated(LogFileSet set) {
    if (scheduler == null || !capQueued.add(set.stream())) {
      return;
    }
    try {
      scheduler.execute(() -> {
        capQueued.remove(set.stream());
        try {
          synchronized (lock) {
            enforceCap(set, new ArrayList<>());
          }
        } catch (RuntimeException fault) {
          Diagnostics.warnRateLimited("log-housekeeping", "log housekeeping failed: " + fault);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      capQueued.remove(set.stream()); // shutting down
    }
  }

  /** One pass over every file family; faults on one file are reported and do not stop the others. */
  public Result runOnce() {
    synchronized (lock) {
      return runLocked();
    }
  }

  private Result runLocked() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<Path> compressed = new ArrayList<>();
    List<Path> deleted = new ArrayList<>();
    for (LogFileSet set : sets) {
      if (!usableDirectory(set)) {
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
      enforceCap(set, deleted);
    }
    return new Result(List.copyOf(compressed), List.copyOf(deleted));
  }

  /** A directory that exists and is not a link (the log directory itself, the main family's, may be one). */
  private boolean usableDirectory(LogFileSet set) {
    Path directory = set.directory();
    if (set.stream() != LogStream.MAIN && Files.isSymbolicLink(directory)) {
      Diagnostics.warnRateLimited("log-housekeeping-link", "log housekeeping skips " + directory
          + ": it is a symbolic link, and links in the log directory are never followed");
      return false;
    }
    return Files.isDirectory(directory);
  }

  /**
   * Deletes the oldest rotated files of a family (never its active file) until the family is within the cap; for
   * audit, warns once instead each time it goes over.
   */
  private void enforceCap(LogFileSet set, List<Path> deleted) {
    if (maxTotalSize == Long.MAX_VALUE || !usableDirectory(set)) {
      return;
    }
    List<Path> rotated = new ArrayList<>();
    for (Path file : rotatedFiles(set)) {
      if (!set.isUnfinishedCompression(file)) {
        rotated.add(file);
      }
    }
    long total = sizeOf(set.activeFile());
    for (Path file : rotated) {
      total += sizeOf(file);
    }
    if (total <= maxTotalSize) {
      overCap.remove(set.stream());
      return;
    }
    if (set.stream() == LogStream.AUDIT) {
      if (overCap.add(LogStream.AUDIT)) {
        Diagnostics.warn("the audit log in " + set.directory() + " takes " + total + " bytes, over "
            + "chatlens.log.max-total-size (" + maxTotalSize + " bytes); audit files are never deleted for size: "
            + "archive them or raise the limit");
      }
      return;
    }
    rotated.sort(set.oldestFirst());
    int removed = 0;
    for (Path file : rotated) {
      if (total <= maxTotalSize) {
        break;
      }
      long size = sizeOf(file);
      try {
        if (Files.deleteIfExists(file)) {
          deleted.add(file);
          removed++;
          total -= size;
        }
      } catch (IOException | RuntimeException fault) {
        Diagnostics.warnRateLimited("log-housekeeping", "log housekeeping could not delete " + file + ": " + fault);
      }
    }
    if (removed > 0) {
      Diagnostics.warnRateLimited("log-cap-" + set.stream(), "deleted the " + removed + " oldest rotated file(s) of "
          + set.activeFile() + ": the family was over chatlens.log.max-total-size (" + maxTotalSize + " bytes)");
    }
  }

  /** The size of a regular file (never a link's target), 0 when there is none. */
  private static long sizeOf(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() ? attributes.size() : 0;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  private static void expireAbandoned(LogFileSet set, Instant now, List<Path> deleted) {
    Path active = set.activeFile();
    try {
      if (Files.isRegularFile(active, LinkOption.NOFOLLOW_LINKS)
          && Duration.between(Files.getLastModifiedTime(active, LinkOption.NOFOLLOW_LINKS).toInstant(), now)
              .compareTo(set.retention()) > 0) {
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
            && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
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
    FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
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
  private boolean gzip(Path source, Path target, FileTime modified) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    // created new (never through a link, never over a file); an interrupted one expires as an unfinished compression
    OutputStream created = modes.newFile(temporary);
    try {
      try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
          OutputStream out = new GZIPOutputStream(created, 65536)) {
        in.transferTo(out);
      }
      Files.getFileAttributeView(temporary, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setTimes(modified, null, null);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException notAtomic) {
        Files.move(temporary, target);
      }
      Files.delete(source);
      return true;
    } finally {
      created.close();
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
