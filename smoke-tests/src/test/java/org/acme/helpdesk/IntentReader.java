package org.acme.helpdesk;

import java.util.Locale;

/** The command parser, under another name. */
public final class IntentReader {
  public Intent interpret(String text) {
    String lower = text.toLowerCase(Locale.ROOT).trim();
    if (lower.startsWith("how") || lower.startsWith("what") || lower.endsWith("?")) {
      return new Intent("question", lower);
    }
    if (lower.startsWith("rate ")) {
      return new Intent("rating", lower.substring(5));
    }
    if (lower.startsWith("bye")) {
      return new Intent("farewell", "");
    }
    if (lower.startsWith("purge")) {
      return new Intent("purge", "");
    }
    throw new UnsupportedIntentException("cannot help with '" + text + "'");
  }
}
