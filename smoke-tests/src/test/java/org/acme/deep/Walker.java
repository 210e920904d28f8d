package org.acme.deep;

/**
 * A recursion the agent does not instrument, which at its deepest levels makes an instrumented search at each level:
 * the stack then overflows inside the agent's advice of that search (on entry, or around its exit), and the error
 * is caught by the application outside any instrumented call.
 */
final class Walker {

  private final Library library;
  private int deepest;

  Walker(Library library) {
    this.library = library;
  }

  /** How deep this walk gets without searching (same method, same frames), with {@code pad} frames above it. */
  int measure(int pad) {
    deepest = 0;
    try {
      padded(pad, Integer.MAX_VALUE);
    } catch (StackOverflowError expected) {
      // measured
    }
    return deepest;
  }

  /** Walks until the stack overflows, searching at every level from {@code from} on; true when it overflowed. */
  boolean overflow(int pad, int from) {
    try {
      padded(pad, from);
      return false;
    } catch (StackOverflowError overflow) {
      return true;
    }
  }

  private int padded(int pad, int from) {
    return pad > 0 ? padded(pad - 1, from) + 1 : walk(0, from);
  }

  private int walk(int depth, int from) {
    deepest = depth;
    int found = depth >= from ? library.find("go", depth) : 0;
    return walk(depth + 1, from) + found;
  }
}
