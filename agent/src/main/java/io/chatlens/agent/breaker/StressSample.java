package io.chatlens.agent.breaker;

/**
 * One reading of the three stress signals, each in percent; {@code NaN} when it is unknown (no recent GC, no queue),
 * which never counts as stress.
 *
 * @param heapAfterGc occupancy of the old (tenured) heap pools right after the last garbage collection, of their maximum
 * @param gcTime share of wall-clock time spent in stop-the-world collections since the previous sample
 * @param queueFill fill of the fullest of the agent's own queues (span export, log record export, log events)
 */
public record StressSample(double heapAfterGc, double gcTime, double queueFill) {

  /** Nothing known. */
  public static final StressSample UNKNOWN = new StressSample(Double.NaN, Double.NaN, Double.NaN);
}
