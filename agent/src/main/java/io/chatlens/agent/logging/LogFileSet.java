package io.chatlens.agent.logging;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One log file and its rotated files: {@code logs/info/chatbot-info.log} is written, then renamed at
 * rotation to {@code chatbot-info.2024-01-15.0.log} (day in UTC, then a counter for size rotations within
 * the day), gzipped to {@code chatbot-info.2024-01-15.0.log.gz} after {@code chatlens.log.compress-after}
 * and deleted after its retention.
 *
 * @param stream which events it holds
 * @param activeFile the file being written
 * @param retention how long rotated files are kept, measured from their last modification
 */
public record LogFileSet(LogStream stream, Path activeFile, Duration retention) {

  /** The directory holding the active and the rotated files. */
  public Path directory() {
    return activeFile.getParent();
  }

  /** The active file's name without {@code .log}, e.g. {@code chatbot-info}. */
  public String baseName() {
    String name = activeFile.getFileName().toString();
    return name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
  }

  /** Logback's file name pattern of the rotated files: daily at midnight UTC, then by size. */
  public String rollingPattern() {
    return directory().resolve(baseName() + ".%d{yyyy-MM-dd,UTC}.%i.log").toString();
  }

  /** Whether the file is one of this set's rotated files, compressed or not (never the active file). */
  public boolean isRotated(Path file) {
    return rotatedName(file).matches();
  }

  /** Whether the file is what an interrupted compression of a rotated file left behind. */
  public boolean isUnfinishedCompression(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".gz.tmp") && isRotated(file.resolveSibling(name.substring(0, name.length() - 4)));
  }

  /** Whether the file is a rotated file already gzipped. */
  public static boolean isCompressed(Path file) {
    return file.getFileName().toString().endsWith(".gz");
  }

  /** The UTC day in a rotated file's name. */
  public LocalDate dayOf(Path file) {
    Matcher matcher = rotatedName(file);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(file + " is not a rotated file of " + activeFile);
    }
    return LocalDate.parse(matcher.group(1));
  }

  /** The counter of a rotated file within its day ({@code 3} in {@code chatbot.2024-01-15.3.log.gz}). */
  public long indexOf(Path file) {
    Matcher matcher = rotatedName(file);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(file + " is not a rotated file of " + activeFile);
    }
    String index = matcher.group(2);
    return index.length() > 18 ? Long.MAX_VALUE : Long.parseLong(index);
  }

  /** Rotated files oldest first: by day, then by counter (not by name: counter 10 comes after 9). */
  public java.util.Comparator<Path> oldestFirst() {
    return java.util.Comparator.comparing(this::dayOf).thenComparingLong(this::indexOf)
        .thenComparing(file -> file.getFileName().toString());
  }

  private Matcher rotatedName(Path file) {
    Pattern pattern = Pattern.compile(Pattern.quote(baseName()) + "\\.(\\d{4}-\\d{2}-\\d{2})\\.(\\d+)\\.log(?:\\.gz)?");
    return pattern.matcher(file.getFileName().toString());
  }
}
