package io.chatlens.agent.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads many log files as one stream of lines in time order, in bounded memory, and drops the copies.
 *
 * <p>Order: each file is read in its own order; files are opened in the order of their first timestamp (not of
 * their names) and merged line by line on their timestamps, so rotated, gzipped and overlapping files of any
 * naming come out in time order. Only the files whose lines are due are open.
 *
 * <p>Copies: the agent formats an event once and writes the same line to the main file and to the audit and level
 * files that hold it, so a copy is a line with the same text (hence the same millisecond) in another family. For
 * each recent line the reader keeps how many times each family has shown it (a window of
 * {@value #WINDOW_MILLIS} ms of timestamps, at most {@value #WINDOW_LINES} lines); a line is an event only when its
 * family has now shown it more often than any other family, so events are counted once whichever files remain
 * (the level files outlive the main file's rotated files).
 */
final class MergedLines {

  static final long WINDOW_MILLIS = 10_000;
  static final int WINDOW_LINES = 200_000;

  interface Sink {
    void line(String line, long epochMillis, int family);
  }

  private final List<LogFiles.LogFile> files;
  private final long from;
  private final long to;
  private final AtomicLong bytesRead = new AtomicLong();
  private long lines;
  private long copies;
  private long unparsed;
  private long outside;

  /** Reads lines with timestamps in {@code [from, to)} from these files. */
  MergedLines(List<LogFiles.LogFile> files, long from, long to) {
    this.files = files;
    this.from = from;
    this.to = to;
  }

  AtomicLong bytesRead() {
    return bytesRead;
  }

  long lines() {
    return lines;
  }

  long copies() {
    return copies;
  }

  long unparsed() {
    return unparsed;
  }

  long outside() {
    return outside;
  }

  private final class Cursor {
    final LogFiles.LogFile file;
    final long firstTs;
    BufferedReader reader;
    String line;
    long ts;

    Cursor(LogFiles.LogFile file, long firstTs) {
      this.file = file;
      this.firstTs = firstTs;
    }

    /** Moves to the next line with a timestamp; false at the end. */
    boolean advance() throws IOException {
      while (true) {
        String next = reader.readLine();
        if (next == null) {
          reader.close();
          return false;
        }
        long t = timestampOf(next);
        if (t == Long.MIN_VALUE) {
          if (!next.isBlank()) {
            unparsed++;
          }
          continue;
        }
        line = next;
        ts = t;
        return true;
      }
    }
  }

  static long timestampOf(String line) {
    if (line.isEmpty()) {
      return Long.MIN_VALUE;
    }
    if (line.charAt(0) != '{') {
      return Timestamps.parse(line, 0);
    }
    int at = line.indexOf("\"@timestamp\"");
    if (at < 0) {
      return Long.MIN_VALUE;
    }
    int quote = line.indexOf('"', at + 12);
    return quote < 0 ? Long.MIN_VALUE : Timestamps.parse(line, quote + 1);
  }

  void read(Sink sink) throws IOException {
    List<Cursor> pending = new ArrayList<>();
    for (LogFiles.LogFile file : files) {
      long first = firstTimestamp(file);
      if (first != Long.MIN_VALUE && first < to) {
        pending.add(new Cursor(file, first));
      }
    }
    pending.sort(Comparator.comparingLong((Cursor c) -> c.firstTs).thenComparingInt(c -> c.file.family()));
    PriorityQueue<Cursor> open = new PriorityQueue<>(
        Comparator.comparingLong((Cursor c) -> c.ts).thenComparingInt(c -> c.file.family()));
    Dedup dedup = new Dedup();
    int next = 0;
    boolean severalFamilies = files.stream().map(LogFiles.LogFile::family).distinct().count() > 1;
    while (true) {
      while (next < pending.size() && (open.isEmpty() || pending.get(next).firstTs <= open.peek().ts)) {
        Cursor cursor = pending.get(next++);
        cursor.reader = LogFiles.open(cursor.file, bytesRead);
        if (cursor.advance()) {
          open.add(cursor);
        }
      }
      Cursor cursor = open.poll();
      if (cursor == null) {
        break;
      }
      long limit = Math.min(open.isEmpty() ? Long.MAX_VALUE : open.peek().ts,
          next < pending.size() ? pending.get(next).firstTs : Long.MAX_VALUE);
      boolean more;
      do {
        handle(cursor, sink, dedup, severalFamilies);
        more = cursor.advance();
        if (more && to != Long.MAX_VALUE && cursor.ts > to + 60_000) {
          cursor.reader.close();
          more = false;
        }
      } while (more && cursor.ts < limit);
      if (more) {
        open.add(cursor);
      }
    }
  }

  private void handle(Cursor cursor, Sink sink, Dedup dedup, boolean severalFamilies) {
    long ts = cursor.ts;
    if (ts < from || ts >= to) {
      outside++;
      return;
    }
    if (severalFamilies && !dedup.isEvent(cursor.line, ts, cursor.file.family())) {
      copies++;
      return;
    }
    lines++;
    sink.line(cursor.line, ts, cursor.file.family());
  }

  private long firstTimestamp(LogFiles.LogFile file) throws IOException {
    try (BufferedReader reader = LogFiles.open(file, new AtomicLong())) {
      for (int i = 0; i < 1000; i++) {
        String line = reader.readLine();
        if (line == null) {
          return Long.MIN_VALUE;
        }
        long ts = timestampOf(line);
        if (ts != Long.MIN_VALUE) {
          return ts;
        }
      }
    } catch (IOException unreadable) {
      unparsed++;
    }
    return Long.MIN_VALUE;
  }

  /** The recent lines and how many times each family showed them (8 bits per family). */
  private static final class Dedup {
    private final Map<Long, long[]> recent = new HashMap<>();
    private final long[] ringKeys = new long[WINDOW_LINES];
    private final long[] ringTs = new long[WINDOW_LINES];
    private int head;
    private int size;
    private long newest = Long.MIN_VALUE;

    boolean isEvent(String line, long ts, int family) {
      long key = ((long) line.hashCode() << 32) ^ (ts * 0x9E3779B97F4A7C15L >>> 20) ^ line.length();
      newest = Math.max(newest, ts);
      while (size > 0 && (size == WINDOW_LINES || ringTs[head] < newest - WINDOW_MILLIS)) {
        recent.remove(ringKeys[head]);
        head = (head + 1) % WINDOW_LINES;
        size--;
      }
      long[] counts = recent.get(key);
      if (counts == null) {
        counts = new long[1];
        recent.put(key, counts);
        int tail = (head + size) % WINDOW_LINES;
        ringKeys[tail] = key;
        ringTs[tail] = ts;
        size++;
      }
      int shift = family * 8;
      long mine = ((counts[0] >>> shift) & 0xff) + 1;
      long others = 0;
      for (int f = 0; f < 8; f++) {
        if (f != family) {
          others = Math.max(others, (counts[0] >>> (f * 8)) & 0xff);
        }
      }
      if (mine <= 0xff) {
        counts[0] = (counts[0] & ~(0xffL << shift)) | (mine << shift);
      }
      return mine > others;
    }
  }
}
