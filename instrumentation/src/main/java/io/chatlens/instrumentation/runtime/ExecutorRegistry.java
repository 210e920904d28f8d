package io.chatlens.instrumentation.runtime;

import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ConstructionListener;
import io.chatlens.instrumentation.core.Invocation;
import io.chatlens.instrumentation.core.Probe;
import io.chatlens.instrumentation.core.ProbeSemantics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.LongSupplier;

/**
 * The application's thread pools, held by weak references (a pool that is garbage collected simply
 * disappears), reported as {@code chatbot.executor.queue.depth} and {@code chatbot.executor.active}, and
 * the commands in flight as {@code chatbot.commands.in_flight}: together, the seed's "queue length". Pools
 * created by the agent's own threads are ignored; at most {@value #LIMIT} pools are tracked.
 */
public final class ExecutorRegistry implements ComponentHandler, ConstructionListener {

  static final AttributeKey<String> EXECUTOR = AttributeKey.stringKey("executor.name");
  static final int LIMIT = 64;

  private final List<Tracked> pools = new ArrayList<>();
  private int created;

  private record Tracked(WeakReference<ThreadPoolExecutor> pool, Attributes attributes) {}

  public ExecutorRegistry(Meter meter, LongSupplier inFlightTurns) {
    meter.gaugeBuilder("chatbot.executor.queue.depth").ofLongs().setUnit("{task}")
        .setDescription("Tasks waiting in the queue of each application thread pool.")
        .buildWithCallback(measurement -> {
          for (Tracked tracked : snapshot()) {
            ThreadPoolExecutor pool = tracked.pool().get();
            if (pool != null) {
              measurement.record(pool.getQueue().size(), tracked.attributes());
            }
          }
        });
    meter.gaugeBuilder("chatbot.executor.active").ofLongs().setUnit("{thread}")
        .setDescription("Threads busy running tasks in each application thread pool.")
        .buildWithCallback(measurement -> {
          for (Tracked tracked : snapshot()) {
            ThreadPoolExecutor pool = tracked.pool().get();
            if (pool != null) {
              measurement.record(pool.getActiveCount(), tracked.attributes());
            }
          }
        });
    meter.gaugeBuilder("chatbot.commands.in_flight").ofLongs().setUnit("{command}")
        .setDescription("Chat turns being handled right now.")
        .buildWithCallback(measurement -> measurement.record(inFlightTurns.getAsLong()));
  }

  @Override
  public void constructed(Probe probe, Object instance) {
    if (!(instance instanceof ThreadPoolExecutor pool) || Thread.currentThread().getName().startsWith("chatlens")) {
      return;
    }
    synchronized (pools) {
      pools.removeIf(tracked -> tracked.pool().get() == null);
      if (pools.size() >= LIMIT) {
        return;
      }
      created++;
      String name = creator() + "-" + created;
      pools.add(new Tracked(new WeakReference<>(pool), Attributes.of(EXECUTOR, name)));
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

  /** How many pools are tracked now. */
  public int size() {
    return snapshot().size();
  }

  private List<Tracked> snapshot() {
    synchronized (pools) {
      pools.removeIf(tracked -> tracked.pool().get() == null);
      return new ArrayList<>(pools);
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
