package org.acme.intents;

import java.util.Set;

/** Parses a message into a known command. */
public final class IntentParser {

  private static final Set<String> KNOWN = Set.of("/search", "/history", "/help");

  public String parse(String text) {
    String command = text.split(" ", 2)[0];
    if (!KNOWN.contains(command)) {
      throw new UnknownIntentException("unknown command: " + command); // one throw site, any user input
    }
    return command;
  }
}
