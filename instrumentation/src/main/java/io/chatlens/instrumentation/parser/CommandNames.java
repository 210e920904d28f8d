package io.chatlens.instrumentation.parser;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the {@code command} metric label bounded: only names the parser accepted as valid become labels,
 * up to a limit; anything else is {@code other} (valid) or {@code unknown} (rejected), so random user
 * input can never explode metric cardinality.
 */
final class CommandNames {

  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final int limit;

  CommandNames(int limit) {
    this.limit = limit;
  }

  /** The label of a command the parser accepted. */
  String valid(String command) {
    if (command == null) {
      return "unknown";
    }
    if (known.contains(command)) {
      return command;
    }
    if (known.size() < limit && command.length() <= 40) {
      known.add(command);
      return command;
    }
    return "other";
  }

  /** The label of a command the parser rejected: its name only if it is a known valid command. */
  String rejected(String command) {
    return command != null && known.contains(command) ? command : "unknown";
  }
}
