package com.example.bench;

/**
 * Times of single calls, measured by the benchmark itself with {@link System#nanoTime()} around the call,
 * in 10 ns buckets up to 1 ms (slower calls are counted in one overflow bucket). Used by the paced
 * scenarios, whose JMH time is dominated by the pacing work: this histogram holds only the instrumented
 * call, with the same resolution at any pace.
 */
final class CallTimes {

  private static final int BUCKET_NS = 10;
  private final int[] buckets = new int[100_000];
  private long overflow;
  private long count;

  void record(long nanos) {
    long bucket = Math.max(0, nanos) / BUCKET_NS;
    if (bucket < buckets.length) {
      buckets[(int) bucket]++;
    } else {
      overflow++;
    }
    count++;
  }

  long count() {
    return count;
  }

  /** The upper edge of the bucket holding the given quantile (0..1), in ns; -1 when it overflowed. */
  long quantile(double q) {
    long rank = (long) Math.ceil(q * count);
    long seen = 0;
    for (int i = 0; i < buckets.length; i++) {
      seen += buckets[i];
      if (seen >= Math.max(rank, 1)) {
        return (i + 1L) * BUCKET_NS;
      }
    }
    return -1;
  }

  /** One line that {@code run.sh} reads: {@code [chatlens-bench] call times <benchmark> <mode> p50=... }. */
  String report(String benchmark, String mode) {
    return String.format("[chatlens-bench] call times %s %s p50=%d p90=%d p99=%d samples=%d overflow=%d",
        benchmark, mode, quantile(0.50), quantile(0.90), quantile(0.99), count, overflow);
  }
}
