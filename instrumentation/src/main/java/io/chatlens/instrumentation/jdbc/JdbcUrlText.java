package io.chatlens.instrumentation.jdbc;

/** Small string helpers for JDBC URL parsing: index searches within bounds and key-value lookups. */
final class JdbcUrlText {

  private JdbcUrlText() {}

  /** Index of {@code c} in {@code text[from, to)}, or {@code to} when absent. */
  static int indexOf(String text, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return to;
  }

  /** Index of the first of {@code chars} in {@code text} from {@code from}, or the text length. */
  static int indexOfAny(String text, String chars, int from) {
    for (int i = from; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }

  /** Whether {@code text} continues at {@code from} with {@code prefix}, ignoring case. */
  static boolean startsWith(String text, int from, String prefix) {
    return text.regionMatches(true, from, prefix, 0, prefix.length());
  }

  /** {@code text[from, to)} trimmed, or {@code null} when that is empty. */
  static String part(String text, int from, int to) {
    if (from >= to) {
      return null;
    }
    String part = text.substring(from, to).trim();
    return part.isEmpty() ? null : part;
  }

  /**
   * The value of {@code key} in parenthesised key-value text, ignoring case and white space: {@code
   * (HOST = h)} and {@code (host=h,port=3306)} give {@code h} for the key {@code host}. The key must
   * follow {@code (} or {@code ,}; the value ends at {@code )}, {@code (} or {@code ,}.
   */
  static String keyedValue(String text, String key) {
    int from = 0;
    while (from < text.length()) {
      int found = indexOfIgnoreCase(text, key, from);
      if (found < 0) {
        return null;
      }
      from = found + key.length();
      if (!followsOpener(text, found)) {
        continue;
      }
      int i = skipSpaces(text, from);
      if (i < text.length() && text.charAt(i) == '=') {
        int valueStart = i + 1;
        return part(text, valueStart, indexOfAny(text, "(),", valueStart));
      }
    }
    return null;
  }

  /**
   * The value of {@code key} in {@code key=value;key=value} properties, ignoring the key's case.
   * SQL Server's braced values ({@code {va;ue}}) may hold {@code ;} and are returned without braces.
   */
  static String propertyValue(String properties, String key) {
    int i = 0;
    int length = properties.length();
    while (i < length) {
      int equals = indexOf(properties, '=', i, indexOf(properties, ';', i, length));
      if (equals == length || properties.charAt(equals) != '=') {
        i = equals + 1;
        continue;
      }
      int valueStart = skipSpaces(properties, equals + 1);
      int valueEnd;
      int next;
      if (valueStart < length && properties.charAt(valueStart) == '{') {
        valueEnd = indexOf(properties, '}', valueStart, length);
        next = indexOf(properties, ';', valueEnd, length) + 1;
        valueStart++;
      } else {
        valueEnd = indexOf(properties, ';', valueStart, length);
        next = valueEnd + 1;
      }
      if (key.equalsIgnoreCase(properties.substring(i, equals).trim())) {
        return part(properties, valueStart, valueEnd);
      }
      i = next;
    }
    return null;
  }

  private static int indexOfIgnoreCase(String text, String key, int from) {
    for (int i = from; i + key.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, key, 0, key.length())) {
        return i;
      }
    }
    return -1;
  }

  private static boolean followsOpener(String text, int index) {
    int i = index - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    return i < 0 || text.charAt(i) == '(' || text.charAt(i) == ',';
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
