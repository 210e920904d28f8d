package io.chatlens.agent.telemetry;

import io.chatlens.agent.AgentVersion;
import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.endpoint.PullMetricReader;
import io.chatlens.agent.diagnostics.Diagnostics;
import io.chatlens.agent.redaction.Redactor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent's OpenTelemetry SDK, built by the SDK autoconfigure module so that every standard
 * {@code otel.*} key and {@code OTEL_*} variable behaves exactly as documented by OpenTelemetry. It is
 * private to the agent: never registered as the global instance, invisible to the application.
 */
public final class Telemetry {

  static final AttributeKey<String> DISTRO_NAME = io.chatlens.instrumentation.core.Semconv.TELEMETRY_DISTRO_NAME;
  static final AttributeKey<String> DISTRO_VERSION = io.chatlens.instrumentation.core.Semconv.TELEMETRY_DISTRO_VERSION;

  private final OpenTelemetrySdk sdk;
  private final OpenTelemetry guarded;
  private final Resource resource;
  private final PullMetricReader pullReader;
  private final Map<String, ExporterStats> exporters;
  private final java.util.List<QueueFill> queues;
  private final SpanTap spanTap;
  private final HistogramRelay relay;

  private Telemetry(OpenTelemetrySdk sdk, Resource resource, PullMetricReader pullReader,
      Map<String, ExporterStats> exporters, java.util.List<QueueFill> queues, Redactor redactor, SpanTap spanTap,
      AgentConfig config) {
    this.spanTap = spanTap;
    this.sdk = sdk;
    this.relay = HistogramRelay.started();
    String exemplars = config == null ? null : config.otel("otel.metrics.exemplar.filter");
    relay.contextNeeded(exemplars != null && !"always_off".equalsIgnoreCase(exemplars.trim()));
    this.guarded = GuardedMeters.wrap(sdk, redactor.labels(), relay);
    this.resource = resource;
    this.pullReader = pullReader;
    this.exporters = exporters;
    this.queues = queues;
  }

  /**
   * Builds the SDK and its exporters. Slow (class loading); the agent calls it off the main thread. When
   * the OpenTelemetry configuration is unusable, the error is reported and the SDK is built again with
   * every exporter off, so metrics, logs and alerts inside the agent keep working.
   */
  public static Telemetry start(AgentConfig config, Redactor redactor) {
    return start(config, redactor, null);
  }

