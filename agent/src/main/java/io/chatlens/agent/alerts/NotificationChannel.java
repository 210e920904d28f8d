package io.chatlens.agent.alerts;

/** One way of telling someone about an alert: the log, a webhook, e-mail. */
public interface NotificationChannel {

  /** The {@code channel} label of {@code chatlens.alerts.notifications}: log, webhook, email. */
  String name();

  /** Delivers one message, or throws; may block up to the channel's timeout. */
  void deliver(AlertMessage message) throws Exception;
}
