package io.chatlens.agent.alerts;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;
import java.util.List;

/**
 * A pull-only {@link MetricReader} registered on the agent's meter provider, through which the alert
 * engine reads every metric in process, with cumulative temporality, whatever exporters are configured
 * (or none). Collecting never throws: before registration, after shutdown or on a failing callback it
 * returns an empty collection.
 */
public final class AlertMetricReader implements MetricReader {

  private volatile CollectionRegistration registration = CollectionRegistration.noop();
  private volatile boolean shutdown;

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  /** Every metric of the meter provider, now, cumulative since the start of the process. */
  public Collection<MetricData> collect() {
    if (shutdown) {
      return List.of();
    }
    try {
      return registration.collectAllMetrics();
    } catch (RuntimeException failure) {
      return List.of();
    }
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdown = true;
    return CompletableResultCode.ofSuccess();
  }
}
