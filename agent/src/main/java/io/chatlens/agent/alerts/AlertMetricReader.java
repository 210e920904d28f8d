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
  private volatile java.util.concurrent.ScheduledExecutorService scheduler;
  private final java.util.concurrent.atomic.AtomicBoolean exporting = new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile CompletableResultCode inFlight;

  /** How soon after start the first metric export is sent. */
  public static final long FIRST_EXPORT_MILLIS = 1_000;

  /**
   * Also sends what this reader collects to a (cumulative) exporter every {@code interval}: the OTLP metric export,
   * which would otherwise need a reader, and so a copy of every metric updated on every measurement, of its own.
   * Call before the reader is registered.
   *
   * <p>The first export is sent {@link #FIRST_EXPORT_MILLIS} after this call (or after {@code interval} when that is
   * shorter), the following ones every {@code interval} after it. The early first export puts the metrics in the backend
   * within seconds of start, and it runs the metric marshalling code (classes the span and log export share call
   * sites with) before the JIT has compiled the application's hot code: the first export at a full interval, under
   * load, made the JIT throw away and recompile the shared marshalling and H2 code at that moment (measured with
   * {@code benchmarks/overhead}: some 4 s of compilation in the steady phase, at 61 s).
   */
  public void exportEvery(io.opentelemetry.sdk.metrics.export.MetricExporter target, java.time.Duration interval) {
    this.exporter = target;
    java.util.concurrent.ScheduledExecutorService created =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
          Thread thread = new Thread(task, "chatlens-metric-export");
          thread.setDaemon(true);
          return thread;
        });
    scheduler = created;
    long millis = Math.max(1, interval.toMillis());
    created.scheduleAtFixedRate(() -> {
      try {
        exportNow();
      } catch (Throwable fault) {
        // keep the schedule: a task that throws is never run again
      }
    }, Math.min(millis, FIRST_EXPORT_MILLIS), millis, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Whether this reader also feeds the OTLP metric exporter. */
  public boolean exports() {
    return exporter != null;
  }

  /**
   * Forgets a failed start (the SDK closed this reader when its configuration was rejected): stops the export,
   * clears the shut-down state, and lets the reader be registered on the next meter provider.
   */
  public void reset() {
    java.util.concurrent.ScheduledExecutorService running = scheduler;
    if (running != null) {
      running.shutdownNow();
    }
    scheduler = null;
    exporter = null;
    registration = CollectionRegistration.noop();
    closed.set(false);
    shutdown = false;
  }

  /** One export, unless one is still running (a slow backend: never two at once, as the SDK's periodic reader). */
  private CompletableResultCode exportNow() {
    io.opentelemetry.sdk.metrics.export.MetricExporter target = exporter;
    if (target == null || !exporting.compareAndSet(false, true)) {
      return CompletableResultCode.ofSuccess();
    }
    try {
      Collection<MetricData> metrics = collect();
      CompletableResultCode result = metrics.isEmpty() ? CompletableResultCode.ofSuccess() : target.export(metrics);
      inFlight = result;
      result.whenComplete(() -> exporting.set(false));
      return result;
    } catch (Throwable failure) {
      exporting.set(false);
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
    io.opentelemetry.sdk.metrics.export.MetricExporter target = exporter;
    if (target == null || shutdown) {
      return CompletableResultCode.ofSuccess();
    }
    CompletableResultCode exported = exportNow();
    CompletableResultCode flushed = new CompletableResultCode();
    exported.whenComplete(() -> target.flush().whenComplete(() -> {
      if (exported.isSuccess()) {
        flushed.succeed();
      } else {
        flushed.fail();
      }
    }));
    return flushed;
  }

  /**
   * With an exporter, as the SDK's periodic reader: stops the schedule, makes one last export and waits for it at
   * most 5 s (a hanging backend never holds the JVM's exit longer), then always shuts the exporter down.
   */
  @Override
  public CompletableResultCode shutdown() {
    if (!closed.compareAndSet(false, true)) {
      return CompletableResultCode.ofSuccess();
    }
    io.opentelemetry.sdk.metrics.export.MetricExporter target = exporter;
    if (target == null) {
      shutdown = true;
      return CompletableResultCode.ofSuccess();
    }
    java.util.concurrent.ScheduledExecutorService running = scheduler;
    if (running != null) {
      running.shutdown();
      try {
        running.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    // a periodic export still in flight (a short-lived application exits right after one started) finishes first:
    // shutting the exporter down under it would interrupt it, and the final export would be skipped as "running"
    CompletableResultCode pending = inFlight;
    if (pending != null) {
      pending.join(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    exporting.set(false); // the scheduler has stopped: the final export must not be skipped as "still running"
    exportNow().join(5, java.util.concurrent.TimeUnit.SECONDS);
    shutdown = true;
    return target.shutdown();
  }
}
