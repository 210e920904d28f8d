package io.chatlens.agent.report;

/** A small cache of module and function names, so that the same name is not allocated for every line. */
final class Names {

  private static final int SIZE = 256;
  /** Shared by threads without locking: a slot holds an immutable string, so a race only costs a miss. */
  private static final String[] CACHE = new String[SIZE];

  private Names() {}

  static String intern(String s, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + s.charAt(i);
    }
    String[] cache = CACHE;
    int slot = (h ^ (h >>> 16)) & (SIZE - 1);
    String cached = cache[slot];
    if (cached != null && cached.length() == to - from && s.startsWith(cached, from)) {
      return cached;
    }
    String name = s.substring(from, to);
    cache[slot] = name;
    return name;
  }
}
