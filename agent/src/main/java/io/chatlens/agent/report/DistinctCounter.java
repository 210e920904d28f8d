package io.chatlens.agent.report;

/**
 * Counts distinct texts in bounded memory: exactly (a set of 64-bit hashes) up to a limit, then as a HyperLogLog
 * estimate (2^12 registers, about 1.6% error). {@link #exact()} says which.
 */
final class DistinctCounter {

  private static final int P = 12;
  private final int limit;
  private long[] table = new long[16];
  private int size;
  private byte[] registers;

  DistinctCounter(int limit) {
    this.limit = limit;
  }

  void add(String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    addHash(hash(text));
  }

  /** Adds a value by its 64-bit hash (0 means no value). */
  void addHash(long hash) {
    if (hash == 0) {
      return;
    }
    if (registers != null) {
      addToSketch(hash);
      return;
    }
    if (hash == 0) {
      hash = 1;
    }
    int mask = table.length - 1;
    int i = (int) mix(hash) & mask;
    while (table[i] != 0) {
      if (table[i] == hash) {
        return;
      }
      i = (i + 1) & mask;
    }
    table[i] = hash;
    size++;
    if (size > limit) {
      registers = new byte[1 << P];
      for (long h : table) {
        if (h != 0) {
          addToSketch(h);
        }
      }
      table = null;
    } else if (size * 2 > table.length) {
      grow();
    }
  }

  boolean exact() {
    return registers == null;
  }

  long count() {
    if (registers == null) {
      return size;
    }
    int m = registers.length;
    double sum = 0;
    int zeros = 0;
    for (byte r : registers) {
      sum += 1.0 / (1L << r);
      if (r == 0) {
        zeros++;
      }
    }
    double alpha = 0.7213 / (1 + 1.079 / m);
    double estimate = alpha * m * m / sum;
    if (estimate <= 2.5 * m && zeros > 0) {
      estimate = m * Math.log((double) m / zeros);
    }
    return Math.round(estimate);
  }

  private void addToSketch(long hash) {
    long h = mix(hash);
    int index = (int) (h >>> (64 - P));
    int rank = Long.numberOfLeadingZeros((h << P) | (1L << (P - 1))) + 1;
    if (rank > registers[index]) {
      registers[index] = (byte) rank;
    }
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    int mask = table.length - 1;
    for (long h : old) {
      if (h != 0) {
        int i = (int) mix(h) & mask;
        while (table[i] != 0) {
          i = (i + 1) & mask;
        }
        table[i] = h;
      }
    }
  }

  /** FNV-1a over the characters, 64 bits. */
  static long hash(String text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
