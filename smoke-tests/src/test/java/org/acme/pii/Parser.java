package org.acme.pii;

/**
 * Returns the command: the first word of a slash command, or the whole text for a question, so whatever the user
 * typed becomes the command name ChatLens reads from the return value. {@code /fail ...} is rejected.
 */
public final class Parser {

  public String parse(String text) {
    if (text.startsWith("/fail")) {
      throw new IllegalArgumentException("unknown command in " + text);
    }
    if (text.startsWith("/")) {
      int space = text.indexOf(' ');
      return space < 0 ? text : text.substring(0, space);
    }
    return text;
  }
}
