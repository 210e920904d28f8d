package io.chatlens.agent.alerts;

/** One way of telling someone about an alert: the log, a webhook, e-mail. */
public interface NotificationChannel {

  /** The {@code channel} label of {@code chatlens.alerts.notifications}: log, webhook, email. */
  String name();

  /** Delivers one message, or throws; may block up to the channel's timeout. */
  void deliver(AlertMessage message) throws Exception;

  /**
   * Delivers one message and says what the other end answered ({@code HTTP 200}, the SMTP server's last reply), for
   * {@code alerts test}; throws as {@link #deliver(AlertMessage)} does.
   */
  default String deliverWithReceipt(AlertMessage message) throws Exception {
    deliver(message);
    return "delivered";
  }

  /** Delivers a notice that is not an alert (a report summary), or throws; may block up to the channel's timeout. */
  default void deliver(Notice notice) throws Exception {
    throw new UnsupportedOperationException("the " + name() + " channel does not carry notices");
  }
}
