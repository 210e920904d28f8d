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
 */
public record Notice(String kind, String subject, String text, String service, Instant at, Map<String, String> fields) {}
