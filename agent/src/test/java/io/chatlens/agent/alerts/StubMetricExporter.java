package io.chatlens.agent.alerts;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;
import java.util.function.Function;

/** A cumulative {@link MetricExporter} for tests: exporting and shutting down do what the test says. */
final class StubMetricExporter implements MetricExporter {

  private final Function<Collection<MetricData>, CompletableResultCode> onExport;
  private final Runnable onShutdown;

  StubMetricExporter(Function<Collection<MetricData>, CompletableResultCode> onExport, Runnable onShutdown) {
    this.onExport = onExport;
    this.onShutdown = onShutdown;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    return onExport.apply(metrics);
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType type) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    onShutdown.run();
    return CompletableResultCode.ofSuccess();
  }
}
