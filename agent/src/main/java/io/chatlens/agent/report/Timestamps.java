package io.chatlens.agent.report;

import java.time.LocalDate;

/** Parses the agent's UTC timestamps {@code 2024-01-15T10:30:45.123Z} quickly (the day is cached). */
final class Timestamps {

  /** The last day parsed; immutable, so threads may share it without locking (a race only costs a miss). */
  private record Day(String text, long epochDay) {}

  private static Day lastDay = new Day("", 0);

  private Timestamps() {}

  /** Epoch milliseconds of the timestamp at {@code from}, or {@link Long#MIN_VALUE} when there is none. */
  static long parse(String s, int from) {
    if (s.length() < from + 24 || s.charAt(from + 4) != '-' || s.charAt(from + 10) != 'T' || s.charAt(from + 13) != ':'
        || s.charAt(from + 19) != '.' || s.charAt(from + 23) != 'Z') {
      return Long.MIN_VALUE;
    }
    Day cached = lastDay;
    long epochDay;
    if (cached.text().length() == 10 && s.regionMatches(from, cached.text(), 0, 10)) {
      epochDay = cached.epochDay();
    } else {
      int y = digits(s, from, 4);
      int m = digits(s, from + 5, 2);
      int d = digits(s, from + 8, 2);
      if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) {
        return Long.MIN_VALUE;
      }
      try {
        epochDay = LocalDate.of(y, m, d).toEpochDay();
      } catch (RuntimeException invalid) {
        return Long.MIN_VALUE;
      }
      lastDay = new Day(s.substring(from, from + 10), epochDay);
    }
    int hh = digits(s, from + 11, 2);
    int mm = digits(s, from + 14, 2);
    int ss = digits(s, from + 17, 2);
    int ms = digits(s, from + 20, 3);
    if (hh < 0 || mm < 0 || ss < 0 || ms < 0) {
      return Long.MIN_VALUE;
    }
    return epochDay * 86_400_000L + hh * 3_600_000L + mm * 60_000L + ss * 1000L + ms;
  }

  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
