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
  private volatile io.opentelemetry.sdk.metrics.export.MetricExporter exporter;
  private java.util.concurrent.ScheduledExecutorService scheduler;
  private final java.util.concurrent.atomic.AtomicReference<CompletableResultCode> inFlight =
      new java.util.concurrent.atomic.AtomicReference<>(CompletableResultCode.ofSuccess());

  /**
   * Also sends what this reader collects to a (cumulative) exporter every {@code interval}: the OTLP metric export,
   * which would otherwise need a reader, and so a copy of every metric updated on every measurement, of its own.
   * Call before the reader is registered.
   */
  public void exportEvery(io.opentelemetry.sdk.metrics.export.MetricExporter target, java.time.Duration interval) {
    this.exporter = target;
    scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "chatlens-metric-export");
      thread.setDaemon(true);
      return thread;
    });
    long millis = Math.max(1, interval.toMillis());
    scheduler.scheduleAtFixedRate(this::exportNow, millis, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Whether this reader also feeds the OTLP metric exporter. */
  public boolean exports() {
    return exporter != null;
  }

  private CompletableResultCode exportNow() {
    io.opentelemetry.sdk.metrics.export.MetricExporter target = exporter;
    if (target == null) {
      return CompletableResultCode.ofSuccess();
    }
    CompletableResultCode previous = inFlight.get();
    if (!previous.isDone()) {
      return previous; // a slow backend: never two exports at once, as the SDK's periodic reader
    }
    try {
      Collection<MetricData> metrics = collect();
      CompletableResultCode result = metrics.isEmpty() ? CompletableResultCode.ofSuccess() : target.export(metrics);
      inFlight.set(result);
      return result;
    } catch (RuntimeException failure) {
      return CompletableResultCode.ofFailure();
    }
  }

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
    if (exporter == null || shutdown) {
      return CompletableResultCode.ofSuccess();
    }
    CompletableResultCode exported = exportNow();
    CompletableResultCode flushed = new CompletableResultCode();
    exported.whenComplete(() -> exporter.flush().whenComplete(flushed::succeed));
    return flushed;
  }

  @Override
  public CompletableResultCode shutdown() {
    io.opentelemetry.sdk.metrics.export.MetricExporter target = exporter;
    if (target == null) {
      shutdown = true;
      return CompletableResultCode.ofSuccess();
    }
    scheduler.shutdownNow();
    CompletableResultCode done = new CompletableResultCode();
    exportNow().whenComplete(() -> {
      shutdown = true;
      target.shutdown().whenComplete(done::succeed);
    });
    return done;
  }
}
