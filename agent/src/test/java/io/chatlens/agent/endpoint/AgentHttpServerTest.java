package io.chatlens.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.sdk.resources.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint's own HTTP server: routes, limits, timeouts and the bearer token, over real sockets. */
class AgentHttpServerTest {

  private static final AgentHttpServer.Limits FAST = new AgentHttpServer.Limits(2, 8, 8, 8192, 400, 400, 30_000, 50);

  private final AtomicInteger collections = new AtomicInteger();
  private final List<Socket> sockets = new ArrayList<>();
  private AgentHttpServer server;

  @AfterEach
  void stop() {
    sockets.forEach(socket -> {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    });
    if (server != null) {
      server.close();
    }
  }

  private AgentHttpServer start(AgentHttpServer.Limits limits, String token, Map<String, Supplier<String>> views) {
    PullMetricReader reader = PullMetricReader.sharing(() -> {
      collections.incrementAndGet();
      return List.of();
    });
    HealthReport health = new HealthReport(Map.of(), reader, Map::of, List::of);
    server = AgentHttpServer.start("127.0.0.1", 0,
        new AgentHttpServer.Routes(reader, Resource.empty(), health, views, token), limits);
    assertThat(server).isNotNull();
    return server;
  }

  @Test
  void onlyAGetOfMetricsCollectsTheMetrics() throws Exception {
    start(FAST, "", Map.of());
    assertThat(exchange("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200 OK")
        .contains("Content-Type: application/json").contains("\"status\":\"UP\"");
    assertThat(exchange("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
        .startsWith("HTTP/1.1 405 ").contains("Allow: GET, HEAD");
    assertThat(exchange("DELETE /health/ready HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 405 ");
    assertThat(exchange("GET /nothing HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 404 ");
    assertThat(exchange("GET /metrics/more HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 404 ");
    assertThat(exchange("HEAD /metrics HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 ")
        .contains("Content-Type: text/plain; version=0.0.4; charset=utf-8").endsWith("\r\n\r\n");
    assertThat(exchange("HEAD /health HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 ");
    assertThat(collections).as("no collection for liveness, 404, 405 or HEAD").hasValue(0);

    assertThat(exchange("GET /metrics?x=1 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK")
        .contains("Content-Type: text/plain; version=0.0.4; charset=utf-8");
    assertThat(collections).hasValue(1);
    assertThat(exchange("GET /health/ready HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK")
        .contains("{\"status\":\"UP\"").contains("\"exporters\":{}");
    assertThat(exchange("GET /health HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK").contains("\"dropped\":{");
    assertThat(collections).as("readiness and health collect nothing").hasValue(1);
  }

  @Test
  void readinessShowsTheSdkDropsOfTheLastCollectionWithoutCollecting() throws Exception {
    AtomicInteger callbacks = new AtomicInteger();
    PullMetricReader reader = new PullMetricReader();
    try (io.opentelemetry.sdk.metrics.SdkMeterProvider meters =
        io.opentelemetry.sdk.metrics.SdkMeterProvider.builder().registerMetricReader(reader).build()) {
      io.opentelemetry.api.metrics.Meter meter = meters.get("test");
      meter.gaugeBuilder("test.callbacks").ofLongs().buildWithCallback(gauge -> gauge.record(callbacks.incrementAndGet()));
      io.opentelemetry.api.metrics.LongCounter processed = meter.counterBuilder("otel.sdk.processor.span.processed").build();
      processed.add(3, io.opentelemetry.api.common.Attributes.of(
          io.opentelemetry.api.common.AttributeKey.stringKey("error.type"), "queue_full"));
      processed.add(5);
      HealthReport health = new HealthReport(Map.of(), reader, Map::of, List::of);
      server = AgentHttpServer.start("127.0.0.1", 0,
          new AgentHttpServer.Routes(reader, Resource.empty(), health, Map.of(), ""), FAST);
      assertThat(server).isNotNull();

      for (String path : List.of("/health/ready", "/health", "/health/ready")) {
        assertThat(exchange("GET " + path + " HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK")
            .contains("\"dropped\":{}");
      }
      assertThat(callbacks).as("metric callbacks run by readiness and health requests").hasValue(0);

      assertThat(exchange("GET /metrics HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK")
          .contains("test_callbacks");
      assertThat(callbacks).hasValue(1);
      assertThat(exchange("GET /health/ready HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK")
          .contains("\"dropped\":{\"spans\":3}");
      assertThat(exchange("GET /health HTTP/1.1\r\n\r\n")).contains("\"dropped\":{\"spans\":3}");
      assertThat(callbacks).as("still only the scrape's collection").hasValue(1);
    }
  }

  @Test
  void theLivePageIsPublicButItsDataTakesTheToken() throws Exception {
    PullMetricReader reader = PullMetricReader.sharing(() -> {
      collections.incrementAndGet();
      return List.of();
    });
    HealthReport health = new HealthReport(Map.of(), reader, Map::of, List::of);
    server = AgentHttpServer.start("127.0.0.1", 0, new AgentHttpServer.Routes(reader, Resource.empty(), health,
        Map.of("/api/summary", () -> "{\"kpis\":{}}"), "s3cret",
        Map.of("/", new AgentHttpServer.Asset("text/html; charset=utf-8", "<!DOCTYPE html><p>page</p>",
            Map.of("Content-Security-Policy", "default-src 'none'")))), FAST);
    assertThat(exchange("GET / HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK")
        .contains("Content-Type: text/html; charset=utf-8").contains("Content-Security-Policy: default-src 'none'")
        .endsWith("<p>page</p>");
    assertThat(exchange("HEAD / HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\n");
    assertThat(exchange("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")).startsWith("HTTP/1.1 405 ");
    assertThat(exchange("GET /api/summary HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 401 ");
    assertThat(exchange("GET /api/summary HTTP/1.1\r\nAuthorization: Bearer s3cret\r\n\r\n"))
        .startsWith("HTTP/1.1 200 OK").contains("Cache-Control: no-store").endsWith("{\"kpis\":{}}");
    assertThat(exchange("GET /ui/nothing.js HTTP/1.1\r\nAuthorization: Bearer s3cret\r\n\r\n"))
        .startsWith("HTTP/1.1 404 ");
    assertThat(collections).as("the page collects nothing").hasValue(0);
  }

  @Test
  void aHeadLargerThanTheLimitGets431AndTheConnectionIsClosed() throws Exception {
    start(new AgentHttpServer.Limits(2, 8, 8, 1024, 5_000, 5_000, 30_000, 50), "", Map.of());
    String answer = exchange("GET /metrics HTTP/1.1\r\nX-Filler: " + "a".repeat(2000) + "\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 431 Request Header Fields Too Large").contains("Connection: close");
    assertThat(server.rejections()).containsEntry("head_too_large", 1L);
    assertThat(collections).hasValue(0);
    // a head just under the limit is fine
    assertThat(exchange("GET /health/live HTTP/1.1\r\nX-Filler: " + "a".repeat(900) + "\r\n\r\n"))
        .startsWith("HTTP/1.1 200 ");
  }

  @Test
  void aHeadSentAByteAtATimeIsFoundWhereverItsEndFalls() throws Exception {
    start(FAST, "", Map.of());
    for (String request : List.of("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n", "GET /health/live HTTP/1.0\n\n")) {
      try (Socket socket = connect()) {
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        for (byte b : request.getBytes(StandardCharsets.US_ASCII)) {
          socket.getOutputStream().write(b);
          socket.getOutputStream().flush();
        }
        assertThat(readToEnd(socket.getInputStream())).startsWith("HTTP/1.1 200 ");
      }
    }
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap("GET / HTTP/1.1\r\nA: b\r\n\r\nrest".getBytes(StandardCharsets.US_ASCII));
    buffer.position(buffer.limit());
    assertThat(AgentHttpServer.headEnd(buffer, 0)).isEqualTo(24);
    assertThat(AgentHttpServer.headEnd(buffer, 21)).isEqualTo(24);
  }

  @Test
  void aMalformedRequestLineGets400() throws Exception {
    start(FAST, "", Map.of());
    assertThat(exchange("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /metrics SPDY/3\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(server.rejections()).containsEntry("bad_request", 2L);
  }

  @Test
  void aHeadThatDoesNotArriveInTimeClosesTheConnection() throws Exception {
    start(FAST, "", Map.of());
    Socket slow = connect();
    slow.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
    slow.setSoTimeout(5_000);
    long started = System.nanoTime();
    String answer = readToEnd(slow.getInputStream());
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(answer).startsWith("HTTP/1.1 408 ");
    assertThat(tookMillis).as("closed after the 400 ms head timeout").isBetween(200L, 3_000L);
    assertThat(server.rejections()).containsEntry("head_timeout", 1L);
    assertThat(collections).hasValue(0);
  }

  @Test
  void slowClientsBeyondEveryLimitDoNotStallTheEndpoint() throws Exception {
    // long head timeout: only the eviction and the non-blocking reads keep the endpoint answering
    AgentHttpServer.Limits limits = new AgentHttpServer.Limits(2, 8, 8, 8192, 60_000, 5_000, 30_000, 50);
    start(limits, "", Map.of());
    for (int i = 0; i < limits.maxConnections() + limits.workers() + 1; i++) {
      Socket slow = connect();
      slow.getOutputStream().write("GET /metrics HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> server.rejections().get("evicted") >= 3);
    for (String path : List.of("/metrics", "/health/live", "/health/ready")) {
      long started = System.nanoTime();
      assertThat(exchange("GET " + path + " HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 ");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000);
    }
  }

  @Test
  void aFullWorkQueueAnswers503AtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger entered = new AtomicInteger();
    start(new AgentHttpServer.Limits(1, 1, 8, 8192, 5_000, 5_000, 30_000, 50), "", Map.of("/errors", () -> {
      entered.incrementAndGet();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
      }
      return "{}";
    }));
    Socket first = connect();
    first.getOutputStream().write("GET /errors HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    await().atMost(Duration.ofSeconds(5)).until(() -> entered.get() == 1);
    Socket queued = connect();
    queued.getOutputStream().write("GET /errors HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    await().atMost(Duration.ofSeconds(5)).until(() -> server.queuedWork() == 1);
    // the worker is busy and the queue (of one) is full: the next one is refused with a 503 at once
    assertThat(exchange("GET /errors HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 503 ");
    assertThat(server.rejections()).containsEntry("busy", 1L);
    assertThat(exchange("GET /health/live HTTP/1.1\r\n\r\n")).as("liveness needs no worker").startsWith("HTTP/1.1 200 ");
    release.countDown();
    first.setSoTimeout(5_000);
    queued.setSoTimeout(5_000);
    assertThat(readToEnd(first.getInputStream())).startsWith("HTTP/1.1 200 ").endsWith("{}");
    assertThat(readToEnd(queued.getInputStream())).startsWith("HTTP/1.1 200 ").endsWith("{}");
  }

  @Test
  void aClientThatNeverReadsItsAnswerIsClosedAfterTheWriteTimeout() throws Exception {
    String big = "x".repeat(16 * 1024 * 1024);
    start(FAST, "", Map.of("/errors", () -> big));
    Socket reader = new Socket();
    reader.setReceiveBufferSize(4096);
    sockets.add(reader);
    reader.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
    reader.getOutputStream().write("GET /errors HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    await().atMost(Duration.ofSeconds(10)).until(() -> server.rejections().get("write_timeout") == 1L);
    assertThat(exchange("GET /health/live HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 ");
  }

  @Test
  void clientsThatNeverReadTheirAnswersDoNotLockLivenessOut() throws Exception {
    String big = "x".repeat(12 * 1024 * 1024);
    AgentHttpServer.Limits limits = new AgentHttpServer.Limits(2, 8, 4, 8192, 5_000, 60_000, 30_000, 50);
    start(limits, "", Map.of("/errors", () -> big));
    for (int i = 0; i < limits.maxConnections(); i++) {
      Socket reader = new Socket();
      reader.setReceiveBufferSize(4096);
      sockets.add(reader);
      reader.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
      reader.getOutputStream().write("GET /errors HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    // every connection is taken by a reader that never reads; a new one closes the oldest of them
    await().atMost(Duration.ofSeconds(5)).until(() -> exchange("GET /health/live HTTP/1.1\r\n\r\n")
        .startsWith("HTTP/1.1 200 ") && server.rejections().get("evicted") > 0);
    assertThat(server.rejections()).containsEntry("write_timeout", 0L);
  }

  @Test
  void aTokenGuardsEveryPathButLivenessAndTheBareReadiness() throws Exception {
    start(FAST, "s3cr3t-token", Map.of("/errors", () -> "{}"));
    // a readiness probe cannot send a secret: without the token it gets the status and its code, nothing else
    for (String authorization : List.of("", "Authorization: Bearer wrong\r\n")) {
      String bare = exchange("GET /health/ready HTTP/1.1\r\n" + authorization + "\r\n");
      assertThat(bare).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\n{\"status\":\"UP\"}").doesNotContain("exporters");
    }
    assertThat(exchange("GET /health/ready HTTP/1.1\r\nAuthorization: Bearer s3cr3t-token\r\n\r\n"))
        .startsWith("HTTP/1.1 200 ").contains("\"exporters\"");
    for (String path : List.of("/metrics", "/health", "/errors", "/nothing")) {
      assertThat(exchange("GET " + path + " HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 401 ")
          .contains("WWW-Authenticate: Bearer");
      assertThat(exchange("GET " + path + " HTTP/1.1\r\nAuthorization: Bearer wrong\r\n\r\n"))
          .startsWith("HTTP/1.1 401 ");
      assertThat(exchange("GET " + path + " HTTP/1.1\r\nAuthorization: Basic czNjcjN0LXRva2Vu\r\n\r\n"))
          .startsWith("HTTP/1.1 401 ");
    }
    assertThat(collections).hasValue(0);
    assertThat(exchange("GET /metrics HTTP/1.1\r\nauthorization: bearer   s3cr3t-token\r\n\r\n"))
        .startsWith("HTTP/1.1 200 ");
    assertThat(exchange("GET /errors HTTP/1.1\r\nAuthorization: Bearer s3cr3t-token\r\n\r\n"))
        .startsWith("HTTP/1.1 200 ");
    assertThat(exchange("GET /nothing HTTP/1.1\r\nAuthorization: Bearer s3cr3t-token\r\n\r\n"))
        .startsWith("HTTP/1.1 404 ");
    assertThat(exchange("GET /health/live HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 ");
    assertThat(server.rejections().get("unauthorized")).isEqualTo(12L);
  }

  @Test
  void itsThreadsAreFewNamedDaemons() throws Exception {
    start(FAST, "", Map.of());
    exchange("GET /metrics HTTP/1.1\r\n\r\n");
    List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("chatlens-endpoint-")).toList();
    assertThat(threads).isNotEmpty().allSatisfy(thread -> assertThat(thread.isDaemon()).isTrue());
    assertThat(threads).extracting(Thread::getName).contains("chatlens-endpoint-io", "chatlens-endpoint-1");
    assertThat(threads.size()).isLessThanOrEqualTo(1 + FAST.workers());
  }

  @Test
  void closeEndsItsIoThreadAndEveryWorkerEvenOneBusyWithASlowView() throws Exception {
    java.util.Set<Thread> before = endpointThreads();
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger entered = new AtomicInteger();
    start(FAST, "", Map.of("/errors", () -> {
      entered.incrementAndGet();
      try {
        never.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
      }
      return "{}";
    }));
    assertThat(exchange("GET /metrics HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 ");
    connect().getOutputStream().write("GET /errors HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    await().atMost(Duration.ofSeconds(5)).until(() -> entered.get() == 1);
    List<Thread> own = endpointThreads().stream().filter(thread -> !before.contains(thread)).toList();
    assertThat(own).as("this server's threads").isNotEmpty();
    assertThat(own).extracting(Thread::getName).contains("chatlens-endpoint-io")
        .hasSizeGreaterThanOrEqualTo(1 + FAST.workers());

    server.close();

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(own)
        .as("threads still alive after close()").noneMatch(Thread::isAlive));
  }

  private static java.util.Set<Thread> endpointThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("chatlens-endpoint-"))
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void aTakenPortGivesNoServer() throws Exception {
    start(FAST, "", Map.of());
    PullMetricReader reader = PullMetricReader.sharing(List::of);
    AgentHttpServer second = AgentHttpServer.start("127.0.0.1", server.port(), reader, Resource.empty(),
        new HealthReport(Map.of(), reader, Map::of, List::of));
    assertThat(second).isNull();
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    sockets.add(socket);
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
    return socket;
  }

  private String exchange(String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return readToEnd(socket.getInputStream());
    }
  }

  private static String readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int read; (read = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, read);
      }
    } catch (SocketTimeoutException timeout) {
      throw new AssertionError("no end of answer within 5 s: " + out.toString(StandardCharsets.UTF_8), timeout);
    } catch (IOException reset) {
      // a reset after the answer: keep what came
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
