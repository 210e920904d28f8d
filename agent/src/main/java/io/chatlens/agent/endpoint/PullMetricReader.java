package io.chatlens.agent.endpoint;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;
import java.util.List;

/** A metric reader that collects (cumulatively) only when asked: for scrapes and the health report. */
public final class PullMetricReader implements MetricReader {

  private volatile CollectionRegistration registration;

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  /** Every metric now; empty until the SDK is built. */
  public Collection<MetricData> collect() {
    CollectionRegistration current = registration;
    return current == null ? List.of() : current.collectAllMetrics();
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    registration = null;
    return CompletableResultCode.ofSuccess();
  }
}
