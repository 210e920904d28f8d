package io.chatlens.agent.endpoint;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;
import java.util.List;

/**
 * A metric reader that collects (cumulatively) only when asked: for scrapes and the health report. It can also be a
 * view of another cumulative in-process reader ({@link #sharing}): every reader registered on the meter provider
 * keeps its own copy of every metric, updated on every measurement on the application's threads, so the agent
 * registers one in-process reader and lets the endpoint and the alert engine share it.
 */
public final class PullMetricReader implements MetricReader {

  private volatile CollectionRegistration registration;
  private final java.util.function.Supplier<Collection<MetricData>> shared;

  public PullMetricReader() {
    this.shared = null;
  }

  private PullMetricReader(java.util.function.Supplier<Collection<MetricData>> shared) {
    this.shared = shared;
  }

  /** A reader that is not registered itself and collects from {@code source}, a registered cumulative reader. */
  public static PullMetricReader sharing(java.util.function.Supplier<Collection<MetricData>> source) {
    return new PullMetricReader(source);
  }

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  /** Every metric now; empty until the SDK is built. */
  public Collection<MetricData> collect() {
    if (shared != null) {
      return shared.get();
    }
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
