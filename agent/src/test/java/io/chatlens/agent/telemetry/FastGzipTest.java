package io.chatlens.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FastGzipTest {

  private HttpServer server;
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private final List<String> encodings = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/traces", exchange -> {
      encodings.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Encoding")));
      bodies.add(exchange.getRequestBody().readAllBytes());
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  private byte[] exportThrough(SpanExporter exporter) {
    try (SdkTracerProvider tracing = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).setMaxExportBatchSize(512).build()).build()) {
      for (int i = 0; i < 200; i++) {
        tracing.get("test").spanBuilder("SearchEngine.search").setAttribute("session.id", "sess-" + (i % 7))
            .setAttribute("code.function.name", "com.example.chatbot.SearchEngine.search").startSpan().end();
      }
      tracing.forceFlush().join(10, TimeUnit.SECONDS);
    }
    assertThat(bodies).isNotEmpty();
    return bodies.get(bodies.size() - 1);
  }

  private static byte[] gunzip(byte[] body) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }

  private static int gzipSize(byte[] raw, int level) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var gzip = new FastGzip(level).compress(out)) {
      gzip.write(raw);
    }
    return out.size();
  }

  @Test
  void rebuiltOtlpExporterSendsGzipAtTheChosenLevel() throws Exception {
    SpanExporter built = OtlpHttpSpanExporter.builder().setEndpoint(endpoint()).setCompression("gzip").build();
    SpanExporter fast = new FastGzip(1).apply(built, "gzip");
    assertThat(fast).isNotSameAs(built).isInstanceOf(OtlpHttpSpanExporter.class);

    byte[] body = exportThrough(fast);
    assertThat(encodings).isNotEmpty().allMatch("gzip"::equals);
    byte[] raw = gunzip(body);
    assertThat(raw.length).isGreaterThan(1000);
    assertThat(body).hasSize(gzipSize(raw, 1));
    assertThat(gzipSize(raw, 1)).isNotEqualTo(gzipSize(raw, 6)); // the level is visible in the size
  }

  @Test
  void sdkGzipStaysAtItsDefaultWhenLevelSixIsChosen() throws Exception {
    SpanExporter built = OtlpHttpSpanExporter.builder().setEndpoint(endpoint()).setCompression("gzip").build();
    SpanExporter same = new FastGzip(6).apply(built, "gzip");
    assertThat(same).isSameAs(built);

    byte[] body = exportThrough(same);
    assertThat(body).hasSize(gzipSize(gunzip(body), 6));
  }

  @Test
  void otherCompressionsAndExportersAreLeftAlone() {
    SpanExporter plain = OtlpHttpSpanExporter.builder().setEndpoint(endpoint()).build();
    assertThat(new FastGzip(1).apply(plain, "none")).isSameAs(plain);
    SpanExporter memory = InMemorySpanExporter.create();
    assertThat(new FastGzip(1).apply(memory, "gzip")).isSameAs(memory);
    plain.shutdown();
  }
}
