package io.chatlens.agent.report;

import java.time.LocalDate;

/** Parses the agent's UTC timestamps {@code 2024-01-15T10:30:45.123Z} quickly (the day is cached). */
final class Timestamps {

  private static final ThreadLocal<Object[]> DAY = ThreadLocal.withInitial(() -> new Object[] {null, 0L});

  private Timestamps() {}

  /** Epoch milliseconds of the timestamp at {@code from}, or {@link Long#MIN_VALUE} when there is none. */
  static long parse(String s, int from) {
    if (s.length() < from + 24 || s.charAt(from + 4) != '-' || s.charAt(from + 10) != 'T' || s.charAt(from + 13) != ':'
        || s.charAt(from + 19) != '.' || s.charAt(from + 23) != 'Z') {
      return Long.MIN_VALUE;
    }
    Object[] cached = DAY.get();
    String day = (String) cached[0];
    long epochDay;
    if (day != null && s.regionMatches(from, day, 0, 10)) {
      epochDay = (Long) cached[1];
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
      cached[0] = s.substring(from, from + 10);
      cached[1] = epochDay;
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
