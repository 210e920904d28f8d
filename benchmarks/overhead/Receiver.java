import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A telemetry receiver for the overhead benchmark that stores nothing and decodes nothing: it reads every request
 * body, counts its bytes (as sent, i.e. compressed when the agent compresses) per path, and answers 200 at once.
 * OTLP/HTTP (/v1/traces, /v1/metrics, /v1/logs) and the Elastic APM intake (/intake/v2/events) both work.
 *
 * <p>{@code GET /__stats} prints the counts as {@code path requests bytes} lines; {@code POST /__reset} clears them.
 * Run with {@code java Receiver.java PORT}. With {@code RECEIVER_DUMP_DIR} set, the last body of each path is kept
 * there (e.g. {@code _v1_traces.bin}), to look at what an agent sends.
 */
public final class Receiver {

  private static final Map<String, AtomicLong[]> COUNTS = new TreeMap<>();

  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/", Receiver::handle);
    server.start();
    System.out.println("receiver listening on " + args[0]);
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    long bytes = 0;
    byte[] buffer = new byte[16384];
    java.io.ByteArrayOutputStream copy = System.getenv("RECEIVER_DUMP_DIR") == null ? null
        : new java.io.ByteArrayOutputStream();
    try (InputStream in = exchange.getRequestBody()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        bytes += n;
        if (copy != null) {
          copy.write(buffer, 0, n);
        }
      }
    }
    byte[] last = copy == null ? null : copy.toByteArray();
    byte[] body = new byte[0];
    if (path.equals("/__stats")) {
      StringBuilder text = new StringBuilder();
      synchronized (COUNTS) {
        COUNTS.forEach((p, c) -> text.append(p).append(' ').append(c[0]).append(' ').append(c[1]).append('\n'));
      }
      body = text.toString().getBytes(StandardCharsets.UTF_8);
    } else if (path.equals("/__reset")) {
      synchronized (COUNTS) {
        COUNTS.clear();
      }
    } else {
      synchronized (COUNTS) {
        AtomicLong[] c = COUNTS.computeIfAbsent(path, p -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
        c[0].incrementAndGet();
        c[1].addAndGet(bytes);
      }
      String dump = System.getenv("RECEIVER_DUMP_DIR");
      if (dump != null && last != null) {
        java.nio.file.Files.write(java.nio.file.Path.of(dump, path.replace('/', '_') + ".bin"), last);
      }
      if (path.equals("/")) { // the Elastic agent asks for the server's version
        body = "{\"version\":\"8.15.0\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
      } else if (path.startsWith("/v1/")) {
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      }
    }
    int status = path.startsWith("/intake/") ? 202 : 200;
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
