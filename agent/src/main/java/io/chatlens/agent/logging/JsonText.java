package io.chatlens.agent.logging;

/**
 * Builds one JSON object on one line. Strings are escaped per RFC 8259: quote, backslash and every
 * control character, plus U+2028/U+2029 (legal in JSON, but line breaks to some readers); an unpaired
 * surrogate, which no UTF-8 reader accepts, becomes U+FFFD. The output is valid UTF-8 JSON whatever the
 * input.
 */
public final class JsonText {


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

  /** Appends {@code value} as a quoted, escaped JSON string ({@link io.chatlens.instrumentation.core.JsonStrings}). */
  public static void string(StringBuilder out, String value) {
    io.chatlens.instrumentation.core.JsonStrings.quote(out, value);
  }
}
