package io.chatlens.instrumentation.errors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The error groups seen by this process: one row per fingerprint, in a table of at most {@code capacity} rows. When
 * the table is full the group seen least recently is evicted (O(1), a linked hash map in access order), and the
 * evictions are counted.
 *
 * <p>Each group keeps its type, category, top frame, first and last sighting, its count, its counts of the last 60
 * minutes (one bucket per minute, for trends) and one sample: a redacted message with the trace id of the turn it
 * happened in, refreshed at most once a minute so that the trace it points to is recent.
 *
 * <p>Thread-safe; every method is short and holds one lock. Errors are rare next to turns, so the lock is not on a
 * hot path.
 */
public final class ErrorGroups {

  /** The span of {@link Group#lastFiveMinutes()}. */
  public static final int RECENT_MINUTES = 5;
  /** How many per-minute counts each group keeps. */
  public static final int TREND_MINUTES = 60;
  private static final long MINUTE = 60_000L;

  private final int capacity;
  private final LongSupplier clockMillis;
  private final LinkedHashMap<String, Row> rows;
  private long created;
  private long evicted;

  /**
   * @param capacity the most groups kept (at least 1)
   * @param clockMillis the wall clock, in epoch milliseconds
   */
  public ErrorGroups(int capacity, LongSupplier clockMillis) {
    this.capacity = Math.max(1, capacity);
    this.clockMillis = clockMillis;
    this.rows = new LinkedHashMap<>(Math.min(this.capacity, 1024) * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Row> eldest) {
        if (size() > ErrorGroups.this.capacity) {
          evicted++;
          return true;
        }
        return false;
      }
    };
  }

  /** A table of {@code capacity} groups on the system clock. */
  public static ErrorGroups withCapacity(int capacity) {
    return new ErrorGroups(capacity, System::currentTimeMillis);
  }

  /**
   * Counts one occurrence of an error.
   *
   * @return what the table knew: whether the group is new and whether it wants a fresh sample
   */
  public synchronized Sighting observe(String fingerprint, String type, String category, String topFrame,
      boolean userError) {
    long now = clockMillis.getAsLong();
    Row row = rows.get(fingerprint);
    boolean isNew = row == null;
    if (isNew) {
      row = new Row(fingerprint, type, category, topFrame, userError, now);
      rows.put(fingerprint, row);
      created++;
    }
    row.count(now);
    boolean wantsSample = row.sampleMillis == 0 || now - row.sampleMillis >= MINUTE;
    return new Sighting(isNew, wantsSample);
  }

  /** Keeps a sample of a group: its redacted message and the trace it happened in. */
  public synchronized void sample(String fingerprint, String redactedMessage, String traceId) {
    Row row = rows.get(fingerprint);
    if (row != null) {
      row.sampleMessage = redactedMessage;
      row.sampleTraceId = traceId;
      row.sampleMillis = Math.max(1, clockMillis.getAsLong());
    }
  }

  /** What {@link #observe} found. */
  public record Sighting(boolean isNew, boolean wantsSample) {}

  /** Every group, most recently seen first. */
  public List<Group> snapshot() {
    return snapshot(Integer.MAX_VALUE);
  }

  /**
   * The {@code limit} groups seen most recently, most recent first. The lock is held only to copy references and
   * to read the chosen rows, never while sorting, so recording errors is not held up by a large table.
   */
  public List<Group> snapshot(int limit) {
    Row[] all;
    long[] lastSeen;
    synchronized (this) {
      all = rows.values().toArray(new Row[0]);
      lastSeen = new long[all.length];
      for (int i = 0; i < all.length; i++) {
        lastSeen[i] = all[i].lastSeen;
      }
    }
    Integer[] order = new Integer[all.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Long.compare(lastSeen[b], lastSeen[a]));
    int shown = Math.min(Math.max(0, limit), order.length);
    List<Group> groups = new ArrayList<>(shown);
    synchronized (this) {
      long now = clockMillis.getAsLong();
      for (int i = 0; i < shown; i++) {
        groups.add(all[order[i]].view(now));
      }
    }
    return groups;
  }

  /** How many groups the table holds now. */
  public synchronized int size() {
    return rows.size();
  }

  /** Groups seen in the last {@value #RECENT_MINUTES} minutes. */
  public synchronized int recentlySeen() {
    long since = clockMillis.getAsLong() - RECENT_MINUTES * MINUTE;
    int recent = 0;
    for (Row row : rows.values()) {
      if (row.lastSeen >= since) {
        recent++;
      }
    }
    return recent;
  }

  /** Groups created since start (evicted ones included). */
  public synchronized long created() {
    return created;
  }

  /** Groups evicted because the table was full. */
  public synchronized long evicted() {
    return evicted;
  }

  public int capacity() {
    return capacity;
  }

  /**
   * One error group as the view shows it.
   *
   * @param perMinute counts of the last {@value #TREND_MINUTES} minutes, oldest first, the current minute last
   * @param sampleMessage a redacted message of a recent occurrence; {@code null} until one is kept
   * @param sampleTraceId the trace of that occurrence; {@code null} outside a span
   */
  public record Group(String fingerprint, String type, String category, String topFrame, boolean userError,
      long firstSeenMillis, long lastSeenMillis, long count, long lastFiveMinutes, String sampleMessage,
      String sampleTraceId, int[] perMinute) {}

  private static final class Row {
    final String fingerprint;
    final String type;
    final String category;
    final String topFrame;
    final boolean userError;
    final long firstSeen;
    long lastSeen;
    long count;
    final int[] buckets = new int[TREND_MINUTES];
    final long[] bucketMinute = new long[TREND_MINUTES];
    String sampleMessage;
    String sampleTraceId;
    long sampleMillis;

    Row(String fingerprint, String type, String category, String topFrame, boolean userError, long now) {
      this.fingerprint = fingerprint;
      this.type = type;
      this.category = category;
      this.topFrame = topFrame;
      this.userError = userError;
      this.firstSeen = now;
      java.util.Arrays.fill(bucketMinute, -1);
    }

    void count(long now) {
      lastSeen = Math.max(lastSeen, now);
      count++;
      long minute = Math.floorDiv(now, MINUTE);
      int slot = (int) Math.floorMod(minute, (long) TREND_MINUTES);
      if (bucketMinute[slot] != minute) {
        bucketMinute[slot] = minute;
        buckets[slot] = 0;
      }
      buckets[slot]++;
    }

    Group view(long now) {
      long currentMinute = Math.floorDiv(now, MINUTE);
      int[] perMinute = new int[TREND_MINUTES];
      long recent = 0;
      for (int back = 0; back < TREND_MINUTES; back++) {
        long minute = currentMinute - back;
        int slot = (int) Math.floorMod(minute, (long) TREND_MINUTES);
        int value = bucketMinute[slot] == minute ? buckets[slot] : 0;
        perMinute[TREND_MINUTES - 1 - back] = value;
        if (back < RECENT_MINUTES) {
          recent += value;
        }
      }
      return new Group(fingerprint, type, category, topFrame, userError, firstSeen, lastSeen, count, recent,
          sampleMessage, sampleTraceId, perMinute);
    }
  }
}
