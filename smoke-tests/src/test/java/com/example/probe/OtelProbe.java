package com.example.probe;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** An application that ships its own OpenTelemetry API and SDK (1.40) and uses the global instance. */
public final class OtelProbe {

  private OtelProbe() {}

  public static void main(String[] args) {
    System.out.println("api from " + Jars.of(OpenTelemetry.class));
    System.out.println("sdk from " + Jars.of(OpenTelemetrySdk.class));
    System.out.println(new ProbeChatService().handle("s-1", "hello"));
    Collecting exporter = new Collecting();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .buildAndRegisterGlobal();
    Span span = GlobalOpenTelemetry.getTracer("probe").spanBuilder("app-span").startSpan();
    span.setAttribute("app.attribute", "kept");
    span.end();
    System.out.println("global is registered by the application: " + GlobalOpenTelemetry.get().getClass().getSimpleName());
    System.out.println("app spans: " + exporter.names);
    sdk.getSdkTracerProvider().shutdown();
  }

  /** Collects the names of exported spans. */
  static final class Collecting implements SpanExporter {
    final List<String> names = new ArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      for (SpanData span : spans) {
        names.add(span.getName() + " " + span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("app.attribute")));
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
