package io.chatlens.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a configuration file (agent.properties, an alert rule file) as UTF-8 text: a file over
 * {@link #MAX_BYTES} is refused without being read, a UTF-8 byte order mark at its start is dropped, and
 * each line that is not valid UTF-8 is named (its undecodable bytes become U+FFFD) so that the caller can
 * report it with its line number.
 */
public final class ConfigFileText {

  /** The largest configuration file read: 1 MB. */
  public static final int MAX_BYTES = 1024 * 1024;

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /**
   * The decoded text and the lines that were not UTF-8.
   *
   * @param invalidLines line number (from 1) to a description such as {@code invalid byte 0xE9 at column 12}
   */
  public record Decoded(String text, SortedMap<Integer, String> invalidLines) {}

  /** The file is larger than {@link #MAX_BYTES}; its message names the file, its size and the limit. */
  public static final class TooLargeException extends IOException {
    TooLargeException(Path file, long size) {
      super("the file is " + size + " bytes, over the limit of " + MAX_BYTES
          + " bytes (1 MB) for a configuration file; it is not read");
    }
  }

  private ConfigFileText() {}

  /** Reads the file; throws {@link TooLargeException} when it is over 1 MB (checked before and while reading). */
  public static Decoded read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new TooLargeException(file, size);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new TooLargeException(file, Math.max(Files.size(file), bytes.length));
    }
    return decode(bytes);
  }

  /** Decodes UTF-8 bytes line by line (a line break byte is never part of a multi-byte character). */
  public static Decoded decode(byte[] bytes) {
    int start = startsWithBom(bytes) ? BOM.length : 0;
    StringBuilder text = new StringBuilder(bytes.length);
    SortedMap<Integer, String> invalid = new TreeMap<>();
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    int line = 1;
    int lineStart = start;
    for (int i = start; i <= bytes.length; i++) {
      boolean end = i == bytes.length;
      if (end || bytes[i] == '\n' || bytes[i] == '\r') {
        ByteBuffer content = ByteBuffer.wrap(bytes, lineStart, i - lineStart);
        try {
          text.append(strict.reset().decode(content));
        } catch (CharacterCodingException notUtf8) {
          int column = firstInvalid(bytes, lineStart, i);
          invalid.put(line, "invalid byte 0x" + String.format("%02X", bytes[lineStart + column] & 0xFF)
              + " at column " + (column + 1));
          text.append(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8));
        }
        if (!end) {
          text.append((char) bytes[i]);
          // \r\n is one line break
          if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
            text.append('\n');
            i++;
          }
          line++;
          lineStart = i + 1;
        }
      }
    }
    return new Decoded(text.toString(), Collections.unmodifiableSortedMap(invalid));
  }

  /** Drops a byte order mark (U+FEFF) that starts already decoded text. */
  public static String withoutBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static boolean startsWithBom(byte[] bytes) {
    return bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
  }

  /** The offset within the line of the first byte that does not start a valid UTF-8 character. */
  private static int firstInvalid(byte[] bytes, int from, int to) {
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
    strict.decode(in, CharBuffer.allocate(to - from + 1), true);
    return Math.min(in.position() - from, Math.max(0, to - from - 1));
  }
}
