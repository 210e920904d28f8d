package io.chatlens.instrumentation.parser;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the {@code command} metric label bounded: only names the parser accepted as valid become labels,
 * up to a limit; anything else is {@code other} (valid) or {@code unknown} (rejected), so random user
 * input can never explode metric cardinality.
 *
 * <p>The limit is hard, even when threads add names at the same time: a name takes a slot from a counter
 * (compare-and-set) before it is added, so the set never holds more than {@code limit} names. Names are
 * never evicted: the first {@code limit} valid names keep their label, and every call is O(1).
 */
final class CommandNames {

  /** Longer names are never labels. */
  static final int MAX_LENGTH = 40;

  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final AtomicInteger slotsTaken = new AtomicInteger();
  private final int limit;

  CommandNames(int limit) {
    this.limit = Math.max(0, limit);
  }

  /** The label of a command the parser accepted. */
  String valid(String command) {
    if (command == null) {
      return "unknown";
    }
    if (known.contains(command)) {
      return command;
    }
    if (command.length() > MAX_LENGTH) {
      return "other";
    }
    if (!takeSlot()) {
      // full, unless another thread has just added this very name
      return known.contains(command) ? command : "other";
    }
    if (!known.add(command)) {
      slotsTaken.decrementAndGet(); // another thread added it first: give the slot back
    }
    return command;
  }

  /** The label of a command the parser rejected: its name only if it is a known valid command. */
  String rejected(String command) {
    return command != null && known.contains(command) ? command : "unknown";
  }

  /** How many names are labels now, at most the limit. */
  int size() {
    return known.size();
  }

  private boolean takeSlot() {
    for (int taken = slotsTaken.get(); taken < limit; taken = slotsTaken.get()) {
      if (slotsTaken.compareAndSet(taken, taken + 1)) {
        return true;
      }
    }
    return false;
  }
}
