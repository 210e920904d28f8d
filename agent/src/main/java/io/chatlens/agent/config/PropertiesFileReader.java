package io.chatlens.agent.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * Reads agent.properties with the syntax of {@link java.util.Properties} (comments, {@code =}, {@code :}
 * or blank separators, backslash continuations and escapes), but keeps the line of every key so that
 * errors can point at it. Malformed lines are reported, never fatal. Values are trimmed.
 */
public final class PropertiesFileReader {

  /** One key found in the file. */
  public record Entry(String key, String value, int line) {}

  /** What was read: the entries in file order and the problems met. */
  public record Result(List<Entry> entries, List<ConfigProblem> problems) {}

  private PropertiesFileReader() {}

  /**
   * Reads the file as UTF-8 (a byte order mark at its start is dropped); a file over 1 MB is refused with
   * {@link ConfigFileText.TooLargeException}, and each line that is not UTF-8 is reported with its number.
   */
  public static Result read(Path file) throws IOException {
    ConfigFileText.Decoded decoded = ConfigFileText.read(file);
    return parse(file.toString(), decoded.text(), decoded.invalidLines());
  }

  public static Result parse(String fileName, String text) {
    return parse(fileName, text, java.util.Collections.emptySortedMap());
  }

  /** As {@link #parse(String, String)}, with the lines that were not UTF-8 (their entries are reported, not read). */
  public static Result parse(String fileName, String text, SortedMap<Integer, String> invalidLines) {
    text = ConfigFileText.withoutBom(text);
    List<Entry> entries = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    int index = 0;
    while (index < lines.length) {
      int firstLine = index + 1;
      String line = stripLeading(lines[index]);
      index++;
      if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '!') {
        if (invalidLines.containsKey(firstLine)) {
          problems.add(ConfigProblem.warn(fileName, firstLine, "", "",
              "this comment is not UTF-8 text (" + invalidLines.get(firstLine) + "); expected UTF-8 text"));
        }
        continue;
      }
      StringBuilder logical = new StringBuilder();
      while (true) {
        if (endsWithContinuation(line) && index < lines.length) {
          logical.append(line, 0, line.length() - 1);
          line = stripLeading(lines[index]);
          index++;
        } else {
          if (endsWithContinuation(line)) {
            line = line.substring(0, line.length() - 1);
          }
          logical.append(line);
          break;
        }
      }
      SortedMap<Integer, String> invalid = invalidLines.subMap(firstLine, index + 1);
      if (!invalid.isEmpty()) {
        int badLine = invalid.firstKey();
        String key = rawKey(logical.toString());
        problems.add(ConfigProblem.error(fileName, badLine, "", shownLine(logical.toString()),
            "this line is not UTF-8 text (" + invalid.get(badLine) + "); expected UTF-8 text; the line is ignored"
                + (key.isEmpty() ? "" : " and " + key + " keeps its default")));
        continue;
      }
      try {
        Entry entry = split(logical.toString(), firstLine);
        if (entry.key().isEmpty()) {
          problems.add(ConfigProblem.error(fileName, firstLine, "", shownLine(logical.toString()),
              "this line has no key; expected key=value"));
        } else {
          entries.add(entry);
        }
      } catch (IllegalArgumentException malformed) {
        problems.add(ConfigProblem.error(fileName, firstLine, "", shownLine(logical.toString()),
            "this line cannot be read: " + malformed.getMessage() + "; expected key=value"));
      }
    }
    return new Result(entries, problems);
  }

  /** The key of a line as written (escapes kept), for messages about a line that cannot be read. */
  private static String rawKey(String logical) {
    return logical.substring(0, keyEnd(logical));
  }

  /** Where the key ends: at the first unescaped {@code =}, {@code :} or blank. */
  private static int keyEnd(String logical) {
    int end = 0;
    boolean escaped = false;
    while (end < logical.length()) {
      char c = logical.charAt(end);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '=' || c == ':' || Character.isWhitespace(c)) {
        break;
      }
      end++;
    }
    return end;
  }

  /** A line as shown in a message: its value masked when its key is or looks like a secret. */
  static String shownLine(String logical) {
    String key = rawKey(logical);
    String masked = SecretMasker.maskByKey(key, logical.substring(key.length()));
    return masked == null || masked.equals(logical.substring(key.length())) ? logical : key + "=" + masked;
  }

  private static Entry split(String logical, int line) {
    int length = logical.length();
    int keyEnd = keyEnd(logical);
    int valueStart = keyEnd;
    while (valueStart < length && Character.isWhitespace(logical.charAt(valueStart))) {
      valueStart++;
    }
    if (valueStart < length && (logical.charAt(valueStart) == '=' || logical.charAt(valueStart) == ':')) {
      valueStart++;
    }
    String key = unescape(logical.substring(0, keyEnd));
    String value = unescape(logical.substring(Math.min(valueStart, length))).trim();
    return new Entry(key, value, line);
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 >= text.length()) {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      switch (next) {
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 'f' -> out.append('\f');
        case 'u' -> {
          String hex = text.substring(i + 1, Math.min(i + 5, text.length()));
          if (hex.length() != 4) {
            throw new IllegalArgumentException("incomplete \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(hex, 16));
          } catch (NumberFormatException notHex) {
            throw new IllegalArgumentException("malformed \\u escape \\u" + hex);
          }
          i += 4;
        }
        default -> out.append(next);
      }
    }
    return out.toString();
  }

  private static boolean endsWithContinuation(String line) {
    int backslashes = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private static String stripLeading(String line) {
    int start = 0;
    while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
      start++;
    }
    return line.substring(start);
  }
}
