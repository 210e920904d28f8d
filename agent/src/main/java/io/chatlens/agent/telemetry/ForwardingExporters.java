package io.chatlens.agent.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.function.Function;

/**
 * Exporters that do something with each batch (count it, show it, ...) and hand flush, shutdown and their name to
 * the exporter they wrap: the agent's wrappers around the SDK's span and log record exporters.
 */
final class ForwardingExporters {

  private ForwardingExporters() {}

  /** A span exporter whose {@code export} is {@code export}; the rest goes to {@code delegate}. */
  static SpanExporter spans(SpanExporter delegate, Function<Collection<SpanData>, CompletableResultCode> export) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return export.apply(spans);
      }

      @Override
      public CompletableResultCode flush() {
        return delegate.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return delegate.shutdown();
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }

  /** A log record exporter whose {@code export} is {@code export}; the rest goes to {@code delegate}. */
  static LogRecordExporter logs(LogRecordExporter delegate,
      Function<Collection<LogRecordData>, CompletableResultCode> export) {
    return new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> logs) {
        return export.apply(logs);
      }

      @Override
      public CompletableResultCode flush() {
        return delegate.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return delegate.shutdown();
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }
}
