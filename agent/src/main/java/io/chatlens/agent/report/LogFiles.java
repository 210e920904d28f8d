package io.chatlens.agent.report;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The structured log files of a log directory, as the agent lays them out: the main file and its rotated files at
 * the top ({@code chatbot.log}, {@code chatbot.2024-01-15.0.log}, {@code chatbot.2024-01-08.0.log.gz}) and one family
 * per subdirectory ({@code audit/}, {@code error/}, {@code info/}, {@code debug/}). The level and audit files repeat
 * events of the main file; the reader removes those copies (see {@link MergedLines}).
 */
final class LogFiles {

  /** Family ranks: on equal timestamps the main file's line comes first. */
  static final int MAIN = 0;
  static final String[] FAMILY_DIRS = {"", "audit", "error", "info", "debug"};

  private static final Pattern ROTATED = Pattern.compile("(.+)\\.(\\d{4}-\\d{2}-\\d{2})\\.(\\d+)\\.log(\\.gz)?");
  private static final Pattern ACTIVE = Pattern.compile("(.+)\\.log(\\.gz)?");

  private LogFiles() {}

  /** One log file: its family, the UTC day in its name (rotated files) and its size on disk. */
  record LogFile(Path path, int family, LocalDate day, long size) {
    boolean compressed() {
      return path.getFileName().toString().endsWith(".gz");
    }
  }

  /** Every log file under {@code directory} (not following links; skipping {@code reports/}), files only. */
  static List<LogFile> find(Path directory) throws IOException {
    List<LogFile> files = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      throw new IOException(directory + " is not a directory");
    }
    for (int family = 0; family < FAMILY_DIRS.length; family++) {
      Path dir = family == MAIN ? directory : directory.resolve(FAMILY_DIRS[family]);
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && family != MAIN) {
        continue;
      }
      try (Stream<Path> list = Files.list(dir)) {
        for (Path file : (Iterable<Path>) list::iterator) {
          if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          String name = file.getFileName().toString();
          Matcher rotated = ROTATED.matcher(name);
          LocalDate day = null;
          if (rotated.matches()) {
            try {
              day = LocalDate.parse(rotated.group(2));
            } catch (RuntimeException notADay) {
              day = null;
            }
          } else if (!ACTIVE.matcher(name).matches()) {
            continue;
          }
          files.add(new LogFile(file, family, day, Files.size(file)));
        }
      }
    }
    return files;
  }

  /** Opens a file for reading lines (gunzipping {@code .gz}); bytes read from disk are added to {@code progress}. */
  static LineReader open(LogFile file, AtomicLong progress) throws IOException {
    InputStream raw = new CountingStream(Files.newInputStream(file.path()), progress);
    return new LineReader(file.compressed() ? new GZIPInputStream(raw, 1 << 16) : raw);
  }

  private static final class CountingStream extends FilterInputStream {
    private final AtomicLong progress;

    CountingStream(InputStream in, AtomicLong progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        progress.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        progress.addAndGet(n);
      }
      return n;
    }
  }
}
