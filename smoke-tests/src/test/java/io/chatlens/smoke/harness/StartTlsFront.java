package io.chatlens.smoke.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP front for GreenMail (whose SMTP has no STARTTLS): it relays a client to GreenMail's plain SMTP
 * port, and, when TLS is on, offers STARTTLS in the EHLO reply and turns the client's connection into TLS
 * with the given server certificate before relaying the rest. Every command line the client sends in
 * clear is recorded, so a test can tell that no AUTH crossed the wire unencrypted. One client at a time.
 */
public final class StartTlsFront implements AutoCloseable {

  private final ServerSocket server;
  private final int backendPort;
  private final SSLContext tls;
  private final List<String> clearCommands = new CopyOnWriteArrayList<>();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /** @param tls the server certificate's context, or {@code null} for a front without STARTTLS */
  public StartTlsFront(int backendPort, SSLContext tls) throws IOException {
    this.backendPort = backendPort;
    this.tls = tls;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    acceptor = new Thread(this::acceptLoop, "starttls-front");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The command lines the client sent before TLS (or all of them, without TLS). */
  public List<String> clearCommands() {
    return List.copyOf(clearCommands);
  }

  /** What happened: {@code connected}, {@code tls}, {@code tls-failed: ...}. */
  public List<String> events() {
    return List.copyOf(events);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try (Socket client = server.accept(); Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
        client.setSoTimeout(30_000);
        backend.setSoTimeout(30_000);
        events.add("connected");
        serve(client, backend);
      } catch (IOException | RuntimeException stop) {
        if (!server.isClosed()) {
          events.add("error: " + stop);
        }
      }
    }
  }

  private void serve(Socket client, Socket backend) throws IOException {
    InputStream clientIn = client.getInputStream();
    OutputStream clientOut = client.getOutputStream();
    BufferedReader backendIn = new BufferedReader(new InputStreamReader(backend.getInputStream(), StandardCharsets.ISO_8859_1));
    OutputStream backendOut = backend.getOutputStream();
    relayReply(backendIn, clientOut, false); // greeting
    while (true) {
      String line = readLine(clientIn);
      if (line == null) {
        return;
      }
      clearCommands.add(line);
      String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line.toUpperCase(java.util.Locale.ROOT);
      if (tls != null && line.equalsIgnoreCase("STARTTLS")) {
        clientOut.write("220 2.0.0 Ready to start TLS\r\n".getBytes(StandardCharsets.US_ASCII));
        clientOut.flush();
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), false);
        secure.setUseClientMode(false);
        try {
          secure.startHandshake();
        } catch (IOException handshake) {
          events.add("tls-failed: " + handshake);
          return;
        }
        events.add("tls");
        pump(secure, backend);
        return;
      }
      backendOut.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      backendOut.flush();
      if (verb.equals("DATA")) {
        // without TLS the whole conversation is relayed line by line; the data ends with a lone dot
        relayReply(backendIn, clientOut, false);
        String data;
        while ((data = readLine(clientIn)) != null) {
          backendOut.write((data + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          if (data.equals(".")) {
            break;
          }
        }
        backendOut.flush();
      }
      relayReply(backendIn, clientOut, tls != null && (verb.equals("EHLO")));
    }
  }

  /** Copies one (multi-line) reply; with {@code offerStartTls}, adds STARTTLS to an EHLO reply. */
  private static void relayReply(BufferedReader backendIn, OutputStream clientOut, boolean offerStartTls) throws IOException {
    String line;
    do {
      line = backendIn.readLine();
      if (line == null) {
        throw new IOException("backend closed");
      }
      boolean last = line.length() < 4 || line.charAt(3) != '-';
      if (last && offerStartTls && line.startsWith("250")) {
        clientOut.write(("250-" + line.substring(4) + "\r\n250 STARTTLS\r\n").getBytes(StandardCharsets.ISO_8859_1));
      } else {
        clientOut.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
    } while (line.length() >= 4 && line.charAt(3) == '-');
    clientOut.flush();
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }

  /** Relays bytes both ways until either side closes. */
  private static void pump(Socket secure, Socket backend) throws IOException {
    Thread up = new Thread(() -> copy(secure, backend), "starttls-front-up");
    up.setDaemon(true);
    up.start();
    copy(backend, secure);
    try {
      up.join(30_000);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void copy(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) != -1) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException closed) {
      // one side is done
    } finally {
      try {
        to.shutdownOutput();
      } catch (IOException | UnsupportedOperationException ignored) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
