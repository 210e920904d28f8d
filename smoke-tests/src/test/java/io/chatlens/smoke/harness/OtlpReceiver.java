package io.chatlens.smoke.harness;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver backed by WireMock. Every request body is decoded with opentelemetry-proto.
 */
public final class OtlpReceiver implements AutoCloseable {

  private final WireMockServer server;

  public OtlpReceiver() {
    this(wireMockConfig().dynamicPort());
  }

  private OtlpReceiver(com.github.tomakehurst.wiremock.core.WireMockConfiguration config) {
    server = new WireMockServer(config);
    server.start();
    stubOk();
  }

  /** A receiver that also listens for HTTPS, with the key and certificate of a PKCS#12 key store. */
  public static OtlpReceiver https(java.nio.file.Path keyStore, String password) {
    return new OtlpReceiver(wireMockConfig().dynamicPort().dynamicHttpsPort().keystorePath(keyStore.toString())
        .keystoreType("PKCS12").keystorePassword(password).keyManagerPassword(password));
  }

  /** The HTTPS endpoint of a receiver made by {@link #https}. */
  public String httpsEndpoint() {
    return "https://127.0.0.1:" + server.httpsPort();
  }

  /** Every signal answered with 200 and an empty protobuf body. */
  public void stubOk() {
    for (String path : List.of("/v1/traces", "/v1/metrics", "/v1/logs")) {
      server.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "application/x-protobuf").withBody(new byte[0])));
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  public WireMockServer wireMock() {
    return server;
  }

  /** A decoded span with its resource. */
  public record ReceivedSpan(Resource resource, String scope, Span span) {
    public String attribute(String key) {
      return OtlpReceiver.attribute(span.getAttributesList(), key);
    }

    public String resourceAttribute(String key) {
      return OtlpReceiver.attribute(resource.getAttributesList(), key);
    }
  }

  /** A decoded metric with its resource. */
  public record ReceivedMetric(Resource resource, String scope, Metric metric) {}

  /** A decoded log record with its resource. */
  public record ReceivedLog(Resource resource, String scope, LogRecord log) {
    public String attribute(String key) {
      return OtlpReceiver.attribute(log.getAttributesList(), key);
    }
  }

  public List<ReceivedSpan> spans() {
    List<ReceivedSpan> spans = new ArrayList<>();
    for (byte[] body : bodies("/v1/traces")) {
      try {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
        request.getResourceSpansList().forEach(resource -> resource.getScopeSpansList().forEach(scope ->
            scope.getSpansList().forEach(span ->
                spans.add(new ReceivedSpan(resource.getResource(), scope.getScope().getName(), span)))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return spans;
  }

  public List<ReceivedMetric> metrics() {
    List<ReceivedMetric> metrics = new ArrayList<>();
    for (byte[] body : bodies("/v1/metrics")) {
      try {
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
        request.getResourceMetricsList().forEach(resource -> resource.getScopeMetricsList().forEach(scope ->
            scope.getMetricsList().forEach(metric ->
                metrics.add(new ReceivedMetric(resource.getResource(), scope.getScope().getName(), metric)))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return metrics;
  }

  public List<ReceivedLog> logs() {
    List<ReceivedLog> logs = new ArrayList<>();
    for (byte[] body : bodies("/v1/logs")) {
      try {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(body);
        request.getResourceLogsList().forEach(resource -> resource.getScopeLogsList().forEach(scope ->
            scope.getLogRecordsList().forEach(log ->
                logs.add(new ReceivedLog(resource.getResource(), scope.getScope().getName(), log)))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return logs;
  }

  /** Every raw request body sent to a path, gunzipped when needed. */
  public List<byte[]> bodies(String path) {
    List<byte[]> bodies = new ArrayList<>();
    for (LoggedRequest request : server.findAll(postRequestedFor(urlEqualTo(path)))) {
      byte[] body = request.getBody();
      String encoding = request.getHeader("Content-Encoding");
      if ("gzip".equalsIgnoreCase(encoding) && body.length > 2 && (body[0] & 0xFF) == 0x1f && (body[1] & 0xFF) == 0x8b) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = in.readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      bodies.add(body);
    }
    return bodies;
  }

  static String attribute(List<KeyValue> attributes, String key) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)) {
        return render(attribute.getValue());
      }
    }
    return null;
  }

  static String render(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> value.toString();
    };
  }

  @Override
  public void close() {
    server.stop();
  }
}
