package io.chatlens.agent.logging;

import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.redaction.Redactor;
import io.chatlens.instrumentation.core.ChatEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The agent's structured log: application threads put {@link ChatEvent}s on an {@link EventQueue}; one
 * writer thread appends them to Logback appenders configured here in code. No Logback auto-configuration
 * runs, so neither the application's logback.xml nor {@code -Dlogback.configurationFile} is ever read.
 */
public final class AgentLogging implements AutoCloseable {

  private final ContextBase context = new ContextBase();
  private final EventQueue queue;
  private final List<Appender<ChatEvent>> appenders = new ArrayList<>();
  private final Thread writer;
  private volatile boolean running = true;

  private final Redactor redactor;
  private volatile java.util.function.Consumer<ChatEvent> forwarder;

  private AgentLogging(AgentConfig config, Redactor redactor) {
    this.redactor = redactor;
    context.setName("chatlens");
    ChatEvent.Level level = ChatEvent.Level.valueOf(config.get(ConfigKeys.LOG_LEVEL).toUpperCase(Locale.ROOT));
    this.queue = new EventQueue(config.get(ConfigKeys.LOG_QUEUE_SIZE), level);
    Path directory = Path.of(config.get(ConfigKeys.LOG_DIR));
    appenders.add(rollingFile(directory, config.get(ConfigKeys.LOG_FILE), config.get(ConfigKeys.LOG_MAX_FILE_SIZE)));
    if (config.get(ConfigKeys.LOG_CONSOLE)) {
      appenders.add(console());
    }
    this.writer = new Thread(this::write, "chatlens-log-writer");
    writer.setDaemon(true);
    writer.start();
  }

  public static AgentLogging start(AgentConfig config, Redactor redactor) {
    return new AgentLogging(config, redactor);
  }

  /** Where instrumentation and the agent put their events. */
  public EventQueue queue() {
    return queue;
  }

  private Appender<ChatEvent> rollingFile(Path directory, String fileName, long maxFileSize) {
    String base = fileName.endsWith(".log") ? fileName.substring(0, fileName.length() - 4) : fileName;
    RollingFileAppender<ChatEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("file");
    appender.setFile(directory.resolve(fileName).toString());
    SizeAndTimeBasedRollingPolicy<ChatEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(directory.resolve(base + ".%d{yyyy-MM-dd}.%i.log").toString());
    policy.setMaxFileSize(new FileSize(maxFileSize));
    policy.start();
    appender.setRollingPolicy(policy);
    appender.setEncoder(started(new SeedTextEncoder()));
    appender.start();
    return appender;
  }

  private Appender<ChatEvent> console() {
    ConsoleAppender<ChatEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("console");
    appender.setTarget("System.err");
    appender.setEncoder(started(new SeedTextEncoder()));
    appender.start();
    return appender;
  }

  private SeedTextEncoder started(SeedTextEncoder encoder) {
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }

  private void write() {
    while (running) {
      try {
        ChatEvent event = queue.poll(200, TimeUnit.MILLISECONDS);
        if (event != null) {
          append(event);
        }
      } catch (InterruptedException stop) {
        break;
      } catch (RuntimeException fault) {
        // a broken appender must not kill the writer
      }
    }
    queue.drainTo(this::append);
  }

  private void append(ChatEvent event) {
    ChatEvent clean = RedactedEvent.of(event, redactor);
    for (Appender<ChatEvent> appender : appenders) {
      appender.doAppend(clean);
    }
    java.util.function.Consumer<ChatEvent> forward = forwarder;
    if (forward != null) {
      forward.accept(clean);
    }
  }

  /** Also hands every (redacted) event to this consumer, on the writer thread: the OTLP log export. */
  public void forwardTo(java.util.function.Consumer<ChatEvent> consumer) {
    this.forwarder = consumer;
  }

  /** Writes what is queued and closes the files. */
  @Override
  public void close() {
    running = false;
    writer.interrupt();
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    for (Appender<ChatEvent> appender : appenders) {
      appender.stop();
    }
  }
}
