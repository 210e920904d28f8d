package io.chatlens.instrumentation.runtime;

import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ConstructionListener;
import io.chatlens.instrumentation.core.Invocation;
import io.chatlens.instrumentation.core.Probe;
import io.chatlens.instrumentation.core.ProbeSemantics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The application's thread pools, held by weak references (a pool that is garbage collected simply
 * disappears), reported as {@code chatbot.executor.queue.depth} and {@code chatbot.executor.active}, and
 * the commands in flight as {@code chatbot.commands.in_flight}: together, the seed's "queue length". Pools
 * created by the agent's own threads are ignored; at most {@value #LIMIT} pools are tracked, and a pool
 * built while the table is full is not tracked (nothing is evicted to make room for it).
 *
 * <p>The table is hard-bounded and never scanned on the application's thread: the reference of a collected pool
 * is queued by the garbage collector, and each construction removes only those queued references (at most
 * {@value #LIMIT}, each in O(1)) before it checks the bound. Only the metric callbacks walk the table.
 *
 * <p>The callbacks run the application's code on the metric thread, per pool: {@code getQueue().size()} (the
 * pool's queue: a {@code LinkedBlockingQueue} counts without a lock, an {@code ArrayBlockingQueue} takes its own
 * lock) and {@code getActiveCount()}, which takes the pool's main lock while it counts the busy workers. The JDK
 * has no lock-free way to read the active count, so it is kept. A pool whose reading throws (a subclass's
 * override, a custom queue) is skipped for that collection and the fault counted in {@link #callbackFaults()};
 * the other pools are still reported.
 */
public final class ExecutorRegistry implements ComponentHandler, ConstructionListener {

  static final AttributeKey<String> EXECUTOR = AttributeKey.stringKey("executor.name");
  static final int LIMIT = 64;

  /** The tracked pools in creation order; guarded by itself. Identity set: a reference never equals another. */
  private final Set<Tracked> pools = new LinkedHashSet<>();
  /** Where the garbage collector puts the references of tracked pools it collected. */
  private final ReferenceQueue<ThreadPoolExecutor> collected = new ReferenceQueue<>();
  private final AtomicLong faults = new AtomicLong();
  private int created;

  /** A tracked pool and its {@code executor.name}. */
  private static final class Tracked extends WeakReference<ThreadPoolExecutor> {
    final Attributes attributes;

    Tracked(ThreadPoolExecutor pool, Attributes attributes, ReferenceQueue<ThreadPoolExecutor> queue) {
      super(pool, queue);
      this.attributes = attributes;
    }
  }

  public ExecutorRegistry(Meter meter, LongSupplier inFlightTurns) {
    meter.gaugeBuilder("chatbot.executor.queue.depth").ofLongs().setUnit("{task}")
        .setDescription("Tasks waiting in the queue of each application thread pool.")
        .buildWithCallback(measurement -> observe(measurement, pool -> pool.getQueue().size()));
    meter.gaugeBuilder("chatbot.executor.active").ofLongs().setUnit("{thread}")
        .setDescription("Threads busy running tasks in each application thread pool.")
        .buildWithCallback(measurement -> observe(measurement, ThreadPoolExecutor::getActiveCount));
    meter.gaugeBuilder("chatbot.commands.in_flight").ofLongs().setUnit("{command}")
        .setDescription("Chat turns being handled right now.")
        .buildWithCallback(measurement -> measurement.record(inFlightTurns.getAsLong()));
  }

  /** Records one reading per live pool; a pool whose reading fails is skipped and the fault counted. */
  private void observe(ObservableLongMeasurement measurement, ToLongFunction<ThreadPoolExecutor> reading) {
    for (Tracked tracked : snapshot()) {
      ThreadPoolExecutor pool = tracked.get();
      if (pool == null) {
        continue;
      }
      long value;
      try {
        value = reading.applyAsLong(pool);
      } catch (Throwable fault) {
        faults.incrementAndGet();
        continue;
      }
      measurement.record(value, tracked.attributes);
    }
  }

  @Override
  public void constructed(Probe probe, Object instance) {
    if (!(instance instanceof ThreadPoolExecutor pool) || Thread.currentThread().getName().startsWith("chatlens")) {
      return;
    }
    synchronized (pools) {
      expungeCollected();
      if (pools.size() >= LIMIT) {
        return;
      }
      created++;
      String name = creator() + "-" + created;
      pools.add(new Tracked(pool, Attributes.of(EXECUTOR, name), collected));
    }
  }

  /** The application class that created the pool, e.g. {@code ScriptRunner}: a readable, stable label. */
  private static String creator() {
    return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
            .filter(name -> !name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")
                && !name.startsWith("io.chatlens."))
            .findFirst())
        .map(name -> name.substring(name.lastIndexOf('.') + 1))
        .orElse("ThreadPoolExecutor");
  }

  /** How many pools are tracked now, at most {@value #LIMIT}. */
  public int size() {
    synchronized (pools) {
      expungeCollected();
      return pools.size();
    }
  }

  /** Readings of a pool that threw (each skipped that pool for one collection). */
  @Override
  public long callbackFaults() {
    return faults.get();
  }

  private List<Tracked> snapshot() {
    synchronized (pools) {
      expungeCollected();
      return new ArrayList<>(pools);
    }
  }

  /** Drops the pools the garbage collector has collected since the last call: O(1) each. Holds the lock. */
  private void expungeCollected() {
    for (Reference<? extends ThreadPoolExecutor> gone = collected.poll(); gone != null; gone = collected.poll()) {
      pools.remove(gone);
    }
  }

  @Override
  public ProbeSemantics describe(Probe probe) {
    return new ProbeSemantics(probe.methodName(), io.opentelemetry.api.trace.SpanKind.INTERNAL, Attributes.empty(),
        probe.methodName());
  }

  @Override
  public String spanName(Invocation invocation, ProbeSemantics semantics) {
    return null;
  }

  @Override
  public void onEnter(Invocation invocation) {}

  @Override
  public void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos) {}
}
