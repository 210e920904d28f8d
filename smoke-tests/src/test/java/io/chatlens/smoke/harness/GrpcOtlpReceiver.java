package io.chatlens.smoke.harness;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** An OTLP/gRPC receiver (the three collector services) that keeps every request, decoded with opentelemetry-proto. */
public final class GrpcOtlpReceiver implements AutoCloseable {

  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private final Map<String, List<byte[]>> requests = new ConcurrentHashMap<>();
  private final Server server;

  public GrpcOtlpReceiver() throws IOException {
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
    for (String service : List.of("opentelemetry.proto.collector.trace.v1.TraceService",
        "opentelemetry.proto.collector.metrics.v1.MetricsService",
        "opentelemetry.proto.collector.logs.v1.LogsService")) {
      List<byte[]> bodies = new CopyOnWriteArrayList<>();
      requests.put(service, bodies);
      MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(service + "/Export")
          .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
      builder.addService(ServerServiceDefinition.builder(service)
          .addMethod(export, ServerCalls.asyncUnaryCall((request, response) -> {
            bodies.add(request);
            response.onNext(new byte[0]);
            response.onCompleted();
          })).build());
    }
    server = builder.build().start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public List<String> spanNames() {
    List<String> names = new ArrayList<>();
    for (byte[] body : requests.get("opentelemetry.proto.collector.trace.v1.TraceService")) {
      try {
        ExportTraceServiceRequest.parseFrom(body).getResourceSpansList().forEach(resource ->
            resource.getScopeSpansList().forEach(scope -> scope.getSpansList().forEach(span -> names.add(span.getName()))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }

  public List<String> metricNames() {
    List<String> names = new ArrayList<>();
    for (byte[] body : requests.get("opentelemetry.proto.collector.metrics.v1.MetricsService")) {
      try {
        ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList().forEach(resource ->
            resource.getScopeMetricsList().forEach(scope -> scope.getMetricsList().forEach(metric -> names.add(metric.getName()))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }

  public int logRecordCount() {
    int count = 0;
    for (byte[] body : requests.get("opentelemetry.proto.collector.logs.v1.LogsService")) {
      try {
        for (var resource : ExportLogsServiceRequest.parseFrom(body).getResourceLogsList()) {
          for (var scope : resource.getScopeLogsList()) {
            count += scope.getLogRecordsCount();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return count;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
