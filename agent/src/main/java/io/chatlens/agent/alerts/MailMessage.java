package io.chatlens.agent.alerts;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The RFC 5322 text of an alert e-mail: plain-text UTF-8 (base64 when not ASCII), the subject encoded
 * per RFC 2047 when needed, header values stripped of line breaks so nothing can inject a header.
 */
final class MailMessage {

  private MailMessage() {}

  /** Subjects are cut here, well within the 998-character line limit of RFC 5322. */
  static final int MAX_SUBJECT = 200;

  static String subject(AlertMessage message) {
    String subject = "[chatlens] " + message.headline();
    return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 3) + "...";
  }

  static String body(AlertMessage message) {
    StringBuilder body = new StringBuilder()
        .append(message.headline()).append('\n').append('\n');
    if (!message.description().isEmpty()) {
      body.append(message.description()).append('\n').append('\n');
    }
    body.append("Alert:     ").append(message.alert()).append('\n')
        .append("Status:    ").append(message.status()).append(message.repeat() ? " (reminder)" : "").append('\n')
        .append("Severity:  ").append(message.severity().label()).append('\n')
        .append("Service:   ").append(message.service()).append('\n')
        .append("Value:     ").append(message.valueText()).append('\n')
        .append("Condition: ").append(message.signal()).append(' ').append(message.conditionText()).append('\n')
        .append("Since:     ").append(message.since()).append('\n')
        .append("At:        ").append(message.at()).append('\n');
    message.labels().forEach((key, value) -> body.append("Label:     ").append(key).append('=').append(value).append('\n'));
    return body.toString();
  }

  /** The complete message: headers, an empty line, the body. */
  static String format(AlertMessage message, String from, List<String> to) {
    String body = body(message);
    boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(body);
    StringBuilder text = new StringBuilder()
        .append("From: ").append(header(from)).append('\n')
        .append("To: ").append(header(String.join(", ", to))).append('\n')
        .append("Subject: ").append(encodedWord(header(subject(message)))).append('\n')
        .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(message.at().atOffset(ZoneOffset.UTC))).append('\n')
        .append("Message-ID: <").append(UUID.randomUUID()).append("@chatlens>").append('\n')
        .append("MIME-Version: 1.0").append('\n')
        .append("Content-Type: text/plain; charset=UTF-8").append('\n')
        .append("Content-Transfer-Encoding: ").append(ascii ? "7bit" : "base64").append('\n')
        .append("X-ChatLens-Alert: ").append(header(message.alert())).append('\n')
        .append("X-ChatLens-Status: ").append(message.status()).append('\n')
        .append('\n');
    if (ascii) {
      text.append(body);
    } else {
      String encoded = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(body.getBytes(StandardCharsets.UTF_8));
      text.append(encoded).append('\n');
    }
    return text.toString();
  }

  private static String header(String value) {
    return value.replaceAll("[\\r\\n]+", " ");
  }

  private static String encodedWord(String value) {
    if (StandardCharsets.US_ASCII.newEncoder().canEncode(value)) {
      return value;
    }
    return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
  }
}
