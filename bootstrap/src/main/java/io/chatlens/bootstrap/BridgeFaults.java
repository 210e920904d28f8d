package io.chatlens.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts faults raised inside the agent while it handled a probe. The fault is swallowed so the
 * application never sees it; the agent reports the count and the last fault in its self-metrics.
 */
public final class BridgeFaults {

  private static final AtomicLong COUNT = new AtomicLong();
  private static volatile Throwable last;

  private BridgeFaults() {}

  static void record(Throwable fault) {
    COUNT.incrementAndGet();
    last = fault;
  }

  /** Number of faults swallowed since the JVM started. */
  public static long count() {
    return COUNT.get();
  }

  /** The most recent fault, or {@code null}. */
  public static Throwable last() {
    return last;
  }
}
