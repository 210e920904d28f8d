package io.chatlens.agent.ui;

import io.chatlens.agent.logging.JsonText;

/**
 * A small JSON writer for the live page's {@code /api/...} answers. Strings are escaped as JSON requires, and
 * {@code <}, {@code >} and {@code &} are written as {@code \\u003c}, {@code \\u003e} and {@code \\u0026} too, so no
 * answer can ever be read as markup even by a client that wrongly treats it as HTML. Numbers that are not finite
 * are written as {@code null}.
 */
final class Json {

  private final StringBuilder out;
  private boolean first = true;

  Json(int capacity) {
    this.out = new StringBuilder(capacity);
  }

  /** Appends {@code value} as a quoted, escaped JSON string ({@code null} as null). */
  static void string(StringBuilder out, String value) {
    if (value == null) {
      out.append("null");
      return;
    }
    int start = out.length();
    JsonText.string(out, value);
    for (int i = start; i < out.length(); i++) {
      char c = out.charAt(i);
      String escape = c == '<' ? "\\u003c" : c == '>' ? "\\u003e" : c == '&' ? "\\u0026" : null;
      if (escape != null) {
        out.replace(i, i + 1, escape);
        i += escape.length() - 1;
      }
    }
  }

  /** A quoted, escaped JSON string. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value == null ? 4 : value.length() + 2);
    string(out, value);
    return out.toString();
  }

  static void number(StringBuilder out, double value) {
    if (!Double.isFinite(value)) {
      out.append("null");
    } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(Math.round(value * 10_000d) / 10_000d);
    }
  }

  Json begin() {
    out.append('{');
    first = true;
    return this;
  }

  Json end() {
    out.append('}');
    first = false;
    return this;
  }

  Json beginArray(String name) {
    name(name);
    out.append('[');
    first = true;
    return this;
  }

  Json endArray() {
    out.append(']');
    first = false;
    return this;
  }

  /** Starts an object inside an array, or as the value of {@code name}. */
  Json object(String name) {
    if (name == null) {
      comma();
    } else {
      name(name);
    }
    out.append('{');
    first = true;
    return this;
  }

  Json field(String name, String value) {
    name(name);
    string(out, value);
    return this;
  }

  Json field(String name, double value) {
    name(name);
    number(out, value);
    return this;
  }

  /** A number with all its digits (a cost of a few millionths), rather than rounded to 4 decimals. */
  Json preciseField(String name, double value) {
    name(name);
    if (Double.isFinite(value)) {
      out.append(java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    } else {
      out.append("null");
    }
    return this;
  }

  Json field(String name, long value) {
    name(name);
    out.append(value);
    return this;
  }

  Json field(String name, boolean value) {
    name(name);
    out.append(value);
    return this;
  }

  /** A value already rendered as JSON. */
  Json raw(String name, String json) {
    name(name);
    out.append(json);
    return this;
  }

  /** An element of the current array. */
  Json element(double value) {
    comma();
    number(out, value);
    return this;
  }

  Json element(String value) {
    comma();
    string(out, value);
    return this;
  }

  private void name(String name) {
    comma();
    string(out, name);
    out.append(':');
  }

  private void comma() {
    if (!first) {
      out.append(',');
    }
    first = false;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
