package io.chatlens.agent.endpoint;

import io.chatlens.agent.diagnostics.Diagnostics;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The agent's HTTP endpoint: {@code /metrics} in the Prometheus text format, {@code /health/live},
 * {@code /health/ready} (and {@code /health}, the same as ready) as JSON, and more JSON views such as
 * {@code /errors}. If the port is taken the agent logs one warning and runs without it.
 *
 * <p>A small HTTP/1.1 server of its own (GET and HEAD, one request per connection, {@code Connection: close}), built
 * so that no client can stall it and nothing in it is global to the JVM (the JDK's {@code com.sun.net.httpserver}
 * has timeouts and limits only through JVM-wide system properties, which would change the application's own
 * servers):
 * <ul>
 *   <li>one I/O thread ({@code chatlens-endpoint-io}) reads request heads and writes responses without blocking, so
 *       a client that sends half a request, or never reads its answer, holds no thread;</li>
 *   <li>a request head must arrive whole within {@link Limits#headTimeoutMillis} and fit in {@link Limits#maxHeadBytes}
 *       (else 431); a response must be taken within {@link Limits#writeTimeoutMillis}; then the connection is closed;</li>
 *   <li>at most {@link Limits#maxConnections} connections are open; a new one beyond that closes the oldest one still
 *       sending its head (else the oldest one still taking its answer), or is itself closed at once when every
 *       open connection is waiting for a worker;</li>
 *   <li>only bodies that cost something ({@code /metrics}, {@code /health/ready}, {@code /errors}) are computed, on a
 *       fixed pool of {@link Limits#workers} daemon threads ({@code chatlens-endpoint-N}) with a bounded queue; when
 *       it is full the request gets a 503 at once. Everything else (liveness, 401, 404, 405, HEAD) is answered on
 *       the I/O thread without collecting any metric.</li>
 * </ul>
 * Every connection refused or closed early is counted by reason ({@link #rejections()}).
 */
public final class AgentHttpServer implements AutoCloseable {

  static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final String JSON_TYPE = "application/json";
  static final String TEXT_TYPE = "text/plain; charset=utf-8";

  /** The server's bounds. */
  public record Limits(int workers, int workQueue, int maxConnections, int maxHeadBytes, long headTimeoutMillis,
      long writeTimeoutMillis, long processTimeoutMillis, int backlog) {

    /** Two workers, eight queued requests, 64 connections, 8 KB heads in 5 s, 10 s to take a response. */
    public static final Limits DEFAULT = new Limits(2, 8, 64, 8192, 5_000, 10_000, 30_000, 50);
  }

  /**
   * A file served as it is (the live page and its script, style sheets and uPlot): answered on the I/O thread, and
   * without the token, since it holds no data (the data it shows comes from JSON views, which take the token).
   */
  public record Asset(String contentType, String body, Map<String, String> headers) {}

  /** Reasons a connection is refused or closed before its answer: the keys of {@link #rejections()}. */
  static final List<String> REASONS =
      List.of("too_many_connections", "evicted", "busy", "head_timeout", "write_timeout", "head_too_large",
          "bad_request", "unauthorized");

  private final ServerSocketChannel channel;
  private final Selector selector;
  private final ThreadPoolExecutor workers;
  private final Thread ioThread;
  private final Limits limits;
  private final Routes routes;
  private final Map<String, AtomicLong> rejections = new LinkedHashMap<>();
  private final LinkedHashSet<Connection> open = new LinkedHashSet<>();
  private final ConcurrentLinkedQueue<Connection> answered = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;
  private long acceptPausedUntil;

  private AgentHttpServer(ServerSocketChannel channel, Selector selector, Limits limits, Routes routes) {
    this.channel = channel;
    this.selector = selector;
    this.limits = limits;
    this.routes = routes;
    for (String reason : REASONS) {
      rejections.put(reason, new AtomicLong());
    }
    AtomicInteger number = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(limits.workQueue()), task -> {
          Thread thread = new Thread(task, "chatlens-endpoint-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    this.ioThread = new Thread(this::serve, "chatlens-endpoint-io");
    ioThread.setDaemon(true);
  }

  /** Starts the endpoint, or returns {@code null} (after one warning) when it cannot bind. */
  public static AgentHttpServer start(String host, int port, PullMetricReader metrics, Resource resource,
      HealthReport health) {
    return start(host, port, metrics, resource, health, Map.of(), "");
  }

  /** As above, with more JSON views by path ({@code /errors}) and a bearer token ({@code ""}: none). */
  public static AgentHttpServer start(String host, int port, PullMetricReader metrics, Resource resource,
      HealthReport health, Map<String, Supplier<String>> jsonViews, String authToken) {
    return start(host, port, metrics, resource, health, jsonViews, authToken, Map.of());
  }

  /** As above, with files served as they are by path (the live page). */
  public static AgentHttpServer start(String host, int port, PullMetricReader metrics, Resource resource,
      HealthReport health, Map<String, Supplier<String>> jsonViews, String authToken, Map<String, Asset> assets) {
    return start(host, port, new Routes(metrics, resource, health, jsonViews, authToken, assets), Limits.DEFAULT);
  }

  static AgentHttpServer start(String host, int port, Routes routes, Limits limits) {
    ServerSocketChannel channel = null;
    Selector selector = null;
    try {
      channel = ServerSocketChannel.open();
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(new InetSocketAddress(host, port), limits.backlog());
      channel.configureBlocking(false);
      selector = Selector.open();
      channel.register(selector, SelectionKey.OP_ACCEPT);
      AgentHttpServer server = new AgentHttpServer(channel, selector, limits, routes);
      server.ioThread.start();
      InetAddress bound = ((InetSocketAddress) channel.getLocalAddress()).getAddress();
      Diagnostics.debug("endpoint listening on http://" + host + ":" + server.port() + "/metrics");
      if (!bound.isLoopbackAddress() && !routes.protectedByToken()) {
        Diagnostics.warn("the endpoint listens on " + host + ":" + server.port() + ", beyond loopback, with no token: "
            + "anyone who reaches it can read /metrics, /health, /errors and the live page's data. Set chatlens.prometheus.auth-token="
            + "${env:NAME} (then send Authorization: Bearer <token>; /health/live and the bare status of /health/ready stay "
            + "open), or bind 127.0.0.1.");
      }
      return server;
    } catch (IOException | RuntimeException unavailable) {
      closeQuietly(selector);
      closeQuietly(channel);
      Diagnostics.warn("cannot open the Prometheus endpoint on " + host + ":" + port + " (" + unavailable.getMessage()
          + "); set chatlens.prometheus.port or chatlens.prometheus.enabled=false. Everything else works.");
      return null;
    }
  }

  public int port() {
    try {
      return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    } catch (IOException | RuntimeException closed) {
      return -1;
    }
  }

  /** Connections refused or closed before their answer, by reason (see {@link #REASONS}). */
  public Map<String, Long> rejections() {
    Map<String, Long> counts = new LinkedHashMap<>();
    rejections.forEach((reason, count) -> counts.put(reason, count.get()));
    return counts;
  }

  /** Requests waiting for a worker. */
  int queuedWork() {
    return workers.getQueue().size();
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    workers.shutdownNow();
    try {
      ioThread.join(1_000);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(channel);
  }

  // --- the I/O thread ------------------------------------------------------------------------------------------

  private void serve() {
    try {
      while (running) {
        selector.select(nextWakeMillis());
        for (Connection done; (done = answered.poll()) != null; ) {
          startWriting(done);
        }
        Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
        while (selected.hasNext()) {
          SelectionKey key = selected.next();
          selected.remove();
          try {
            if (!key.isValid()) {
              continue;
            }
            if (key.isAcceptable()) {
              acceptAll();
            } else if (key.isReadable()) {
              read((Connection) key.attachment());
            } else if (key.isWritable()) {
              write((Connection) key.attachment());
            }
          } catch (Throwable fault) { // an Error in one connection (out of memory) must not end the endpoint
            if (key.attachment() instanceof Connection connection) {
              close(connection);
            } else {
              pauseAccepting(fault);
            }
          }
        }
        resumeAccepting();
        expire();
      }
    } catch (Throwable fault) {
      if (running) {
        Diagnostics.warn("the endpoint stopped: " + fault);
      }
    } finally {
      for (Connection connection : new ArrayList<>(open)) {
        close(connection);
      }
      closeQuietly(selector);
      closeQuietly(channel);
    }
  }

  /**
   * Accepting failed (no file descriptor left, say): stop accepting for 100 ms rather than spin on a listening
   * socket that stays ready.
   */
  private void pauseAccepting(Throwable fault) {
    Diagnostics.warnRateLimited("endpoint", "the endpoint cannot accept connections: " + fault);
    SelectionKey key = channel.keyFor(selector);
    if (key != null && key.isValid()) {
      key.interestOps(0);
      acceptPausedUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    }
  }

  private void resumeAccepting() {
    if (acceptPausedUntil != 0 && System.nanoTime() - acceptPausedUntil >= 0) {
      acceptPausedUntil = 0;
      SelectionKey key = channel.keyFor(selector);
      if (key != null && key.isValid()) {
        key.interestOps(SelectionKey.OP_ACCEPT);
      }
    }
  }

  private long nextWakeMillis() {
    long now = System.nanoTime();
    long next = acceptPausedUntil != 0 ? 100 : 250;
    for (Connection connection : open) {
      next = Math.min(next, Math.max(1, TimeUnit.NANOSECONDS.toMillis(connection.deadline - now) + 1));
    }
    return next;
  }

  private void acceptAll() throws IOException {
    SocketChannel accepted;
    while ((accepted = channel.accept()) != null) {
      if (open.size() >= limits.maxConnections() && !evictOldestReader()) {
        count("too_many_connections");
        closeQuietly(accepted);
        continue;
      }
      try {
        accepted.configureBlocking(false);
        accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection connection = new Connection(accepted, limits);
        connection.key = accepted.register(selector, SelectionKey.OP_READ, connection);
        open.add(connection);
      } catch (IOException | RuntimeException failed) {
        closeQuietly(accepted);
      }
    }
  }

  /**
   * Closes the connection that has been sending its head for the longest, the likeliest slow client; else the one
   * that has been taking its answer for the longest. A connection whose answer is being computed is never closed.
   */
  private boolean evictOldestReader() {
    for (State state : new State[] {State.READING, State.WRITING}) {
      for (Connection connection : open) {
        if (connection.state == state) {
          count("evicted");
          close(connection);
          return true;
        }
      }
    }
    return false;
  }

  private void read(Connection connection) throws IOException {
    if (connection.state != State.READING) {
      return;
    }
    int read = connection.socket.read(connection.head);
    if (read < 0) {
      close(connection);
      return;
    }
    int end = headEnd(connection.head, connection.scanned);
    connection.scanned = Math.max(0, connection.head.position() - 3);
    if (end < 0) {
      if (!connection.head.hasRemaining()) {
        count("head_too_large");
        answerNow(connection, Response.text(431, "request head larger than " + limits.maxHeadBytes() + " bytes"));
      }
      return;
    }
    Request request = Request.parse(new String(connection.head.array(), 0, end, StandardCharsets.ISO_8859_1));
    connection.headRequest = request != null && request.isHead();
    if (request == null) {
      count("bad_request");
      answerNow(connection, Response.text(400, "bad request"));
      return;
    }
    connection.head = null;
    Object routed = routes.route(request);
    if (routed instanceof Response response) {
      if (response.status() == 401) {
        count("unauthorized");
      }
      answerNow(connection, response);
      return;
    }
    @SuppressWarnings("unchecked")
    Callable<Response> work = (Callable<Response>) routed;
    connection.state = State.PROCESSING;
    connection.key.interestOps(0);
    connection.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.processTimeoutMillis());
    try {
      workers.execute(() -> {
        Response response;
        try {
          response = work.call();
        } catch (Throwable fault) {
          Diagnostics.warnRateLimited("endpoint", "the endpoint failed to answer " + request.path() + ": " + fault);
          response = Response.text(500, "internal error");
        }
        connection.pending = response.bytes(false);
        answered.add(connection);
        selector.wakeup();
      });
    } catch (RejectedExecutionException full) {
      count("busy");
      answerNow(connection, Response.text(503, "busy, try again"));
    }
  }

  private void answerNow(Connection connection, Response response) {
    connection.pending = response.bytes(connection.headRequest);
    startWriting(connection);
  }

  private void startWriting(Connection connection) {
    if (!connection.socket.isOpen() || connection.pending == null) {
      return;
    }
    connection.state = State.WRITING;
    connection.head = null;
    connection.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.writeTimeoutMillis());
    try {
      write(connection);
      if (connection.socket.isOpen()) {
        connection.key.interestOps(SelectionKey.OP_WRITE);
      }
    } catch (IOException | RuntimeException failed) {
      close(connection);
    }
  }

  private void write(Connection connection) throws IOException {
    connection.socket.write(connection.pending);
    if (!connection.pending.hasRemaining()) {
      try {
        connection.socket.shutdownOutput();
      } catch (IOException ignored) {
        // the client went away; close anyway
      }
      close(connection);
    }
  }

  private void expire() {
    long now = System.nanoTime();
    for (Connection connection : new ArrayList<>(open)) {
      if (now - connection.deadline < 0) {
        continue;
      }
      switch (connection.state) {
        case READING -> {
          count("head_timeout");
          connection.pending = Response.text(408, "request head not received in time").bytes(false);
          try {
            connection.socket.write(connection.pending); // one try, never waits
          } catch (IOException | RuntimeException ignored) {
            // closing anyway
          }
        }
        case WRITING -> count("write_timeout");
        case PROCESSING -> Diagnostics.warnRateLimited("endpoint", "an endpoint answer took longer than "
            + limits.processTimeoutMillis() + " ms; its connection was closed");
        default -> { }
      }
      close(connection);
    }
  }

  private void close(Connection connection) {
    open.remove(connection);
    connection.state = State.CLOSED;
    if (connection.key != null) {
      connection.key.cancel();
    }
    closeQuietly(connection.socket);
  }

  private void count(String reason) {
    rejections.get(reason).incrementAndGet();
  }

  /**
   * Index just past the blank line that ends the head in {@code buffer} (written up to its position), or -1; bytes
   * before {@code from} were scanned already (a client that sends a byte at a time costs linear time, not square).
   */
  static int headEnd(ByteBuffer buffer, int from) {
    byte[] bytes = buffer.array();
    int length = buffer.position();
    for (int i = from; i < length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      if (i + 1 < length && bytes[i + 1] == '\n') {
        return i + 2;
      }
      if (i + 2 < length && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') {
        return i + 3;
      }
    }
    return -1;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // nothing to do
    }
  }

  private enum State { READING, PROCESSING, WRITING, CLOSED }

  private static final class Connection {
    final SocketChannel socket;
    ByteBuffer head;
    volatile ByteBuffer pending;
    volatile State state = State.READING;
    long deadline;
    SelectionKey key;
    boolean headRequest;
    int scanned;

    Connection(SocketChannel socket, Limits limits) {
      this.socket = socket;
      this.head = ByteBuffer.allocate(limits.maxHeadBytes());
      this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.headTimeoutMillis());
    }
  }

  // --- requests, responses and routes --------------------------------------------------------------------------

  /** A parsed request head: method, path (without the query) and the Authorization header. */
  record Request(String method, String path, String authorization) {

    static Request parse(String head) {
      String[] lines = head.split("\r?\n");
      if (lines.length == 0) {
        return null;
      }
      String[] requestLine = lines[0].split(" ");
      if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.") || requestLine[0].isEmpty()
          || !requestLine[1].startsWith("/")) {
        return null;
      }
      String target = requestLine[1];
      int query = target.indexOf('?');
      String authorization = null;
      for (int i = 1; i < lines.length; i++) {
        String line = lines[i];
        if (line.isEmpty()) {
          continue;
        }
        int colon = line.indexOf(':');
        if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
          return null;
        }
        if (line.substring(0, colon).trim().equalsIgnoreCase("Authorization")) {
          authorization = line.substring(colon + 1).trim();
        }
      }
      return new Request(requestLine[0], query < 0 ? target : target.substring(0, query), authorization);
    }

    boolean isHead() {
      return "HEAD".equals(method);
    }
  }

  /** A response; {@code Connection: close} always. */
  record Response(int status, String contentType, String body, Map<String, String> headers) {

    static Response text(int status, String body) {
      return new Response(status, TEXT_TYPE, body, Map.of());
    }

    ByteBuffer bytes(boolean headOnly) {
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder out = new StringBuilder(160).append("HTTP/1.1 ").append(status).append(' ')
          .append(reason(status)).append("\r\nContent-Type: ").append(contentType);
      if (body != null) {
        out.append("\r\nContent-Length: ").append(content.length);
      }
      headers.forEach((name, value) -> out.append("\r\n").append(name).append(": ").append(value));
      out.append("\r\nConnection: close\r\n\r\n");
      byte[] head = out.toString().getBytes(StandardCharsets.ISO_8859_1);
      ByteBuffer buffer = ByteBuffer.allocate(head.length + (headOnly ? 0 : content.length));
      buffer.put(head);
      if (!headOnly) {
        buffer.put(content);
      }
      return buffer.flip();
    }

    private static String reason(int status) {
      return switch (status) {
        case 200 -> "OK";
        case 400 -> "Bad Request";
        case 401 -> "Unauthorized";
        case 404 -> "Not Found";
        case 405 -> "Method Not Allowed";
        case 408 -> "Request Timeout";
        case 431 -> "Request Header Fields Too Large";
        case 500 -> "Internal Server Error";
        case 503 -> "Service Unavailable";
        default -> "Status";
      };
    }
  }

  /**
   * What each path answers. {@link #route} returns a {@link Response} when the answer costs nothing (it runs on the
   * I/O thread) and a {@link Callable} when it must collect or render something (it runs on a worker). Only GET of
   * {@code /metrics} collects metrics for the exposition; GET of {@code /health/ready} and {@code /health} collects
   * once for the SDK's drop counts; nothing else collects anything.
   */
  static final class Routes {

    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";
    private final PullMetricReader metrics;
    private final Resource resource;
    private final HealthReport health;
    private final Map<String, Supplier<String>> jsonViews;
    private final Map<String, Asset> assets;
    private final byte[] tokenDigest;

    Routes(PullMetricReader metrics, Resource resource, HealthReport health, Map<String, Supplier<String>> jsonViews,
        String authToken) {
      this(metrics, resource, health, jsonViews, authToken, Map.of());
    }

    Routes(PullMetricReader metrics, Resource resource, HealthReport health, Map<String, Supplier<String>> jsonViews,
        String authToken, Map<String, Asset> assets) {
      this.assets = Map.copyOf(assets);
      this.metrics = metrics;
      this.resource = resource;
      this.health = health;
      this.jsonViews = Map.copyOf(jsonViews);
      this.tokenDigest = authToken == null || authToken.isEmpty() ? null : sha256(authToken);
    }

    boolean protectedByToken() {
      return tokenDigest != null;
    }

    Object route(Request request) {
      String path = request.path();
      boolean known = path.equals("/metrics") || path.equals("/health") || path.equals("/health/ready")
          || path.equals(LIVE) || jsonViews.containsKey(path) || assets.containsKey(path);
      Asset asset = assets.get(path);
      if (asset != null) {
        if (!"GET".equals(request.method()) && !request.isHead()) {
          return new Response(405, TEXT_TYPE, "", Map.of("Allow", "GET, HEAD"));
        }
        return new Response(200, asset.contentType(), request.isHead() ? null : asset.body(), asset.headers());
      }
      boolean authorized = authorized(request.authorization());
      if (path.equals(READY) && !authorized && ("GET".equals(request.method()) || request.isHead())) {
        // a readiness probe cannot carry a secret (Kubernetes' httpGet headers are literal): without the token it
        // gets the status and its code, none of the details (exporters, drops, alerts)
        String status = health.status();
        return new Response(status.equals("UP") ? 200 : 503, JSON_TYPE,
            request.isHead() ? null : "{\"status\":\"" + status + "\"}", Map.of());
      }
      if (!path.equals(LIVE) && !authorized) {
        return new Response(401, TEXT_TYPE, "unauthorized: send Authorization: Bearer <token>",
            Map.of("WWW-Authenticate", "Bearer realm=\"chatlens\""));
      }
      if (!known) {
        return Response.text(404, "not found");
      }
      if (!"GET".equals(request.method()) && !request.isHead()) {
        return new Response(405, TEXT_TYPE, "", Map.of("Allow", "GET, HEAD"));
      }
      boolean head = request.isHead();
      if (path.equals(LIVE)) {
        return new Response(200, JSON_TYPE, health.liveJson(), Map.of());
      }
      if (path.equals("/metrics")) {
        return head ? new Response(200, PROMETHEUS_TYPE, null, Map.of())
            : (Callable<Response>) () -> new Response(200, PROMETHEUS_TYPE,
                PrometheusText.render(metrics.collect(), resource), Map.of());
      }
      if (path.equals("/health") || path.equals("/health/ready")) {
        return head ? new Response(health.ready() ? 200 : 503, JSON_TYPE, null, Map.of())
            : (Callable<Response>) () -> {
              HealthReport.Readiness readiness = health.readiness();
              return new Response(readiness.ready() ? 200 : 503, JSON_TYPE, readiness.json(), Map.of());
            };
      }
      Supplier<String> view = jsonViews.get(path);
      Map<String, String> headers = path.startsWith("/api/")
          ? Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff") : Map.of();
      return head ? new Response(200, JSON_TYPE, null, headers)
          : (Callable<Response>) () -> new Response(200, JSON_TYPE, view.get(), headers);
    }

    /** Constant-time: both sides are hashed to 32 bytes first, so neither content nor length shows in the timing. */
    private boolean authorized(String authorization) {
      if (tokenDigest == null) {
        return true;
      }
      if (authorization == null || authorization.length() < 7
          || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return false;
      }
      return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(7).trim()));
    }

    private static byte[] sha256(String text) {
      try {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }
}
