package com.example.probe;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * An application with its own Jakarta Mail: failing turns (so the agent's error-rate alert fires),
 * then, when given an SMTP port, its own e-mail through its own Jakarta Mail (provider lookup and the
 * activation content handler for text/plain included). Prints what it used, then waits for its standard
 * input to close.
 */
public final class MailProbe {

  private MailProbe() {}

  public static void main(String[] args) throws Exception {
    System.out.println("jakarta.mail from " + Jars.of(Session.class));
    FailingChatService service = new FailingChatService();
    int failures = 0;
    for (int i = 0; i < 5; i++) {
      try {
        service.handle("s-" + i, "hello");
      } catch (IllegalStateException expected) {
        failures++;
      }
    }
    System.out.println("failed turns: " + failures);
    if (args.length > 0) {
      Properties properties = new Properties();
      properties.setProperty("mail.smtp.host", "127.0.0.1");
      properties.setProperty("mail.smtp.port", args[0]);
      Session session = Session.getInstance(properties);
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress("app@example.org"));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress("users@example.org"));
      message.setSubject("app mail");
      message.setText("sent by the application ✓", "UTF-8");
      Transport.send(message);
      System.out.println("app mail sent by " + session.getTransport("smtp").getClass().getName());
    }
    // keep failing a turn every 100 ms, so the alert's window always has data however late the agent's
    // first evaluation comes
    Thread failing = new Thread(() -> {
      while (true) {
        try {
          service.handle("s-loop", "hello");
        } catch (IllegalStateException expected) {
          // the model is still down
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }, "failing-turns");
    failing.setDaemon(true);
    failing.start();
    System.out.println("ready");
    while (System.in.read() != -1) {
      // wait for the test to close standard input
    }
  }
}
