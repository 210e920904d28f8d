package io.chatlens.agent.alerts;

import java.util.List;

/**
 * The notification channels an alerts file names in the seed's "Monitoring Configuration" block
 * ({@code monitoring.alerts.email} and {@code monitoring.alerts.slack}). {@code null} means the block does not say.
 *
 * @param emailEnabled {@code monitoring.alerts.email.enabled}
 * @param emailRecipients {@code monitoring.alerts.email.recipients}, empty when not given
 * @param slackEnabled {@code monitoring.alerts.slack.enabled}
 * @param slackWebhookUrl {@code monitoring.alerts.slack.webhook_url}, {@code null} when not given or not usable
 */
public record SeedChannels(Boolean emailEnabled, List<String> emailRecipients, Boolean slackEnabled,
    String slackWebhookUrl) {

  /** An alerts file without the block. */
  public static final SeedChannels NONE = new SeedChannels(null, List.of(), null, null);

  public SeedChannels {
    emailRecipients = List.copyOf(emailRecipients);
  }

  /** The Slack webhook to use when the agent's configuration names none. */
  public String slack() {
    return Boolean.FALSE.equals(slackEnabled) ? null : slackWebhookUrl;
  }

  /** Whether the block turns e-mail off. */
  public boolean emailOff() {
    return Boolean.FALSE.equals(emailEnabled);
  }
}
