package com.example.chatbot;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations written as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or ISO-8601 ({@code PT30S}). */
public final class Durations {

  private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws UsageException when the text is not a duration
   */
  public static Duration parse(String text) {
    String trimmed = text.strip().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT_FORM.matcher(trimmed);
    try {
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        switch (matcher.group(2)) {
          case "ms":
            return Duration.ofMillis(amount);
          case "s":
            return Duration.ofSeconds(amount);
          case "m":
            return Duration.ofMinutes(amount);
          default:
            return Duration.ofHours(amount);
        }
      }
      return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      throw new UsageException("not a duration: '" + text + "' (use e.g. 500ms, 30s, 5m)");
    }
  }
}
