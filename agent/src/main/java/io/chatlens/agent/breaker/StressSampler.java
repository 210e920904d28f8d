package io.chatlens.agent.breaker;

import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** Reads the three signals once per check: heap after GC and GC time from the JVM, the fullest of the agent's queues. */
final class StressSampler implements Supplier<StressSample>, AutoCloseable {

  private final JvmStress jvm;
  private final List<DoubleSupplier> queueFills;

  StressSampler(JvmStress jvm, List<DoubleSupplier> queueFills) {
    this.jvm = jvm;
    this.queueFills = List.copyOf(queueFills);
  }

  @Override
  public StressSample get() {
    long now = System.nanoTime();
    double fullest = Double.NaN;
    for (DoubleSupplier queue : queueFills) {
      double fill = queue.getAsDouble();
      if (!Double.isNaN(fill)) {
        fullest = Double.isNaN(fullest) ? fill : Math.max(fullest, fill);
      }
    }
    return new StressSample(jvm.heapAfterGc(now), jvm.gcTime(now), fullest);
  }

  @Override
  public void close() {
    jvm.close();
  }
}
