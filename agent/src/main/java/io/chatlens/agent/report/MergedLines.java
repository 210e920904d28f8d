package io.chatlens.agent.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
  private long lastTs = Long.MIN_VALUE;

  /** Reads lines with timestamps in {@code [from, to)} from these files. */
  MergedLines(List<LogFiles.LogFile> files, long from, long to) {
    this.files = files;
    this.from = from;
    this.to = to;
  }

  private final java.util.List<String> unreadableFiles = new ArrayList<>();

  private void unreadable(LogFiles.LogFile file, IOException why) {
    if (unreadableFiles.size() < 20) {
      unreadableFiles.add(file.path().getFileName() + ": " + why.getMessage());
    }
  }

  /** The files that could not be read to their end, and why (at most 20). */
  List<String> unreadableFiles() {
    return unreadableFiles;
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
    LineReader reader;
    String line;
    long ts;

    Cursor(LogFiles.LogFile file, long firstTs) {
      this.file = file;
      this.firstTs = firstTs;
    }

    /** Moves to the next line with a timestamp; false at the end, or when the file cannot be read further. */
    boolean advance() throws IOException {
      while (true) {
        String next;
        try {
          next = reader.readLine();
        } catch (IOException damaged) {
          // a truncated or corrupt gzip file, or one deleted meanwhile: what was read counts, the rest is reported
          unreadable(file, damaged);
          next = null;
        }
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
        try {
          cursor.reader = LogFiles.open(cursor.file, bytesRead);
        } catch (IOException gone) {
          unreadable(cursor.file, gone);
          continue;
        }
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
        handle(cursor, sink, dedup, severalFamilies, open);
        lastTs = Math.max(lastTs, cursor.ts);
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

  /**
   * Whether a line must be remembered for copies still to come. Files are read in time order, so when a line of the
   * main file is read every other file's next line is at or after it: a copy can still come only when another
   * family's next line has the same timestamp, or when the line is out of order (the agent writes WARN and ERROR
   * events ahead of others under pressure, in every file alike). Lines of the other families (audit, level files:
   * few) are always remembered. Nor can a line of the main file read in order be a copy of a line read before it:
   * on equal timestamps the main file's line is read first. So most lines of the main file skip the table.
   */
  private boolean mayBeOrHaveCopies(Cursor cursor, PriorityQueue<Cursor> open, Dedup dedup) {
    if (cursor.file.family() != LogFiles.MAIN || cursor.ts < lastTs) {
      return true;
    }
    for (Cursor other : open) {
      if (other.file.family() != LogFiles.MAIN && other.ts <= cursor.ts) {
        return true;
      }
    }
    return false;
  }

  private void handle(Cursor cursor, Sink sink, Dedup dedup, boolean severalFamilies, PriorityQueue<Cursor> open) {
    long ts = cursor.ts;
    if (ts < from || ts >= to) {
      outside++;
      return;
    }
    if (severalFamilies && mayBeOrHaveCopies(cursor, open, dedup)
        && !dedup.isEvent(Dedup.key(cursor.line, ts), ts, cursor.file.family(), true)) {
      copies++;
      return;
    }
    lines++;
    sink.line(cursor.line, ts, cursor.file.family());
  }

  private long firstTimestamp(LogFiles.LogFile file) throws IOException {
    try (LineReader reader = LogFiles.open(file, new AtomicLong())) {
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
    } catch (IOException damaged) {
      unreadable(file, damaged);
    }
    return Long.MIN_VALUE;
  }

  /**
   * The recent lines and how many times each family showed them (8 bits per family), in an open-addressing table of
   * primitive longs (no boxing per line) with a ring of insertion order for expiry.
   */
  static final class Dedup {
    private static final int CAPACITY = Integer.highestOneBit(WINDOW_LINES * 2) << 1;
    private final long[] keys = new long[CAPACITY];
    private final long[] counts = new long[CAPACITY];
    private final long[] ringKeys = new long[WINDOW_LINES];
    private final long[] ringTs = new long[WINDOW_LINES];
    private int head;
    private int size;
    private long newest = Long.MIN_VALUE;

    static long key(String line, long ts) {
      long key = ((long) line.hashCode() << 32) ^ (ts * 0x9E3779B97F4A7C15L >>> 20) ^ line.length();
      return key == 0 ? 1 : key;
    }

    boolean isEmpty() {
      return size == 0;
    }

    /** Whether this line of this family is an event (not a copy); {@code record} keeps it for later copies. */
    boolean isEvent(long key, long ts, int family, boolean record) {
      newest = Math.max(newest, ts);
      while (size > 0 && (size == WINDOW_LINES || ringTs[head] < newest - WINDOW_MILLIS)) {
        remove(ringKeys[head]);
        head = (head + 1) % WINDOW_LINES;
        size--;
      }
      int slot = find(key);
      long packed = slot >= 0 ? counts[slot] : 0;
      int shift = family * 8;
      long mine = ((packed >>> shift) & 0xff) + 1;
      long others = 0;
      for (int f = 0; f < 8; f++) {
        if (f != family) {
          others = Math.max(others, (packed >>> (f * 8)) & 0xff);
        }
      }
      if (mine <= 0xff && (record || slot >= 0)) {
        packed = (packed & ~(0xffL << shift)) | (mine << shift);
        if (slot >= 0) {
          counts[slot] = packed;
        } else {
          insert(key, packed);
          int tail = (head + size) % WINDOW_LINES;
          ringKeys[tail] = key;
          ringTs[tail] = ts;
          size++;
        }
      }
      return mine > others;
    }

    private int find(long key) {
      int mask = CAPACITY - 1;
      for (int i = (int) DistinctCounter.mix(key) & mask; keys[i] != 0; i = (i + 1) & mask) {
        if (keys[i] == key) {
          return i;
        }
      }
      return -1;
    }

    private void insert(long key, long value) {
      int mask = CAPACITY - 1;
      int i = (int) DistinctCounter.mix(key) & mask;
      while (keys[i] != 0) {
        i = (i + 1) & mask;
      }
      keys[i] = key;
      counts[i] = value;
    }

    /** Removes with backward shifting, so that linear probing needs no tombstones. */
    private void remove(long key) {
      int mask = CAPACITY - 1;
      int i = find(key);
      if (i < 0) {
        return;
      }
      int j = i;
      while (true) {
        j = (j + 1) & mask;
        if (keys[j] == 0) {
          break;
        }
        int home = (int) DistinctCounter.mix(keys[j]) & mask;
        boolean between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
        if (!between) {
          keys[i] = keys[j];
          counts[i] = counts[j];
          i = j;
        }
      }
      keys[i] = 0;
      counts[i] = 0;
    }
  }
}
