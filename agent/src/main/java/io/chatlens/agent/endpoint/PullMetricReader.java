package io.chatlens.agent.endpoint;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A metric reader that collects (cumulatively) only when asked: for scrapes and the live page (the health report
 * reads the drop counts of the last collection). It can also be a
 * view of another cumulative in-process reader ({@link #sharing}): every reader registered on the meter provider
 * keeps its own copy of every metric, updated on every measurement on the application's threads, so the agent
 * registers one in-process reader and lets the endpoint and the alert engine share it.
 */
public final class PullMetricReader implements MetricReader {

  private volatile CollectionRegistration registration;
  private final java.util.function.Supplier<Collection<MetricData>> shared;
  private volatile Map<String, Long> lastSdkDrops = Map.of();

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

  /**
   * Every metric now; empty until the SDK is built. Also keeps the SDK's queue drops of this collection for
   * {@link #lastSdkDrops}.
   */
  public Collection<MetricData> collect() {
    Collection<MetricData> collected;
    if (shared != null) {
      collected = shared.get();
    } else {
      CollectionRegistration current = registration;
      collected = current == null ? List.of() : current.collectAllMetrics();
    }
    lastSdkDrops = HealthReport.sdkDrops(collected);
    return collected;
  }

  /**
   * The items the SDK dropped because its queues were full, by signal, as of the last {@link #collect} (a
   * {@code /metrics} scrape, the live page's sampler); empty before the first. Reading it collects nothing.
   */
  public Map<String, Long> lastSdkDrops() {
    return lastSdkDrops;
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
