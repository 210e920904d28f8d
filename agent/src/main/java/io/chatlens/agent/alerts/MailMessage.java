package io.chatlens.agent.alerts;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An alert as a Jakarta Mail {@link MimeMessage}: plain-text UTF-8 (7bit, quoted-printable or base64 as
 * Jakarta Mail chooses), the subject as RFC 2047 encoded words folded to short lines, every header value
 * free of line breaks and control characters so nothing can inject a header.
 */
final class MailMessage {

  private MailMessage() {}

  /** Subjects are cut to this many characters (code points), far within RFC 5322's 998-character lines. */
  static final int MAX_SUBJECT = 200;

  /** Line breaks (CR, LF, NEL, the Unicode separators) and every other control character. */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]+");

  static String subject(AlertMessage message) {
    String subject = oneLine("[chatlens] " + message.headline());
    if (subject.codePointCount(0, subject.length()) <= MAX_SUBJECT) {
      return subject;
    }
    return subject.substring(0, subject.offsetByCodePoints(0, MAX_SUBJECT - 3)) + "...";
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
    if (!message.runbookUrl().isEmpty()) {
      body.append("Runbook:   ").append(message.runbookUrl()).append('\n');
    }
    return body.toString();
  }

  /** The complete message, headers updated ({@link MimeMessage#saveChanges()}), ready to send. */
  static MimeMessage build(Session session, AlertMessage message, InternetAddress from, List<InternetAddress> to)
      throws MessagingException {
    MimeMessage mime = new MimeMessage(session);
    mime.setFrom(from);
    mime.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
    mime.setSubject(subject(message), "UTF-8");
    mime.setSentDate(Date.from(message.at()));
    mime.setHeader("X-ChatLens-Alert", header("X-ChatLens-Alert", message.alert()));
    mime.setHeader("X-ChatLens-Status", header("X-ChatLens-Status", message.status()));
    // The body as bytes with its type: written as is, never through an activation content handler (whose
    // mailcap names classes the relocated agent does not have).
    mime.setDataHandler(new DataHandler(new ByteArrayDataSource(body(message).getBytes(StandardCharsets.UTF_8),
        "text/plain; charset=UTF-8")));
    mime.saveChanges();
    return mime;
  }

  /** A notice as a complete plain-text message. */
  static MimeMessage build(Session session, Notice notice, InternetAddress from, List<InternetAddress> to)
      throws MessagingException {
    MimeMessage mime = new MimeMessage(session);
    mime.setFrom(from);
    mime.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
    String subject = oneLine("[chatlens] " + notice.subject());
    if (subject.codePointCount(0, subject.length()) > MAX_SUBJECT) {
      subject = subject.substring(0, subject.offsetByCodePoints(0, MAX_SUBJECT - 3)) + "...";
    }
    mime.setSubject(subject, "UTF-8");
    mime.setSentDate(Date.from(notice.at()));
    mime.setHeader("X-ChatLens-Notice", header("X-ChatLens-Notice", notice.kind()));
    if (notice.attachment() == null) {
      mime.setDataHandler(new DataHandler(new ByteArrayDataSource(notice.text().getBytes(StandardCharsets.UTF_8),
          "text/plain; charset=UTF-8")));
    } else {
      jakarta.mail.internet.MimeBodyPart body = new jakarta.mail.internet.MimeBodyPart();
      body.setDataHandler(new DataHandler(new ByteArrayDataSource(notice.text().getBytes(StandardCharsets.UTF_8),
          "text/plain; charset=UTF-8")));
      jakarta.mail.internet.MimeBodyPart file = new jakarta.mail.internet.MimeBodyPart();
      file.setDataHandler(new DataHandler(new ByteArrayDataSource(notice.attachment().content(),
          notice.attachment().contentType())));
      file.setFileName(oneLine(notice.attachment().fileName()));
      file.setDisposition(jakarta.mail.Part.ATTACHMENT);
      jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart("mixed");
      parts.addBodyPart(body);
      parts.addBodyPart(file);
      mime.setContent(parts);
    }
    mime.saveChanges();
    return mime;
  }

  /** One header value: a single line, encoded when not ASCII, folded. */
  private static String header(String name, String value) {
    String text = oneLine(value);
    if (text.length() > MAX_SUBJECT) {
      text = text.substring(0, text.offsetByCodePoints(0, Math.min(MAX_SUBJECT, text.codePointCount(0, text.length()))));
    }
    try {
      return MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(text, "UTF-8", null));
    } catch (UnsupportedEncodingException impossible) {
      return text.replaceAll("[^\\x20-\\x7e]", "?");
    }
  }

  private static String oneLine(String value) {
    return CONTROL.matcher(value).replaceAll(" ").strip();
  }
}
