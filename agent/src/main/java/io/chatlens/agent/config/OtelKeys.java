package io.chatlens.agent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The standard {@code otel.*} keys ChatLens knows about. They are handed to the OpenTelemetry SDK
 * autoconfigure module unchanged; ChatLens only checks the common ones early so that a typo gets the same
 * one-line error as a ChatLens key, and falls back to the default instead of losing all telemetry.
 * Any other {@code otel.*} key is passed through as is.
 */
public final class OtelKeys {

  private static final Map<String, ConfigKey<?>> KNOWN = new LinkedHashMap<>();
  private static final String SECTION = "OpenTelemetry";

  static {
    String signalExporters = "otlp, console, logging, none";
    known("otel.sdk.disabled", ValueType.bool(), "false", "Disables the OpenTelemetry SDK (ChatLens alerts and logs keep working).");
    known("otel.service.name", ValueType.nonEmptyText(), "", "service.name of every span, metric and log. Default unknown_service:java.");
    known("otel.resource.attributes", ValueType.text(), "", "Extra resource attributes, key=value pairs separated by commas.");
    known("otel.traces.exporter", ValueType.listOf(signalExporters.split(", ")), "otlp", "Span exporters.");
    known("otel.metrics.exporter", ValueType.listOf("otlp", "console", "logging", "none"), "otlp", "Metric exporters (the Prometheus endpoint is chatlens.prometheus.*).");
    known("otel.logs.exporter", ValueType.listOf(signalExporters.split(", ")), "otlp", "Log record exporters.");
    known("otel.exporter.otlp.endpoint", ValueType.url(), "http://localhost:4318", "OTLP endpoint for all signals (4318 for http/protobuf, 4317 for grpc).");
    known("otel.exporter.otlp.traces.endpoint", ValueType.url(), "", "OTLP endpoint for spans only.");
    known("otel.exporter.otlp.metrics.endpoint", ValueType.url(), "", "OTLP endpoint for metrics only.");
    known("otel.exporter.otlp.logs.endpoint", ValueType.url(), "", "OTLP endpoint for logs only.");
    known("otel.exporter.otlp.protocol", ValueType.oneOf("http/protobuf", "grpc"), "http/protobuf", "OTLP transport.");
    known("otel.exporter.otlp.traces.protocol", ValueType.oneOf("http/protobuf", "grpc"), "", "OTLP transport for spans.");
    known("otel.exporter.otlp.metrics.protocol", ValueType.oneOf("http/protobuf", "grpc"), "", "OTLP transport for metrics.");
    known("otel.exporter.otlp.logs.protocol", ValueType.oneOf("http/protobuf", "grpc"), "", "OTLP transport for logs.");
    secret("otel.exporter.otlp.headers", ValueType.text(), "", "Headers sent with every OTLP request, key=value pairs; write secrets as ${env:NAME}.");
    known("otel.exporter.otlp.compression", ValueType.oneOf("gzip", "none"), "gzip", "OTLP payload compression "
        + "(ChatLens default gzip, at the deflate level of chatlens.otlp.gzip-level: about eight times fewer bytes; "
        + "OpenTelemetry's own default is none).");
    known("otel.exporter.otlp.timeout", ValueType.duration(), "10s", "OTLP export timeout.");
    known("otel.exporter.otlp.certificate", ValueType.text(), "", "Trusted certificates (PEM) for the OTLP endpoint.");
    known("otel.exporter.otlp.client.key", ValueType.text(), "", "Client private key (PEM) for mTLS.");
    known("otel.exporter.otlp.client.certificate", ValueType.text(), "", "Client certificate (PEM) for mTLS.");
    known("otel.traces.sampler", ValueType.oneOf("always_on", "always_off", "traceidratio", "parentbased_always_on",
        "parentbased_always_off", "parentbased_traceidratio", "jaeger_remote", "parentbased_jaeger_remote"),
        "parentbased_always_on", "Span sampler.");
    known("otel.traces.sampler.arg", ValueType.text(), "", "Sampler argument, e.g. the ratio 0.25 for traceidratio.");
    known("otel.propagators", ValueType.text(), "tracecontext,baggage", "Context propagators.");
    known("otel.bsp.schedule.delay", ValueType.duration(), "5s", "Delay between two span batches.");
    known("otel.bsp.max.queue.size", ValueType.integer(1, 10_000_000), "32768", "Spans queued before new ones are dropped "
        + "(ChatLens default; OpenTelemetry's is 2048, which a busy chatbot on two cores overflows).");
    known("otel.bsp.max.export.batch.size", ValueType.integer(1, 10_000_000), "2048", "Spans per export request "
        + "(ChatLens default; OpenTelemetry's is 512).");
    known("otel.blrp.schedule.delay", ValueType.duration(), "1s", "Delay between two log batches.");
    known("otel.blrp.max.queue.size", ValueType.integer(1, 10_000_000), "2048", "Log records queued before new ones are dropped.");
    known("otel.metrics.exemplar.filter", ValueType.oneOf("always_off", "always_on", "trace_based"), "always_off",
        "Exemplars (trace ids on metric points). trace_based links Grafana panels to traces, at about 100 ns per measurement.");
    known("otel.metric.export.interval", ValueType.duration(), "15s", "Interval between two OTLP metric exports "
        + "(ChatLens default 15 s, the scrape and Grafana interval of the shipped backends; OpenTelemetry's own default "
        + "is 60 s).");
  }

  private OtelKeys() {}

  /** The known keys, in documentation order. */
  public static Map<String, ConfigKey<?>> known() {
    return Collections.unmodifiableMap(KNOWN);
  }

  private static void known(String name, ValueType<?> type, String defaultValue, String description) {
    KNOWN.put(name, new ConfigKey<>(SECTION, name, type, defaultValue, description, false));
  }

  private static void secret(String name, ValueType<?> type, String defaultValue, String description) {
    KNOWN.put(name, new ConfigKey<>(SECTION, name, type, defaultValue, description, true));
  }
}
