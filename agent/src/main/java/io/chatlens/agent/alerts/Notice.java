package io.chatlens.agent.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * A message for people that is not an alert, such as the summary of a scheduled report, sent through the same
 * channels as alerts (webhook, e-mail). Its texts must already be redacted.
 *
 * @param kind what it is, e.g. {@code report}
 * @param subject one line
 * @param text the body, a few lines
 * @param service the service it is about
 * @param at when it was made
 * @param fields figures for machines (the webhook's JSON carries them)
 * @param attachment a file the e-mail carries as an attachment (the report itself), or {@code null}; the webhook,
 *     whose receivers take short JSON, carries only the summary
 */
public record Notice(String kind, String subject, String text, String service, Instant at, Map<String, String> fields,
    Attachment attachment) {

  /** A file attached to the e-mail: its name, its MIME type and its bytes (already redacted). */
  public record Attachment(String fileName, String contentType, byte[] content) {}

  /** A notice without an attachment. */
  public Notice(String kind, String subject, String text, String service, Instant at, Map<String, String> fields) {
    this(kind, subject, text, service, at, fields, null);
  }
}
