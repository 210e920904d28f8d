package io.chatlens.agent.alerts;

import java.io.IOException;
import java.util.List;

/** Sends each notification as a plain-text e-mail through an SMTP server. */
final class EmailChannel implements NotificationChannel {

  private final SmtpClient smtp;
  private final String from;
  private final List<String> to;

  EmailChannel(SmtpClient smtp, String from, List<String> to) {
    this.smtp = smtp;
    this.from = from;
    this.to = List.copyOf(to);
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public void deliver(AlertMessage message) throws IOException {
    smtp.send(from, to, MailMessage.format(message, from, to));
  }
}
