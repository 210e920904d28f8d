package io.chatlens.agent.alerts;

import java.util.Map;

/** A minimal JSON writer for the webhook payloads: objects of strings, numbers, booleans and string maps. */
final class Json {

  private final StringBuilder out = new StringBuilder("{");
  private boolean first = true;

  Json field(String name, String value) {
    key(name);
    if (value == null) {
      out.append("null");
    } else {
      quote(value);
    }
    return this;
  }

  Json field(String name, double value) {
    key(name);
    out.append(Double.isFinite(value) ? Thresholds.format(value) : "null");
    return this;
  }

  Json field(String name, boolean value) {
    key(name);
    out.append(value);
    return this;
  }

  Json field(String name, Map<String, String> values) {
    key(name);
    out.append('{');
    boolean firstEntry = true;
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (!firstEntry) {
        out.append(',');
      }
      firstEntry = false;
      quote(entry.getKey());
      out.append(':');
      quote(entry.getValue());
    }
    out.append('}');
    return this;
  }

  String end() {
    return out.append('}').toString();
  }

  private void key(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    quote(name);
    out.append(':');
  }

  private void quote(String text) {
    io.chatlens.instrumentation.core.JsonStrings.quote(out, text);
  }
}
