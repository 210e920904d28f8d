package io.chatlens.agent.alerts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small SMTP client (RFC 5321) over a plain socket: EHLO, STARTTLS when the server offers it, AUTH
 * PLAIN when a user is configured, MAIL FROM, RCPT TO, DATA, QUIT. Every read and the connection are
 * bounded by the timeout. One instance per server; {@link #send} opens one connection per message.
 */
final class SmtpClient {

  private final String host;
  private final int port;
  private final Duration timeout;
  private final String username;
  private final String password;
  private final String clientName;

  SmtpClient(String host, int port, Duration timeout, String username, String password, String clientName) {
    this.host = host;
    this.port = port;
    this.timeout = timeout;
    this.username = username == null ? "" : username;
    this.password = password == null ? "" : password;
    this.clientName = clientName;
  }

  /** Sends one message whose headers and body are already formatted ({@link MailMessage}). */
  void send(String from, List<String> recipients, String message) throws IOException {
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      Session session = new Session(socket);
      session.expect(220);
      List<String> extensions = session.ehlo();
      if (has(extensions, "STARTTLS")) {
        session.command("STARTTLS", 220);
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
            .createSocket(socket, host, port, true);
        tls.setSoTimeout(millis);
        tls.startHandshake();
        socket = tls;
        session = new Session(tls);
        extensions = session.ehlo();
      }
      if (!username.isEmpty()) {
        if (!has(extensions, "AUTH") || extensions.stream().noneMatch(line -> line.toUpperCase(Locale.ROOT).contains("PLAIN"))) {
          throw new IOException("the SMTP server does not offer AUTH PLAIN");
        }
        String credentials = Base64.getEncoder().encodeToString(
            ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8));
        session.command("AUTH PLAIN " + credentials, 235);
      }
      session.command("MAIL FROM:<" + from + ">", 250);
      for (String recipient : recipients) {
        session.command("RCPT TO:<" + recipient + ">", 250, 251);
      }
      session.command("DATA", 354);
      session.write(dotStuffed(message) + ".\r\n");
      session.expect(250);
      try {
        session.command("QUIT", 221);
      } catch (IOException ignored) {
        // the message is accepted; a server that hangs up early is fine
      }
    } finally {
      socket.close();
    }
  }

  /** Lines starting with a dot get a second one (RFC 5321 4.5.2); line ends become CRLF. */
  static String dotStuffed(String message) {
    StringBuilder out = new StringBuilder();
    for (String line : message.split("\r?\n", -1)) {
      out.append(line.startsWith(".") ? "." + line : line).append("\r\n");
    }
    String text = out.toString();
    return text.endsWith("\r\n\r\n") ? text.substring(0, text.length() - 2) : text;
  }

  private static boolean has(List<String> extensions, String keyword) {
    for (String line : extensions) {
      String upper = line.toUpperCase(Locale.ROOT);
      if (upper.equals(keyword) || upper.startsWith(keyword + " ") || upper.startsWith(keyword + "=")) {
        return true;
      }
    }
    return false;
  }

  /** One protocol exchange over a socket. */
  private final class Session {
    private final BufferedReader in;
    private final OutputStream out;

    Session(Socket socket) throws IOException {
      this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      this.out = socket.getOutputStream();
    }

    /** EHLO, returning the extension lines (without the greeting line). */
    List<String> ehlo() throws IOException {
      write("EHLO " + clientName + "\r\n");
      List<String> lines = expect(250);
      return lines.subList(Math.min(1, lines.size()), lines.size());
    }

    void command(String line, int... accepted) throws IOException {
      write(line + "\r\n");
      expect(accepted);
    }

    void write(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** Reads one (possibly multi-line) reply and checks its code; returns the texts after the codes. */
    List<String> expect(int... accepted) throws IOException {
      List<String> texts = new ArrayList<>();
      String line;
      int code;
      do {
        line = in.readLine();
        if (line == null || line.length() < 3) {
          throw new IOException("the SMTP server closed the connection");
        }
        code = Integer.parseInt(line.substring(0, 3));
        texts.add(line.length() > 4 ? line.substring(4) : "");
      } while (line.length() > 3 && line.charAt(3) == '-');
      for (int expected : accepted) {
        if (code == expected) {
          return texts;
        }
      }
      throw new IOException("SMTP error: " + line);
    }
  }
}
