package io.chatlens.agent.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of UTF-8 text from a stream, faster than a {@code BufferedReader}: it splits the bytes at '\n' and
 * makes each line a string directly (an ASCII line is copied as is; other lines are decoded, malformed bytes
 * replaced). A line longer than the buffer is kept whole, up to 16 MB; the rest of an even longer line is skipped.
 */
final class LineReader implements Closeable {

  private static final int MAX_LINE = 16 << 20;

  private final InputStream in;
  private byte[] buffer = new byte[1 << 16];
  private int start;
  private int end;
  private boolean eof;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** The next line without its line break ({@code \n} or {@code \r\n}), or {@code null} at the end. */
  String readLine() throws IOException {
    int scanFrom = start;
    while (true) {
      for (int i = scanFrom; i < end; i++) {
        if (buffer[i] == '\n') {
          String line = decode(start, i);
          start = i + 1;
          return line;
        }
      }
      if (eof) {
        if (start < end) {
          String line = decode(start, end);
          start = end;
          return line;
        }
        return null;
      }
      int scanned = end - start;
      fill();
      scanFrom = Math.min(end, start + scanned);
    }
  }

  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      if (buffer.length >= MAX_LINE) {
        end = 0; // an absurdly long line: its start is dropped
      } else {
        byte[] bigger = new byte[buffer.length * 2];
        System.arraycopy(buffer, 0, bigger, 0, end);
        buffer = bigger;
      }
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }

  private String decode(int from, int to) {
    int last = to;
    if (last > from && buffer[last - 1] == '\r') {
      last--;
    }
    for (int i = from; i < last; i++) {
      if (buffer[i] < 0) {
        return new String(buffer, from, last - from, StandardCharsets.UTF_8);
      }
    }
    return new String(buffer, from, last - from, StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
