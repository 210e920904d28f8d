package io.chatlens.agent.alerts;

import java.time.Duration;

/** Durations written the way Prometheus and the agent's configuration both read them: 5m, 1h, 2s, 250ms. */
final class PromDuration {

  private PromDuration() {}

  static String format(Duration duration) {
    long millis = duration.toMillis();
    long[][] units = {{86_400_000L, 'd'}, {3_600_000L, 'h'}, {60_000L, 'm'}, {1000L, 's'}};
    if (millis == 0) {
      return "0s";
    }
    for (long[] unit : units) {
      if (millis % unit[0] == 0) {
        return millis / unit[0] + String.valueOf((char) unit[1]);
      }
    }
    return millis + "ms";
  }

  /** The seconds of a duration written by {@link #format(Duration)}: {@code 5m} is 300. */
  static long seconds(String duration) {
    String value = duration.trim();
    long[][] units = {{86_400L, 'd'}, {3_600L, 'h'}, {60L, 'm'}, {1L, 's'}};
    if (value.endsWith("ms")) {
      return Long.parseLong(value.substring(0, value.length() - 2)) / 1000;
    }
    for (long[] unit : units) {
      if (value.endsWith(String.valueOf((char) unit[1]))) {
        return Math.multiplyExact(Long.parseLong(value.substring(0, value.length() - 1)), unit[0]);
      }
    }
    return Long.parseLong(value);
  }
}
