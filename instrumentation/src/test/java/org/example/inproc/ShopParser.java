package org.example.inproc;

/** The parser of the in-process weaving tests: the first word is the command. */
public final class ShopParser {

  /** A parsed command. */
  public record Command(String name, String argument) {}

  public Command parse(String text) {
    String trimmed = text.trim();
    int space = trimmed.indexOf(' ');
    return space < 0 ? new Command(trimmed, "") : new Command(trimmed.substring(0, space), trimmed.substring(space + 1));
  }
}
