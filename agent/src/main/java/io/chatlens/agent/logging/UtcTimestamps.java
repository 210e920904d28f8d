package io.chatlens.agent.logging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 UTC timestamps with milliseconds ({@code 2024-01-15T10:30:45.123Z}) for the log writer. The
 * date-and-time part is formatted once per second and cached per thread; only the milliseconds are added
 * per event, so formatting allocates little.
 */
final class UtcTimestamps {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final ThreadLocal<long[]> CACHED_SECOND = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});
  private static final ThreadLocal<String[]> CACHED_PREFIX = ThreadLocal.withInitial(() -> new String[1]);

  private UtcTimestamps() {}

  static void append(StringBuilder out, long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    long[] cachedSecond = CACHED_SECOND.get();
    String[] prefix = CACHED_PREFIX.get();
    if (cachedSecond[0] != second) {
      prefix[0] = SECONDS.format(Instant.ofEpochSecond(second));
      cachedSecond[0] = second;
    }
    int millis = (int) Math.floorMod(epochMillis, 1000);
    out.append(prefix[0]).append('.');
    if (millis < 100) {
      out.append('0');
    }
    if (millis < 10) {
      out.append('0');
    }
    out.append(millis).append('Z');
  }

  static String format(long epochMillis) {
    StringBuilder out = new StringBuilder(24);
    append(out, epochMillis);
    return out.toString();
  }
}
