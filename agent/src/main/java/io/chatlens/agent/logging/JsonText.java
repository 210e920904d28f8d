package io.chatlens.agent.logging;

/**
 * Builds one JSON object on one line. Strings are escaped per RFC 8259: quote, backslash and every
 * control character, plus U+2028/U+2029 (legal in JSON, but line breaks to some readers); an unpaired
 * surrogate, which no UTF-8 reader accepts, becomes U+FFFD. The output is valid UTF-8 JSON whatever the
 * input.
 */
public final class JsonText {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out;
  private boolean first = true;

  JsonText(int capacity) {
    out = new StringBuilder(capacity).append('{');
  }

  /** Adds {@code "name":"value"}; a {@code null} value is left out. */
  JsonText field(String name, String value) {
    if (value != null) {
      name(name);
      string(out, value);
    }
    return this;
  }

  /** Opens a nested object under this name; close it with {@link #endObject()}. */
  JsonText beginObject(String name) {
    name(name);
    out.append('{');
    first = true;
    return this;
  }

  JsonText endObject() {
    out.append('}');
    first = false;
    return this;
  }

  /** The closed object followed by a newline. */
  String line() {
    return out.append("}\n").toString();
  }

  private void name(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    string(out, name);
    out.append(':');
  }

  /** Appends {@code value} as a quoted, escaped JSON string. */
  public static void string(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (isUnpairedSurrogate(value, i)) {
            out.append('\ufffd');
          } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            unicodeEscape(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean isUnpairedSurrogate(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
    }
    return false;
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }
}