  /**
   * As {@link #start(AgentConfig, Redactor)}, with one more metric reader on the meter provider: the
   * alert engine's, which reads every metric in process whatever the exporters. With
   * {@code otel.sdk.disabled=true} the SDK exports nothing, but the meter provider still feeds this reader.
   *
   * @param alertReader the alert engine's reader, or {@code null}
   */
  public static Telemetry start(AgentConfig config, Redactor redactor, MetricReader alertReader) {
    try {
      return build(config, redactor, Map.of(), alertReader);
    } catch (ConfigurationException invalid) {
      Diagnostics.error("OpenTelemetry configuration error: " + invalid.getMessage()
          + "; OTLP export is off until it is fixed");
      if (alertReader instanceof io.chatlens.agent.alerts.AlertMetricReader inProcess) {
        inProcess.reset(); // the failed start closed it; the endpoint and the alert engine still need it
      }
      return build(config, redactor, Map.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none",
          "otel.logs.exporter", "none"), alertReader);
    }
  }

  private static Telemetry build(AgentConfig config, Redactor redactor, Map<String, String> extraOverrides,
      MetricReader alertReader) {
    Map<String, String> overrides = new HashMap<>(config.otelOverrides());
    overrides.putAll(extraOverrides);
    Resource[] resource = new Resource[1];
    // One in-process reader for the endpoint and the alert engine: each registered reader is one more copy of every
    // measurement on the application's threads.
    boolean shared = alertReader instanceof io.chatlens.agent.alerts.AlertMetricReader;
    PullMetricReader pullReader = shared
        ? PullMetricReader.sharing(((io.chatlens.agent.alerts.AlertMetricReader) alertReader)::collect)
        : new PullMetricReader();
    MetricExporter[] lastMetricExporter = new MetricExporter[1];
    boolean[] sharedExports = new boolean[1];
    FastGzip gzip = new FastGzip(config.get(io.chatlens.agent.config.ConfigKeys.OTLP_GZIP_LEVEL));
    Map<String, ExporterStats> exporters = new java.util.LinkedHashMap<>();
    for (String signal : new String[] {"traces", "metrics", "logs"}) {
      exporters.put(signal, new ExporterStats(signal));
    }
    // how full the span and log record export queues are, for the circuit breaker
    QueueFill spanQueue = new QueueFill("spans");
    QueueFill logQueue = new QueueFill("log_records");
    SpanTap spanTap = new SpanTap();
    AutoConfiguredOpenTelemetrySdk autoConfigured = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(config::otelDefaultsAndFileProperties)
        .addPropertiesCustomizer(properties -> overrides)
        .addResourceCustomizer((base, properties) -> {
          Resource merged = base.merge(HostAndProcess.resource(base)).merge(Resource.create(Attributes.of(
              DISTRO_NAME, "chatlens", DISTRO_VERSION, AgentVersion.get())));
          resource[0] = merged;
          return merged;
        })
        .addSpanExporterCustomizer((exporter, properties) ->
            spanQueue.draining(new RedactingSpanExporter(spanTap.wrap(CountingExporters.spans(
                gzip.apply(exporter, FastGzip.compressionOf(properties, "traces")), exporters.get("traces"))), redactor)))
        .addSpanProcessorCustomizer((processor, properties) -> {
          if (!(processor instanceof io.opentelemetry.sdk.trace.export.BatchSpanProcessor)) {
            return processor;
          }
          spanQueue.capacity(properties.getInt("otel.bsp.max.queue.size", 2048));
          return spanQueue.counting(processor);
        })
        .addMetricExporterCustomizer((exporter, properties) -> {
          MetricExporter counted = CountingExporters.metrics(
              gzip.apply(exporter, FastGzip.compressionOf(properties, "metrics")), exporters.get("metrics"));
          lastMetricExporter[0] = counted;
          return counted;
        })
        .addMetricReaderCustomizer((reader, properties) -> {
          // The OTLP periodic reader would keep a third copy of every metric: the in-process reader exports instead,
          // when the exporter wants what it has (cumulative, default aggregations).
          // Exemplars are taken out of a reader's storage at each collection: with exemplars on, the OTLP export
          // keeps a reader of its own, or the endpoint's and the alert engine's collections would take them first.
          boolean exemplarsOff = "always_off".equals(properties.getString("otel.metrics.exemplar.filter", "always_off"));
          if (shared && !sharedExports[0] && reader instanceof PeriodicMetricReader && exemplarsOff
              && lastMetricExporter[0] != null && cumulativeDefaults(lastMetricExporter[0])) {
            io.chatlens.agent.alerts.AlertMetricReader inProcess = (io.chatlens.agent.alerts.AlertMetricReader) alertReader;
            inProcess.exportEvery(lastMetricExporter[0],
                properties.getDuration("otel.metric.export.interval", java.time.Duration.ofMinutes(1)));
            sharedExports[0] = true;
            return inProcess;
          }
          return reader;
        })
        .addLogRecordExporterCustomizer((exporter, properties) ->
            logQueue.draining(new RedactingLogRecordExporter(CountingExporters.logs(
                gzip.apply(exporter, FastGzip.compressionOf(properties, "logs")), exporters.get("logs")), redactor)))
        .addLogRecordProcessorCustomizer((processor, properties) -> {
          if (!(processor instanceof io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor)) {
            return processor;
          }
          logQueue.capacity(properties.getInt("otel.blrp.max.queue.size", 2048));
          return logQueue.counting(processor);
        })
        .addMeterProviderCustomizer((builder, properties) -> {
          if (!shared) {
            builder.registerMetricReader(pullReader);
          }
          // already registered when it took the periodic reader's place
          return alertReader == null || sharedExports[0] ? builder : builder.registerMetricReader(alertReader);
        })
        .setServiceClassLoader(Telemetry.class.getClassLoader())
        .disableShutdownHook()
        .build();
    Resource effective = resource[0] == null ? Resource.getDefault() : resource[0];
    if ("true".equalsIgnoreCase(config.otel("otel.sdk.disabled"))) {
      // Autoconfigure skipped every customizer: metrics for the endpoint and the alert engine, nothing exported.
      SdkMeterProviderBuilder meters = SdkMeterProvider.builder().setResource(effective);
      if (!shared) {
        meters.registerMetricReader(pullReader);
      }
      if (alertReader != null) {
        meters.registerMetricReader(alertReader);
      }
      return new Telemetry(OpenTelemetrySdk.builder().setMeterProvider(meters.build()).build(), effective, pullReader,
          exporters, java.util.List.of(spanQueue, logQueue), redactor, spanTap, config);
    }
    return new Telemetry(autoConfigured.getOpenTelemetrySdk(), effective, pullReader, exporters,
        java.util.List.of(spanQueue, logQueue), redactor, spanTap, config);
  }

  /** Whether an exporter takes cumulative data with the SDK's default aggregation for every instrument type. */
  static boolean cumulativeDefaults(MetricExporter exporter) {
    for (io.opentelemetry.sdk.metrics.InstrumentType type : io.opentelemetry.sdk.metrics.InstrumentType.values()) {
      if (exporter.getAggregationTemporality(type) != io.opentelemetry.sdk.metrics.data.AggregationTemporality.CUMULATIVE
          || !io.opentelemetry.sdk.metrics.Aggregation.defaultAggregation().equals(exporter.getDefaultAggregation(type))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The SDK as the agent's instrumentation uses it: every metric measurement of the ChatLens scopes passes the
   * label guard (redaction and the per-label cardinality limit, see {@link GuardedMeters}).
   */
  public OpenTelemetry openTelemetry() {
    return guarded;
  }

  public OpenTelemetrySdk sdk() {
    return sdk;
  }

  public Resource resource() {
    return resource;
  }

  /** Collects every metric on demand (the Prometheus endpoint and the health report). */
  public PullMetricReader pullReader() {
    return pullReader;
  }

  /** The span and log record export queues, as far as they can be seen from outside (for the circuit breaker). */
  public java.util.List<QueueFill> queues() {
    return queues;
  }

  /** The exported spans, redacted, on the export thread (the live page's slowest turns). */
  public SpanTap spanTap() {
    return spanTap;
  }

  /** Export statistics by signal: traces, metrics, logs. */
  public Map<String, ExporterStats> exporters() {
    return exporters;
  }

  /** The histogram relay's self-metrics: measurements waiting and dropped. */
  public void registerRelayMetrics(io.opentelemetry.api.metrics.Meter meter) {
    SelfMetrics.registerRelay(meter, relay);
  }

  /** Flushes and shuts down every exporter, waiting at most this long. */
  public void shutdown(long timeout, TimeUnit unit) {
    relay.close(); // the last histogram measurements reach the SDK before its final export
    CompletableResultCode result = sdk.shutdown();
    result.join(timeout, unit);
  }
}
