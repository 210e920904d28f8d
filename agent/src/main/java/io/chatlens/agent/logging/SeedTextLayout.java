package io.chatlens.agent.logging;

import io.chatlens.instrumentation.core.ChatEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The seed's text log format, one event per line:
 * {@code 2024-01-15T10:30:45.123Z [INFO] [session_manager] [create_session] Created new session for user_id=12345, session_id=abc-def-ghi}.
 * Every line matches the seed's Logstash grok pattern; levels are not padded; an exception is folded into
 * the same line, never spread over several.
 */
public final class SeedTextLayout {

  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  private SeedTextLayout() {}

  public static String format(ChatEvent event) {
    StringBuilder line = new StringBuilder(160);
    line.append(TIMESTAMP.format(Instant.ofEpochMilli(event.epochMillis())))
        .append(" [").append(event.level()).append("] [")
        .append(oneLine(event.module())).append("] [")
        .append(oneLine(event.function())).append("] ")
        .append(oneLine(event.message()));
    Map<String, String> context = event.context();
    if (context != null && !context.isEmpty()) {
      String separator = event.message() == null || event.message().isEmpty() ? "" : " ";
      for (Map.Entry<String, String> entry : context.entrySet()) {
        if (entry.getValue() == null) {
          continue;
        }
        line.append(separator).append(entry.getKey()).append('=').append(quoteIfNeeded(oneLine(entry.getValue())));
        separator = ", ";
      }
    }
    if (event.error() != null) {
      line.append(" | ").append(ErrorText.oneLine(event.error()));
    }
    line.append('\n');
    return line.toString();
  }

  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return text.replace("\r\n", " \\n ").replace('\r', ' ').replace("\n", " \\n ");
  }

  private static String quoteIfNeeded(String value) {
    return value.indexOf(',') >= 0 || value.indexOf(' ') >= 0 ? '"' + value.replace("\"", "\\\"") + '"' : value;
  }
}
