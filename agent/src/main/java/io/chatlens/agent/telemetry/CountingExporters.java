package io.chatlens.agent.telemetry;

import io.chatlens.agent.diagnostics.Diagnostics;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * Wraps the SDK's exporters to count what each signal exported and failed, for the health report and
 * self-metrics. A failing backend is reported at most once a minute.
 */
final class CountingExporters {

  private CountingExporters() {}

  static void track(CompletableResultCode result, ExporterStats stats, int items) {
    result.whenComplete(() -> {
      if (result.isSuccess()) {
        stats.succeeded(items);
      } else {
        stats.failed(items);
        Diagnostics.debug("export of " + stats.signal() + " failed: " + result.getFailureThrowable());
        Diagnostics.warnRateLimited("export", "exporting " + stats.signal()
            + " failed; the backend is unreachable or refused them (retried with backoff; reported at most once a minute)");
      }
    });
  }

  static SpanExporter spans(SpanExporter delegate, ExporterStats stats) {
    stats.configured();
    return ForwardingExporters.spans(delegate, spans -> {
      CompletableResultCode result = delegate.export(spans);
      track(result, stats, spans.size());
      return result;
    });
  }

  static MetricExporter metrics(MetricExporter delegate, ExporterStats stats) {
    stats.configured();
    return new MetricExporter() {
      @Override
      public CompletableResultCode export(Collection<MetricData> metrics) {
        CompletableResultCode result = delegate.export(metrics);
        track(result, stats, points(metrics));
        return result;
      }

      @Override
      public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return delegate.getAggregationTemporality(instrumentType);
      }

      @Override
      public io.opentelemetry.sdk.metrics.Aggregation getDefaultAggregation(InstrumentType instrumentType) {
        return delegate.getDefaultAggregation(instrumentType);
      }

      @Override
      public MemoryMode getMemoryMode() {
        return delegate.getMemoryMode();
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

  static LogRecordExporter logs(LogRecordExporter delegate, ExporterStats stats) {
    stats.configured();
    return ForwardingExporters.logs(delegate, logs -> {
      CompletableResultCode result = delegate.export(logs);
      track(result, stats, logs.size());
      return result;
    });
  }

  /** Metric points in a batch (what the self-metrics count for metrics), not metric streams. */
  static int points(Collection<MetricData> metrics) {
    int points = 0;
    for (MetricData metric : metrics) {
      points += metric.getData().getPoints().size();
    }
    return points;
  }
}
