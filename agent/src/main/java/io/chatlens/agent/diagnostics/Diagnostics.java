package io.chatlens.agent.diagnostics;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's own diagnostics: one line each on standard error, prefixed {@code [chatlens]}, never on
 * standard output, so the application's output is untouched. Repeated warnings are rate-limited.
 */
public final class Diagnostics {

  private static final long RATE_LIMIT_NANOS = 60_000_000_000L;
  private static final ConcurrentMap<String, Long> LAST_REPORTED = new ConcurrentHashMap<>();
  private static final AtomicLong SUPPRESSED = new AtomicLong();
  private static volatile boolean debug;
  private static volatile PrintStream out = System.err;
  private static volatile Sink sink;

  /** Where lines also go once structured logging is up. */
  public interface Sink {
    void accept(String level, String message);
  }

  private Diagnostics() {}

  public static void setDebug(boolean enabled) {
    debug = enabled;
  }

  public static boolean isDebug() {
    return debug;
  }

  public static void setSink(Sink newSink) {
    sink = newSink;
  }

  public static void info(String message) {
    emit("INFO", message);
  }

  public static void warn(String message) {
    emit("WARN", message);
  }

  public static void error(String message) {
    emit("ERROR", message);
  }

  public static void debug(String message) {
    if (debug) {
      emit("DEBUG", message);
    }
  }

  /**
   * A warning printed at most once a minute per topic, such as "the OTLP backend is unreachable".
   *
   * @return whether it was printed
   */
  public static boolean warnRateLimited(String topic, String message) {
    return warnRateLimited(topic, message, System.nanoTime());
  }

  /** {@link #warnRateLimited(String, String)} at a given {@link System#nanoTime()} (for tests). */
  static boolean warnRateLimited(String topic, String message, long now) {
    boolean[] due = new boolean[1];
    // atomic per topic: of many threads failing at once, exactly one prints
    LAST_REPORTED.compute(topic, (key, last) -> {
      due[0] = last == null || now - last >= RATE_LIMIT_NANOS;
      return due[0] ? Long.valueOf(now) : last;
    });
    if (!due[0]) {
      SUPPRESSED.incrementAndGet();
      return false;
    }
    emit("WARN", message);
    return true;
  }

  /** Where the lines go (for tests); returns the previous stream. */
  static PrintStream redirect(PrintStream stream) {
    PrintStream previous = out;
    out = stream;
    return previous;
  }

  /** Warnings held back by the rate limit. */
  public static long suppressedCount() {
    return SUPPRESSED.get();
  }

  /** Output of the console exporters, on standard error. */
  public static void console(String line) {
    out.println("[chatlens] " + line);
  }

  /** Prints exactly this line, for the startup banner. */
  public static void banner(String line) {
    out.println(line);
    out.flush();
  }

  private static void emit(String level, String message) {
    PrintStream stream = out;
    stream.println("[chatlens] " + level + " " + message);
    stream.flush();
    Sink current = sink;
    if (current != null) {
      try {
        current.accept(level, message);
      } catch (RuntimeException ignored) {
        // diagnostics must never fail
      }
    }
  }
}
