package io.chatlens.agent.logging;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.diagnostics.Diagnostics;
import io.chatlens.agent.redaction.Redactor;
import io.chatlens.instrumentation.core.ChatEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The agent's structured log: application threads put {@link ChatEvent}s on an {@link EventQueue}; one
 * writer thread redacts them and hands them to the {@link LogRouter}, whose Logback appenders are
 * configured here in code (no Logback auto-configuration runs, so neither the application's logback.xml
 * nor {@code -Dlogback.configurationFile} is ever read). A {@link LogHousekeeping} task compresses and
 * expires rotated files. The files are described by {@link #layout()}.
 */
public final class AgentLogging implements AutoCloseable {

  /** The longest the writer waits before it flushes what it wrote (it is woken as soon as an event arrives). */
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * After it has written and flushed everything queued, the writer lets events gather this long before it waits to be
   * woken again. Under load that is one flush and one wake-up per batch instead of one per event or two (measured on
   * the demo at full speed: a futex wake-up every second turn and a write every 2.5 turns). A line reaches its file at
   * most this much later; at the default queue of 8 192 events, filling the queue in this time would take four
   * million events a second.
   */
  static final long BATCH_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final EventQueue queue;
  private final LogLayout layout;
  private final LogRouter router;
  private final LogHousekeeping housekeeping;
  private final Redactor redactor;
  private final Thread writer;
  private volatile boolean running = true;
  private final java.util.concurrent.atomic.AtomicLong writerFaults = new java.util.concurrent.atomic.AtomicLong();

  private volatile java.util.function.Consumer<ChatEvent> forwarder;

  private AgentLogging(AgentConfig config, Redactor redactor, Clock clock, Duration seedMainRetention) {
    this.redactor = redactor;
    this.layout = LogLayout.from(config, seedMainRetention);
    this.queue = new EventQueue(config.get(ConfigKeys.LOG_QUEUE_SIZE), layout.threshold());
    this.housekeeping = new LogHousekeeping(layout, clock);
    this.router = new LogRouter(layout, LogFormat.named(config.get(ConfigKeys.LOG_FORMAT)), config.serviceName(),
        config.get(ConfigKeys.LOG_MAX_FILE_SIZE), config.get(ConfigKeys.LOG_CONSOLE), clock, housekeeping::rotated);
    for (String problem : router.problems()) {
      Diagnostics.error("structured log: " + problem);
    }
    housekeeping.start();
    this.writer = new Thread(this::write, "chatlens-log-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Opens the log files and starts the writer thread and the housekeeping task. */
  public static AgentLogging start(AgentConfig config, Redactor redactor) {
    return start(config, redactor, Clock.systemUTC());
  }

  /** As {@link #start(AgentConfig, Redactor)}, with the clock that decides daily rotation and file ages. */
  public static AgentLogging start(AgentConfig config, Redactor redactor, Clock clock) {
    return new AgentLogging(config, redactor, clock, null);
  }

  /**
   * As {@link #start(AgentConfig, Redactor)}, with the main file kept for {@code seedMainRetention} unless
   * agent.properties sets {@code chatlens.log.retention.main} ({@link LogLayout#from(AgentConfig, Duration)}).
   */
  public static AgentLogging start(AgentConfig config, Redactor redactor, Duration seedMainRetention) {
    return new AgentLogging(config, redactor, Clock.systemUTC(), seedMainRetention);
  }

  /** Where instrumentation and the agent put their events; also the source of the drop counters. */
  public EventQueue queue() {
    return queue;
  }

  /** The files written, their retention, and the log directory. */
  public LogLayout layout() {
    return layout;
  }

  /** The absolute log directory (for example to report the free space of its volume). */
  public Path directory() {
    return layout.directory();
  }

  private void write() {
    boolean unflushed = false;
    while (running) {
      try {
        ChatEvent event = unflushed ? queue.poll() : queue.take(IDLE_WAIT_NANOS);
        if (event != null) {
          append(event);
          unflushed = true;
        } else if (unflushed) {
          unflushed = false;
          router.flush();
          // not registered as waiting: the application threads do not unpark the writer during this pause
          java.util.concurrent.locks.LockSupport.parkNanos(this, BATCH_LINGER_NANOS);
        }
        if (Thread.interrupted() && !running) {
          break;
        }
      } catch (Throwable fault) {
        // a broken appender, a hostile exception, an OutOfMemoryError or a LinkageError must not kill the writer:
        // it counts the fault and goes on with the next event
        writerFaults.incrementAndGet();
        if (fault instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
    queue.drainTo(this::appendQuietly);
  }

  /** Faults the writer survived (an event it could not write, an Error while writing). */
  public long writerFaults() {
    return writerFaults.get();
  }

  private void append(ChatEvent event) {
    ChatEvent clean = RedactedEvent.of(event, redactor);
    router.append(clean);
    java.util.function.Consumer<ChatEvent> forward = forwarder;
    if (forward != null) {
      forward.accept(clean);
    }
  }

  private void appendQuietly(ChatEvent event) {
    try {
      append(event);
    } catch (Throwable fault) {
      writerFaults.incrementAndGet(); // keep draining
    }
  }

  /** Also hands every (redacted) event to this consumer, on the writer thread: the OTLP log export. */
  public void forwardTo(java.util.function.Consumer<ChatEvent> consumer) {
    this.forwarder = consumer;
  }

  /** Writes what is queued, closes the files and stops the housekeeping. */
  @Override
  public void close() {
    running = false;
    writer.interrupt();
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    housekeeping.close();
    router.close();
  }
}
