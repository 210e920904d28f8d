package io.chatlens.agent.logging;

import io.chatlens.instrumentation.core.ChatEvent;
import java.util.Map;

/**
 * The seed's text log format, one event per line:
 * {@code 2024-01-15T10:30:45.123Z [INFO] [session_manager] [create_session] Created new session for user_id=12345, session_id=abc-def-ghi}.
 * Every line matches the seed's Logstash grok pattern
 * {@code %{TIMESTAMP_ISO8601:timestamp} \[%{LOGLEVEL:level}\] \[%{DATA:module}\] \[%{DATA:function}\] %{GREEDYDATA:log_message}};
 * levels are not padded; module and function never contain brackets or spaces, so the fields cannot
 * shift; line breaks and other control characters in messages are escaped, and an exception with its
 * causes is folded into the same line, never spread over several.
 */
public final class SeedTextLayout {


  private SeedTextLayout() {}

  public static String format(ChatEvent event) {
    StringBuilder line = new StringBuilder(160);
    UtcTimestamps.append(line, event.epochMillis());
    line.append(" [").append(event.level()).append("] [")
        .append(bracketField(event.module())).append("] [")
        .append(bracketField(event.function())).append("] ");
    appendMessage(line, event);
    if (event.error() != null) {
      line.append(" | ").append(ErrorText.oneLine(event.error()));
    }
    line.append('\n');
    return line.toString();
  }

  /**
   * The human-readable part: the message, then the context as {@code key=value} pairs separated by
   * commas, on one line. The JSON format uses the same text for its {@code message} field.
   */
  static String message(ChatEvent event) {
    StringBuilder text = new StringBuilder(128);
    appendMessage(text, event);
    return text.toString();
  }

  /**
   * Appends {@link #message(ChatEvent)} to a line being built, without an intermediate string: the log writer
   * formats every event, and most texts are plain printable ASCII, which is scanned once and copied once.
   */
  static void appendMessage(StringBuilder line, ChatEvent event) {
    int start = line.length();
    appendOneLine(line, event.message());
    Map<String, String> context = event.context();
    if (context != null && !context.isEmpty()) {
      String separator = line.length() == start ? "" : " ";
      for (Map.Entry<String, String> entry : context.entrySet()) {
        String value = entry.getValue();
        if (value == null) {
          continue;
        }
        line.append(separator);
        appendOneLine(line, entry.getKey());
        line.append('=');
        int plain = plainValue(value);
        if (plain == PLAIN) {
          line.append(value);
        } else if (plain == PLAIN_NEEDS_QUOTES) {
          line.append('"').append(value.indexOf('"') < 0 ? value : value.replace("\"", "\\\"")).append('"');
        } else {
          line.append(quoteIfNeeded(oneLine(value)));
        }
        separator = ", ";
      }
    }
  }

  private static final int PLAIN = 0;
  private static final int PLAIN_NEEDS_QUOTES = 1;
  private static final int NEEDS_ESCAPING = 2;

  /** One pass over a context value: printable as it is, printable but quoted (a comma or a space), or neither. */
  private static int plainValue(String value) {
    int result = PLAIN;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > ' ' && c < 0x7f) {
        if (c == ',') {
          result = PLAIN_NEEDS_QUOTES;
        }
      } else if (c == ' ') {
        result = PLAIN_NEEDS_QUOTES;
      } else if (c == '\n' || c == '\r' || isUnsafe(c)) {
        return NEEDS_ESCAPING;
      }
    }
    return result;
  }

  private static void appendOneLine(StringBuilder line, String text) {
    if (text == null) {
      return;
    }
    if (needsEscaping(text)) {
      line.append(oneLine(text));
    } else {
      line.append(text);
    }
  }

  /**
   * Text safe inside a line: CR/LF become a visible {@code \n}, and every other character that a log
   * shipper or a regular expression could take for a line break or a terminal control (C0 and C1 controls
   * except tab, DEL, U+2028, U+2029) becomes a {@code \}{@code uXXXX} escape.
   */
  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    if (!needsEscaping(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        continue;
      }
      if (c == '\n' || c == '\r') {
        out.append(" \\n ");
      } else if (isUnsafe(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A module or function name as it appears between brackets: no brackets, no whitespace, no controls. */
  static String bracketField(String name) {
    if (name == null) {
      return "";
    }
    int i = 0;
    while (i < name.length()) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '[' || c == ']') {
        break;
      }
      i++;
    }
    if (i == name.length()) {
      return name; // printable ASCII without spaces or brackets: as it is
    }
    StringBuilder out = null;
    for (; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean replace = c == '[' || c == ']' || Character.isWhitespace(c) || Character.isSpaceChar(c)
          || c == '\n' || c == '\r' || isUnsafe(c);
      if (replace && out == null) {
        out = new StringBuilder(name.length()).append(name, 0, i);
      }
      if (out != null) {
        out.append(replace ? '_' : c);
      }
    }
    return out == null ? name : out.toString();
  }

  private static boolean needsEscaping(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= ' ' && c < 0x7f) {
        continue; // printable ASCII: the common case, one comparison pair
      }
      if (c == '\n' || c == '\r' || isUnsafe(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUnsafe(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f) || c == '\u2028'
        || c == '\u2029';
  }

  private static String quoteIfNeeded(String value) {
    return value.indexOf(',') >= 0 || value.indexOf(' ') >= 0 ? '"' + value.replace("\"", "\\\"") + '"' : value;
  }
}
