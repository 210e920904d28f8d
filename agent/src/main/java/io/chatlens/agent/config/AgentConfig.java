package io.chatlens.agent.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The effective, validated configuration of one agent. Immutable. */
public final class AgentConfig {

  /** OpenTelemetry defaults that ChatLens changes, as the OpenTelemetry Java agent does. */
  private static final Map<String, String> CHATLENS_OTEL_DEFAULTS = Map.of(
      "otel.exporter.otlp.protocol", "http/protobuf",
      // exemplar sampling is the largest single cost of a metric measurement; opt in with trace_based
      "otel.metrics.exemplar.filter", "always_off",
      // about 10x fewer bytes on the wire for ~1 us of background CPU per span batch member
      "otel.exporter.otlp.compression", "gzip",
      // a full-speed chatbot on two cores can start 100 000 spans a second while the export thread waits for CPU:
      // room for a second of them, sent in fewer, larger requests, so that nothing is dropped
      "otel.bsp.max.queue.size", "32768",
      "otel.bsp.max.export.batch.size", "2048",
      // the SDK reports its own queues, drops and exports with semantic-convention metric names
      "otel.experimental.sdk.telemetry.version", "latest",
      // the shipped Prometheus scrape and Grafana minimum interval are 15 s: a 60 s export leaves rates empty or spiky
      "otel.metric.export.interval", "15s");

  private final Path file;
  private final Map<String, ConfigValue> raw;
  private final Map<String, Object> typed;
  private final List<ConfigProblem> problems;
  private final Map<String, String> otelOverrides;

  AgentConfig(Path file, Map<String, ConfigValue> raw, Map<String, Object> typed, List<ConfigProblem> problems,
      Map<String, String> otelOverrides) {
    this.file = file;
    this.raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    this.typed = Collections.unmodifiableMap(typed);
    this.problems = List.copyOf(problems);
    this.otelOverrides = Collections.unmodifiableMap(otelOverrides);
  }

  /** The defaults alone, as used when the configuration cannot be read at all. */
  public static AgentConfig defaults() {
    return new ConfigResolver(new LinkedHashMap<>(), List.of()).resolve(null);
  }

  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    return (T) typed.get(key.name());
  }

  /** The agent.properties in use, or {@code null}. */
  public Path file() {
    return file;
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(ConfigProblem::isError);
  }

  public long errorCount() {
    return problems.stream().filter(ConfigProblem::isError).count();
  }

  /** The raw value a source gave for a key, or {@code null} when the default applies. */
  public ConfigValue rawValue(String key) {
    return raw.get(key);
  }

  /**
   * The {@code otel.*} values the SDK autoconfigure module gets as its lowest-precedence properties: those
   * of agent.properties and the agent options, over ChatLens's own OpenTelemetry defaults. Autoconfigure
   * reads system properties and environment variables itself, with higher precedence, exactly as without
   * ChatLens.
   */
  public Map<String, String> otelDefaultsAndFileProperties() {
    Map<String, String> properties = new LinkedHashMap<>(CHATLENS_OTEL_DEFAULTS);
    for (ConfigValue value : raw.values()) {
      if (value.key().startsWith("otel.")
          && (value.source() == ConfigSource.FILE || value.source() == ConfigSource.AGENT_OPTIONS)
          && !otelOverrides.containsKey(value.key())) {
        properties.put(value.key(), value.value());
      }
    }
    return properties;
  }

  /** Replacements for invalid {@code otel.*} values, applied over every source. */
  public Map<String, String> otelOverrides() {
    return otelOverrides;
  }

  /** The effective value of an {@code otel.*} key, or its default, or {@code null}. */
  public String otel(String key) {
    if (otelOverrides.containsKey(key)) {
      String override = otelOverrides.get(key);
      return override.isEmpty() ? null : override;
    }
    ConfigValue value = raw.get(key);
    if (value != null) {
      return value.value();
    }
    if (CHATLENS_OTEL_DEFAULTS.containsKey(key)) {
      return CHATLENS_OTEL_DEFAULTS.get(key);
    }
    ConfigKey<?> known = OtelKeys.known().get(key);
    return known == null || known.defaultValue().isEmpty() ? null : known.defaultValue();
  }

  /** service.name as OpenTelemetry resolves it. */
  public String serviceName() {
    String name = otel("otel.service.name");
    if (name != null && !name.isBlank()) {
      return name.trim();
    }
    String attributes = otel("otel.resource.attributes");
    if (attributes != null) {
      for (String pair : attributes.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals("service.name")) {
          return pair.substring(eq + 1).trim();
        }
      }
    }
    return "unknown_service:java";
  }

  /** One printable line of the effective configuration. */
  public record Entry(String key, String value, String origin) {}

  /** Every ChatLens key, every known OpenTelemetry key and every other {@code otel.*} key set, secrets masked. */
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      entries.add(entry(key.name(), key));
    }
    for (ConfigKey<?> key : OtelKeys.known().values()) {
      entries.add(entry(key.name(), key));
    }
    for (ConfigValue value : raw.values()) {
      if (value.key().startsWith("otel.") && !OtelKeys.known().containsKey(value.key())) {
        entries.add(entry(value.key(), null));
      }
    }
    return entries;
  }

  private Entry entry(String name, ConfigKey<?> key) {
    ConfigValue value = raw.get(name);
    boolean secret = key != null && key.secret();
    if (otelOverrides.containsKey(name)) {
      return new Entry(name, otelOverrides.get(name), "default (the configured value is invalid)");
    }
    if (value != null) {
      return new Entry(name, SecretMasker.mask(name, value.value(), secret || value.fromPlaceholder()), value.describeOrigin());
    }
    String fallback = name.startsWith("otel.") ? otel(name) : key == null ? null : key.defaultValue();
    return new Entry(name, fallback == null ? "" : fallback, "default");
  }
}
