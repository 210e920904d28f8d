package io.chatlens.agent.report;

/**
 * A fixed-bucket histogram of non-negative whole numbers (milliseconds): exact below 64, then 16 buckets per
 * power of two (at most about 3% from the true value), up to 2^36. Its size never depends on how many values
 * were added, so per-hour histograms keep the report's memory bounded.
 */
final class LatencyHistogram {

  private static final int EXACT = 64;
  private static final int SUB_BITS = 4;
  private static final int SUB = 1 << SUB_BITS;
  private static final int MAX_EXPONENT = 36;
  static final int BUCKETS = EXACT + (MAX_EXPONENT - 6) * SUB;

  private int[] counts;
  private long count;
  private long sum;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

  void add(long value) {
    long v = Math.max(0, value);
    if (counts == null) {
      counts = new int[BUCKETS];
    }
    counts[bucketOf(v)]++;
    count++;
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }

  void addAll(LatencyHistogram other) {
    if (other.count == 0) {
      return;
    }
    if (counts == null) {
      counts = new int[BUCKETS];
    }
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    count += other.count;
    sum += other.sum;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  long count() {
    return count;
  }

  long max() {
    return count == 0 ? 0 : max;
  }

  double mean() {
    return count == 0 ? Double.NaN : (double) sum / count;
  }

  /** The value at quantile {@code q} (0..1): exact below 64, otherwise the middle of its bucket; -1 when empty. */
  long quantile(double q) {
    if (count == 0) {
      return -1;
    }
    long rank = Math.max(1, (long) Math.ceil(q * count));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        if (i < EXACT) {
          return i;
        }
        long middle = (lowerBound(i) + upperBound(i)) / 2;
        return Math.max(min, Math.min(max, middle));
      }
    }
    return max;
  }

  static int bucketOf(long v) {
    if (v < EXACT) {
      return (int) v;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(v);
    if (exponent >= MAX_EXPONENT) {
      return BUCKETS - 1;
    }
    int sub = (int) (v >>> (exponent - SUB_BITS)) & (SUB - 1);
    return EXACT + (exponent - 6) * SUB + sub;
  }

  static long lowerBound(int bucket) {
    if (bucket < EXACT) {
      return bucket;
    }
    int exponent = (bucket - EXACT) / SUB + 6;
    int sub = (bucket - EXACT) % SUB;
    return (long) (SUB + sub) << (exponent - SUB_BITS);
  }

  static long upperBound(int bucket) {
    if (bucket < EXACT) {
      return bucket;
    }
    int exponent = (bucket - EXACT) / SUB + 6;
    int sub = (bucket - EXACT) % SUB;
    return ((long) (SUB + sub + 1) << (exponent - SUB_BITS)) - 1;
  }
}
