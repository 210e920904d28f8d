package io.chatlens.agent.alerts;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends each notification as a plain-text e-mail through an SMTP server with Eclipse Angus Mail, on the
 * calling thread (the dispatcher's e-mail thread, never an application thread). Credentials only ever
 * cross TLS: {@link Security#STARTTLS} requires the server to offer STARTTLS (no AUTH, no mail otherwise),
 * {@link Security#IMPLICIT} speaks TLS from the first byte, {@link Security#NONE} is refused with
 * credentials. The server's certificate must chain to a trusted CA and name the configured host.
 */
final class EmailChannel implements NotificationChannel {

  /** How the connection is protected ({@code chatlens.alerts.email.tls}). */
  enum Security {
    STARTTLS, IMPLICIT, NONE;

    static Security of(String value) {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
  }

  /**
   * Where and how to connect.
   *
   * @param tls the TLS socket factory (trusted CAs), or {@code null} for the JDK's default trust
   */
  record Server(String host, int port, Security security, String username, String password, Duration timeout,
      String localHost, SSLSocketFactory tls) {

    Server {
      username = username == null ? "" : username;
      password = password == null ? "" : password;
      if (security == Security.NONE && (!username.isEmpty() || !password.isEmpty())) {
        throw new IllegalArgumentException("SMTP credentials are never sent without TLS");
      }
    }

    boolean authenticates() {
      return !username.isEmpty();
    }

    @Override
    public String toString() {
      return "Server[" + host + ":" + port + ", " + security + ", user=" + username + "]";
    }
  }

  /** Angus Mail's write timeouts run on this one daemon thread instead of a new pool per connection. */
  private static final ScheduledExecutorService WRITE_TIMEOUTS = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "chatlens-alerts-email-write-timeout");
    thread.setDaemon(true);
    return thread;
  });

  private final Server server;
  private final InternetAddress from;
  private final List<InternetAddress> to;

  EmailChannel(Server server, InternetAddress from, List<InternetAddress> to) {
    this.server = server;
    this.from = from;
    this.to = List.copyOf(to);
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public void deliver(AlertMessage message) throws IOException {
    send(session -> MailMessage.build(session, message, from, to));
  }

  @Override
  public String deliverWithReceipt(AlertMessage message) throws IOException {
    String reply = send(session -> MailMessage.build(session, message, from, to));
    return "SMTP " + (reply == null || reply.isBlank() ? "accepted" : reply.strip()) + " from " + server.host();
  }

  /** A notice as a plain-text mail: subject {@code [chatlens] <subject>}, its text as the body. */
  @Override
  public void deliver(Notice notice) throws IOException {
    send(session -> MailMessage.build(session, notice, from, to));
  }

  private interface MimeBuilder {
    MimeMessage build(Session session) throws MessagingException;
  }

  /** Sends the message; returns the SMTP server's last reply. */
  private String send(MimeBuilder builder) throws IOException {
    // Jakarta Mail and Activation look up services through the context class loader: make it the agent's,
    // so they find their relocated selves and never the application's copies.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(EmailChannel.class.getClassLoader());
    try {
      return transmit(builder);
    } catch (MessagingException failure) {
      throw new IOException(describe(failure), failure);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private String transmit(MimeBuilder builder) throws MessagingException {
    Session session = Session.getInstance(properties(server, from));
    MimeMessage mime = builder.build(session);
    String user = server.authenticates() ? server.username() : null;
    String password = server.authenticates() ? server.password() : null;
    URLName url = new URLName(protocol(server), server.host(), server.port(), null, user, password);
    // The transport is made here, not looked up by protocol name: the provider lists name the classes by
    // their original package, and the relocated agent must never load the application's.
    Transport transport = server.security() == Security.IMPLICIT
        ? new SMTPSSLTransport(session, url) : new SMTPTransport(session, url);
    try {
      transport.connect(server.host(), server.port(), user, password);
      transport.sendMessage(mime, mime.getAllRecipients());
      return ((SMTPTransport) transport).getLastServerResponse();
    } finally {
      try {
        transport.close();
      } catch (MessagingException ignored) {
        // the message is accepted or the failure already thrown
      }
    }
  }

  private static String protocol(Server server) {
    return server.security() == Security.IMPLICIT ? "smtps" : "smtp";
  }

  /** The Angus Mail session properties for this server. */
  static Properties properties(Server server, InternetAddress from) {
    String prefix = "mail." + protocol(server);
    String millis = Long.toString(Math.min(Integer.MAX_VALUE, Math.max(1, server.timeout().toMillis())));
    Properties properties = new Properties();
    properties.setProperty("mail.from", from.getAddress());
    properties.setProperty(prefix + ".host", server.host());
    properties.setProperty(prefix + ".port", Integer.toString(server.port()));
    properties.setProperty(prefix + ".localhost", server.localHost());
    properties.setProperty(prefix + ".connectiontimeout", millis);
    properties.setProperty(prefix + ".timeout", millis);
    properties.setProperty(prefix + ".writetimeout", millis);
    properties.put(prefix + ".executor.writetimeout", WRITE_TIMEOUTS);
    properties.setProperty(prefix + ".auth", Boolean.toString(server.authenticates()));
    properties.setProperty(prefix + ".auth.mechanisms", "PLAIN LOGIN");
    boolean starttls = server.security() == Security.STARTTLS;
    properties.setProperty(prefix + ".starttls.enable", Boolean.toString(starttls));
    properties.setProperty(prefix + ".starttls.required", Boolean.toString(starttls));
    if (server.security() != Security.NONE) {
      properties.setProperty(prefix + ".ssl.checkserveridentity", "true");
      properties.put(prefix + ".ssl.socketFactory", TlsSockets.checkingHostNames(server.tls()));
    }
    return properties;
  }

  /** The failure and its causes, one line, without class packages (relocated names say nothing to a user). */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    Throwable current = failure;
    for (int depth = 0; current != null && depth < 4; depth++, current = current.getCause()) {
      if (depth > 0) {
        text.append(": ");
      }
      String message = current.getMessage();
      text.append(current.getClass().getSimpleName());
      if (message != null && !message.isBlank()) {
        text.append(' ').append(message.replaceAll("\\s+", " ").strip());
      }
      if (current.getCause() == current) {
        break;
      }
    }
    return text.toString();
  }
}
