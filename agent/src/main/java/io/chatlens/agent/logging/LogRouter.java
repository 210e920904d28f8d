package io.chatlens.agent.logging;

import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import io.chatlens.instrumentation.core.ChatEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The Logback appenders of the structured log, configured in code on a private Logback context (no
 * Logback auto-configuration ever runs): one rolling file appender per written {@link LogFileSet}, each
 * filtered to its {@link LogStream}, plus an optional console copy of the main stream. Called by the
 * single log-writer thread only.
 */
final class LogRouter implements AutoCloseable {

  private final ContextBase context = new ContextBase();
  private final List<Appender<ChatEvent>> appenders = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  /**
   * @param layout where the files go and which are written
   * @param format the format of every appender
   * @param serviceName {@code service.name} of the JSON format
   * @param maxFileSize size at which a file rotates (it also rotates daily at midnight UTC)
   * @param console whether the main stream is also copied to standard error
   * @param clock the time that decides daily rotation
   */
  LogRouter(LogLayout layout, LogFormat format, String serviceName, long maxFileSize, boolean console, Clock clock) {
    this(layout, format, serviceName, maxFileSize, console, clock, set -> {});
  }

  /** @param rolledOver told (on the writer thread) after a file of a family was rotated */
  LogRouter(LogLayout layout, LogFormat format, String serviceName, long maxFileSize, boolean console, Clock clock,
      Consumer<LogFileSet> rolledOver) {
    context.setName("chatlens");
    Encoder<ChatEvent> encoder = new FormatOnce(format.newEncoder(serviceName));
    for (LogFileSet set : layout.written()) {
      String refused = prepareDirectory(layout, set);
      if (refused != null) {
        problems.add("cannot write " + set.activeFile() + ": " + refused);
        continue;
      }
      RollingFileAppender<ChatEvent> appender = rollingFile(set, encoder, maxFileSize, clock, layout.modes(), rolledOver);
      add(appender, set.stream(), layout, set.activeFile().toString());
    }
    if (console) {
      ConsoleAppender<ChatEvent> appender = new ConsoleAppender<>();
      appender.setTarget("System.err");
      appender.setName("console");
      add(started(appender, encoder), LogStream.MAIN, layout, "standard error");
    }
  }

  /**
   * Creates the family's directory with the directory mode; refuses (returns why) a family directory inside the
   * log directory that is a symbolic link: rotation never works through links. The log directory itself may be one.
   */
  private static String prepareDirectory(LogLayout layout, LogFileSet set) {
    Path directory = set.directory();
    if (!directory.equals(layout.directory()) && Files.isSymbolicLink(directory)) {
      return directory + " is a symbolic link; the agent never writes or rotates through links in the log directory";
    }
    try {
      layout.modes().createDirectories(directory);
      return null;
    } catch (IOException | RuntimeException fault) {
      return "cannot create " + directory + " (" + fault + ")";
    }
  }

  private RollingFileAppender<ChatEvent> rollingFile(LogFileSet set, Encoder<ChatEvent> encoder, long maxFileSize,
      Clock clock, LogFileModes modes, Consumer<LogFileSet> rolledOver) {
    RollingFileAppender<ChatEvent> appender = new ModeSettingAppender(set, modes, rolledOver);
    appender.setContext(context);
    appender.setName(set.stream().name().toLowerCase(Locale.ROOT));
    appender.setFile(set.activeFile().toString());
    TimeBasedRollingPolicy<ChatEvent> policy = new TimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(set.rollingPattern().replace('\\', '/'));
    policy.setTimeBasedFileNamingAndTriggeringPolicy(new ClockedRollingTrigger(clock, maxFileSize));
    policy.start();
    appender.setRollingPolicy(policy);
    return started(appender, encoder);
  }

  private <A extends OutputStreamAppender<ChatEvent>> A started(A appender, Encoder<ChatEvent> encoder) {
    appender.setContext(context);
    encoder.setContext(context);
    if (!encoder.isStarted()) {
      encoder.start();
    }
    appender.setEncoder(encoder);
    // lines are buffered and written out by flush(), which the writer calls whenever its queue is empty
    appender.setImmediateFlush(false);
    appender.start();
    return appender;
  }

  private void add(OutputStreamAppender<ChatEvent> appender, LogStream stream, LogLayout layout, String target) {
    StreamFilter filter = new StreamFilter(stream, layout.threshold());
    filter.setContext(context);
    filter.start();
    appender.addFilter(filter);
    if (appender.isStarted()) {
      appenders.add(appender);
    } else {
      problems.add("cannot write " + target + lastError());
    }
  }

  private String lastError() {
    List<Status> statuses = context.getStatusManager().getCopyOfStatusList();
    for (int i = statuses.size() - 1; i >= 0; i--) {
      if (statuses.get(i).getLevel() == Status.ERROR) {
        Throwable cause = statuses.get(i).getThrowable();
        return ": " + statuses.get(i).getMessage() + (cause == null ? "" : " (" + cause + ")");
      }
    }
    return "";
  }

  /**
   * A rolling file appender that creates each new active file (at start and after every rotation) with the file
   * mode, refuses to open an active file that is a symbolic link, and reports each rotation.
   */
  private static final class ModeSettingAppender extends RollingFileAppender<ChatEvent> {

    private final LogFileSet set;
    private final LogFileModes modes;
    private final Consumer<LogFileSet> rolledOver;

    ModeSettingAppender(LogFileSet set, LogFileModes modes, Consumer<LogFileSet> rolledOver) {
      this.set = set;
      this.modes = modes;
      this.rolledOver = rolledOver;
    }

    @Override
    public void openFile(String fileName) throws IOException {
      Path file = Path.of(fileName);
      if (Files.isSymbolicLink(file)) {
        throw new IOException(file + " is a symbolic link; the agent never writes through links in the log directory");
      }
      modes.createFile(file);
      super.openFile(fileName);
    }

    @Override
    public void rollover() {
      super.rollover();
      try {
        rolledOver.accept(set);
      } catch (RuntimeException ignored) {
        // the size cap is also enforced hourly
      }
    }
  }

  /** Appenders that could not start (for example an unwritable directory), one line each. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** Hands an already redacted event to every appender; each one's filter decides whether it writes it. */
  void append(ChatEvent event) {
    for (Appender<ChatEvent> appender : appenders) {
      appender.doAppend(event);
    }
  }

  /** Writes out the buffered lines of every appender. */
  void flush() {
    for (Appender<ChatEvent> appender : appenders) {
      if (appender instanceof OutputStreamAppender<ChatEvent> stream && stream.getOutputStream() != null) {
        try {
          stream.getOutputStream().flush();
        } catch (java.io.IOException | RuntimeException ignored) {
          // the appender reports its own write errors; the next flush tries again
        }
      }
    }
  }

  /** Flushes and closes every file. */
  @Override
  public void close() {
    for (Appender<ChatEvent> appender : appenders) {
      appender.stop();
    }
  }
}
