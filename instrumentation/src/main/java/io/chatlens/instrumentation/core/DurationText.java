package io.chatlens.instrumentation.core;

import java.time.Duration;
import java.util.Locale;

/** Durations as agent.properties writes them: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, or milliseconds. */
public final class DurationText {

  private DurationText() {}

  /** Parses a duration; throws {@link NumberFormatException} (an IllegalArgumentException) when it is not one. */
  public static Duration parse(String raw) {
    String value = raw.trim().toLowerCase(Locale.ROOT);
    String[][] units = {{"ms", "1"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}, {"d", "86400000"}};
    for (String[] unit : units) {
      if (value.endsWith(unit[0]) && !(unit[0].equals("s") && value.endsWith("ms"))
          && !(unit[0].equals("m") && value.endsWith("ms"))) {
        String number = value.substring(0, value.length() - unit[0].length()).trim();
        return Duration.ofMillis(Math.multiplyExact(Long.parseLong(number), Long.parseLong(unit[1])));
      }
    }
    return Duration.ofMillis(Long.parseLong(value));
  }
}
