package io.chatlens.agent.logging;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.instrumentation.core.ChatEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the structured logs live and how long each family is kept, derived from the configuration alone
 * (so it is known before, and independently of, the log writer):
 *
 * <pre>
 * logs/chatbot.log                  every event at or above chatlens.log.level (read by Logstash)
 * logs/debug/chatbot-debug.log      DEBUG events            retention.debug  (dev 7d,  prod 3d)
 * logs/info/chatbot-info.log        INFO events             retention.info   (dev 30d, prod 14d)
 * logs/error/chatbot-error.log      WARN and ERROR events   retention.error  (dev 90d, prod 365d)
 * logs/audit/chatbot-audit.log      audit events            retention.audit  (7 years)
 * </pre>
 *
 * The main file's rotated files are kept for {@code chatlens.log.retention.main} (by default the info
 * retention).
 */
public final class LogLayout {

  private final Path directory;
  private final ChatEvent.Level threshold;
  private final boolean levelFiles;
  private final List<LogFileSet> all;
  private final Duration compressAfter;
  private final long maxTotalSize;
  private final LogFileModes modes;

  private LogLayout(Path directory, ChatEvent.Level threshold, boolean levelFiles, List<LogFileSet> all,
      Duration compressAfter, long maxTotalSize, LogFileModes modes) {
    this.directory = directory;
    this.threshold = threshold;
    this.levelFiles = levelFiles;
    this.all = List.copyOf(all);
    this.compressAfter = compressAfter;
    this.maxTotalSize = maxTotalSize;
    this.modes = modes;
  }

  public static LogLayout from(AgentConfig config) {
    return from(config, null);
  }

  /**
   * As {@link #from(AgentConfig)}, with the main file kept for {@code seedMainRetention} (the seed's
   * {@code monitoring.retention.logs} from the alerts file) when agent.properties does not set
   * {@code chatlens.log.retention.main}; {@code null} for the usual default, the info retention.
   */
  public static LogLayout from(AgentConfig config, Duration seedMainRetention) {
    Path directory = Path.of(config.get(ConfigKeys.LOG_DIR)).toAbsolutePath().normalize();
    LogProfile profile = LogProfile.named(config.get(ConfigKeys.LOG_PROFILE));
    Duration info = or(config.get(ConfigKeys.LOG_RETENTION_INFO), profile.infoRetention());
    String mainFile = config.get(ConfigKeys.LOG_FILE);
    String base = mainFile.endsWith(".log") ? mainFile.substring(0, mainFile.length() - 4) : mainFile;
    List<LogFileSet> sets = new ArrayList<>();
    sets.add(new LogFileSet(LogStream.MAIN, directory.resolve(mainFile),
        or(config.get(ConfigKeys.LOG_RETENTION_MAIN), or(seedMainRetention, info))));
    sets.add(levelSet(directory, base, LogStream.DEBUG,
        or(config.get(ConfigKeys.LOG_RETENTION_DEBUG), profile.debugRetention())));
    sets.add(levelSet(directory, base, LogStream.INFO, info));
    sets.add(levelSet(directory, base, LogStream.ERROR,
        or(config.get(ConfigKeys.LOG_RETENTION_ERROR), profile.warnAndErrorRetention())));
    sets.add(levelSet(directory, base, LogStream.AUDIT, config.get(ConfigKeys.LOG_RETENTION_AUDIT)));
    ChatEvent.Level threshold = ChatEvent.Level.valueOf(config.get(ConfigKeys.LOG_LEVEL).toUpperCase(Locale.ROOT));
    long maxTotalSize = config.get(ConfigKeys.LOG_MAX_TOTAL_SIZE);
    return new LogLayout(directory, threshold, config.get(ConfigKeys.LOG_LEVEL_FILES), sets,
        config.get(ConfigKeys.LOG_COMPRESS_AFTER), maxTotalSize <= 0 ? Long.MAX_VALUE : maxTotalSize,
        new LogFileModes(config.get(ConfigKeys.LOG_FILE_MODE), config.get(ConfigKeys.LOG_DIR_MODE)));
  }

  private static LogFileSet levelSet(Path directory, String base, LogStream stream, Duration retention) {
    return new LogFileSet(stream, directory.resolve(stream.subdirectory()).resolve(base + stream.suffix() + ".log"),
        retention);
  }

  private static Duration or(Duration configured, Duration fallback) {
    return configured != null ? configured : fallback;
  }

  /** The absolute log directory; its volume is the one whose free space matters. */
  public Path directory() {
    return directory;
  }

  /** The lowest level written (audit events excepted). */
  public ChatEvent.Level threshold() {
    return threshold;
  }

  /** Rotated files older than this are gzipped. */
  public Duration compressAfter() {
    return compressAfter;
  }

  /** The most bytes the files of one family may take ({@code chatlens.log.max-total-size}); audit excepted. */
  public long maxTotalSize() {
    return maxTotalSize;
  }

  /** The permissions of the files and directories the agent creates. */
  LogFileModes modes() {
    return modes;
  }

  /** Creates a directory (and missing parents) with the agent's directory mode, as for the log directories. */
  public void createDirectories(Path dir) throws java.io.IOException {
    modes.createDirectories(dir);
  }

  /** A new file with the agent's file mode, open for writing; fails if anything already has its name. */
  public java.io.OutputStream newFile(Path file) throws java.io.IOException {
    return modes.newFile(file);
  }

  /** Every file family, including those not written with the current level, whose old files still expire. */
  public List<LogFileSet> all() {
    return all;
  }

  /** The file family of a stream. */
  public LogFileSet of(LogStream stream) {
    for (LogFileSet set : all) {
      if (set.stream() == stream) {
        return set;
      }
    }
    throw new IllegalArgumentException("no file set for " + stream);
  }

  /**
   * The families written with this configuration: the main and audit files always, the level files when
   * {@code chatlens.log.level-files} is on, their levels reach the threshold and they are not kept exactly as long
   * as the main file (which then already keeps every line they would hold).
   */
  public List<LogFileSet> written() {
    List<LogFileSet> written = new ArrayList<>();
    for (LogFileSet set : all) {
      LogStream stream = set.stream();
      boolean levelStream = stream == LogStream.DEBUG || stream == LogStream.INFO || stream == LogStream.ERROR;
      if (!levelStream || levelFiles && reachesThreshold(stream) && !sameRetentionAsMain(set)) {
        written.add(set);
      }
    }
    return written;
  }

  /** A level file kept exactly as long as the main file would only copy lines the main file already keeps. */
  private boolean sameRetentionAsMain(LogFileSet set) {
    return set.retention().equals(of(LogStream.MAIN).retention());
  }

  private boolean reachesThreshold(LogStream stream) {
    ChatEvent.Level highest = switch (stream) {
      case DEBUG -> ChatEvent.Level.DEBUG;
      case INFO -> ChatEvent.Level.INFO;
      default -> ChatEvent.Level.ERROR;
    };
    return highest.compareTo(threshold) >= 0;
  }
}
