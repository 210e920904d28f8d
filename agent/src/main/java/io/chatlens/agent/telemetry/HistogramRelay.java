package io.chatlens.agent.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.context.Context;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands the histogram measurements of application threads to the OpenTelemetry SDK on an agent thread.
 *
 * <p>The SDK's explicit-bucket histogram is not safe against an Error in the middle of a record: its record first
 * counts itself as started, then adds to a bucket, and a collection waits (spinning) until every started record has
 * reached its bucket. A {@link StackOverflowError} between the two steps, which an application with a deep stack
 * raises inside the agent's advice, leaves a record that never finishes: every later collection spins forever, and
 * from then on every record of every thread spins too, so the application hangs. So an application thread only adds
 * the measurement to a lock-free queue, which no interrupted caller can block (at worst that measurement is lost),
 * and the SDK is called by the agent's relay thread, whose stack is shallow. The relay drains the queue every
 * {@value #PERIOD_MILLIS} ms, and before each collection of a ChatLens meter (a callback that records nothing), so a
 * scrape or an export sees every measurement made before it.
 *
 * <p>Bounded: at most {@value #LIMIT} measurements wait; beyond that they are dropped and counted.
 */
final class HistogramRelay implements AutoCloseable {

  static final int LIMIT = 65_536;
  static final long PERIOD_MILLIS = 20;
  /** The callback instrument that drains the queue before a meter's collection; it never records a point. */
  static final String FLUSH_INSTRUMENT = "chatlens.internal.histogram_relay";

  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final Set<Meter> flushing = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean contextNeeded = true;

  /** A relay with its own drain thread. */
  static HistogramRelay started() {
    HistogramRelay relay = new HistogramRelay(true);
    relay.thread.start();
    return relay;
  }

  /** A relay drained only by {@link #drain()} and by collections (tests). */
  static HistogramRelay manual() {
    return new HistogramRelay(false);
  }

  private HistogramRelay(boolean threaded) {
    this.thread = threaded ? new Thread(this::run, "chatlens-histogram-relay") : null;
    if (thread != null) {
      thread.setDaemon(true);
    }
  }

  /**
   * Whether a measurement carries the caller's context. Only exemplars read it: with {@code
   * otel.metrics.exemplar.filter=always_off} (ChatLens's default) the application thread skips the context lookup
   * and hands over the root context.
   */
  void contextNeeded(boolean needed) {
    this.contextNeeded = needed;
  }

  /** The context a measurement taken now carries: the current one, or the root one when exemplars are off. */
  Context context() {
    return contextNeeded ? Context.current() : Context.root();
  }

  void record(LongHistogram target, long value, Attributes attributes, Context context) {
    if (admit()) {
      queue.offer(() -> target.record(value, attributes, context));
    }
  }

  void record(DoubleHistogram target, double value, Attributes attributes, Context context) {
    if (admit()) {
      queue.offer(() -> target.record(value, attributes, context));
    }
  }

  private boolean admit() {
    if (closed) {
      dropped.incrementAndGet();
      return false;
    }
    if (size.incrementAndGet() > LIMIT) {
      size.decrementAndGet();
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Makes every collection of this meter drain the queue first (once per meter). */
  void flushBeforeCollecting(Meter meter) {
    if (flushing.add(meter)) {
      meter.gaugeBuilder(FLUSH_INSTRUMENT).ofLongs().setDescription("Drains the agent's histogram relay; no points.")
          .buildWithCallback(measurement -> drain());
    }
  }

  /** Hands every waiting measurement to the SDK, on the calling thread. */
  void drain() {
    for (Runnable next = queue.poll(); next != null; next = queue.poll()) {
      size.decrementAndGet();
      try {
        next.run();
      } catch (RuntimeException ignored) {
        dropped.incrementAndGet(); // the SDK never throws; if it did, the measurement is lost, not the relay
      }
    }
  }

  /** Measurements waiting. */
  int size() {
    return Math.max(0, size.get());
  }

  /** Measurements dropped because the queue was full (or the relay closed). */
  long dropped() {
    return dropped.get();
  }

  private void run() {
    while (!closed) {
      try {
        drain();
      } catch (Throwable unexpected) {
        // an Error on the relay thread (out of memory): go on, the queue is bounded
      }
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
    }
  }

  /** Stops the thread after a last drain; later measurements are dropped. */
  @Override
  public void close() {
    closed = true;
    if (thread != null) {
      LockSupport.unpark(thread);
      try {
        thread.join(TimeUnit.SECONDS.toMillis(1));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    drain();
  }
}
