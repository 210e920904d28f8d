package io.chatlens.smoke.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The collector and Jaeger configurations read the way their pinned versions read them: every component is one
 * that the pinned image has (opentelemetry-collector-contrib 0.111.0, Jaeger 2.5.0), and every key is one of that
 * component's settings, with the documented values where they are an enumeration. Neither image can be started
 * where ChatLens is developed (no Docker), so the schema of what the files use is kept here, from the components'
 * documentation of those versions: a misspelt key, which the collector refuses at startup, fails this test instead.
 */
class CollectorSchemaTest {

  /** A component's settings: a key to its nested schema, {@code LEAF} for a value. */
  private static final Map<String, Object> LEAF = Map.of();

  private static final Map<String, Object> TLS_CLIENT = Map.of("insecure", LEAF, "insecure_skip_verify", LEAF,
      "ca_file", LEAF, "cert_file", LEAF, "key_file", LEAF, "server_name_override", LEAF);
  private static final Map<String, Object> GRPC_SERVER = Map.of("endpoint", LEAF, "transport", LEAF, "tls", LEAF,
      "max_recv_msg_size_mib", LEAF, "max_concurrent_streams", LEAF, "read_buffer_size", LEAF,
      "write_buffer_size", LEAF, "keepalive", LEAF, "auth", LEAF, "include_metadata", LEAF);
  private static final Map<String, Object> HTTP_SERVER = Map.of("endpoint", LEAF, "tls", LEAF, "cors", LEAF,
      "include_metadata", LEAF, "traces_url_path", LEAF, "metrics_url_path", LEAF, "logs_url_path", LEAF,
      "max_request_body_size", LEAF, "auth", LEAF);
  private static final Map<String, Object> OTLP_RECEIVER = Map.of("protocols", Map.of("grpc", GRPC_SERVER, "http",
      HTTP_SERVER));

  /** opentelemetry-collector-contrib 0.111.0: the component types config/otel-collector/config.yaml may use. */
  static final Map<String, Map<String, Map<String, Object>>> CONTRIB_0_111 = Map.of(
      "receivers", Map.of("otlp", OTLP_RECEIVER),
      "processors", Map.of(
          "memory_limiter", Map.of("check_interval", LEAF, "limit_mib", LEAF, "spike_limit_mib", LEAF,
              "limit_percentage", LEAF, "spike_limit_percentage", LEAF),
          "batch", Map.of("timeout", LEAF, "send_batch_size", LEAF, "send_batch_max_size", LEAF, "metadata_keys", LEAF,
              "metadata_cardinality_limit", LEAF),
          "transform", Map.of("error_mode", LEAF, "trace_statements", LEAF, "metric_statements", LEAF,
              "log_statements", LEAF)),
      "exporters", Map.of(
          "otlp", Map.ofEntries(Map.entry("endpoint", LEAF), Map.entry("tls", TLS_CLIENT), Map.entry("headers", LEAF),
              Map.entry("compression", LEAF), Map.entry("timeout", LEAF), Map.entry("sending_queue", LEAF),
              Map.entry("retry_on_failure", LEAF), Map.entry("balancer_name", LEAF), Map.entry("auth", LEAF),
              Map.entry("keepalive", LEAF), Map.entry("wait_for_ready", LEAF), Map.entry("authority", LEAF)),
          "prometheus", Map.of("endpoint", LEAF, "namespace", LEAF, "const_labels", LEAF, "send_timestamps", LEAF,
              "metric_expiration", LEAF, "enable_open_metrics", LEAF, "add_metric_suffixes", LEAF,
              "resource_to_telemetry_conversion", Map.of("enabled", LEAF), "tls", LEAF),
          "debug", Map.of("verbosity", LEAF, "sampling_initial", LEAF, "sampling_thereafter", LEAF,
              "use_internal_logger", LEAF)),
      "extensions", Map.of("health_check", Map.of("endpoint", LEAF, "path", LEAF, "tls", LEAF, "response_body", LEAF,
          "check_collector_pipeline", LEAF)),
      "connectors", Map.of());

  /** Jaeger 2.5.0 (a collector distribution): the component types config/jaeger/config.yaml may use. */
  static final Map<String, Map<String, Map<String, Object>>> JAEGER_2_5 = Map.of(
      "receivers", Map.of("otlp", OTLP_RECEIVER),
      "processors", Map.of("batch", Map.of("timeout", LEAF, "send_batch_size", LEAF, "send_batch_max_size", LEAF)),
      "exporters", Map.of("jaeger_storage_exporter", Map.of("trace_storage", LEAF, "queue", LEAF, "timeout", LEAF)),
      "extensions", Map.of(
          "jaeger_storage", Map.of("backends", LEAF),
          "jaeger_query", Map.of("storage", Map.of("traces", LEAF, "traces_archive", LEAF, "metrics", LEAF),
              "base_path", LEAF, "ui", LEAF, "http", Map.of("endpoint", LEAF, "tls", LEAF, "cors", LEAF),
              "grpc", Map.of("endpoint", LEAF, "tls", LEAF), "max_clock_skew_adjust", LEAF),
          "healthcheckv2", Map.of("use_v2", LEAF, "http", Map.of("endpoint", LEAF, "status", LEAF, "config", LEAF),
              "grpc", LEAF, "component_health", LEAF)),
      "connectors", Map.of());

  private static final Set<String> TOP_LEVEL = Set.of("receivers", "processors", "exporters", "extensions",
      "connectors", "service");

  @SuppressWarnings("unchecked")
  private static List<String> problems(Map<String, Object> config, Map<String, Map<String, Map<String, Object>>> schema) {
    List<String> problems = new ArrayList<>();
    for (String section : config.keySet()) {
      if (!TOP_LEVEL.contains(section)) {
        problems.add("unknown top-level key " + section);
      }
    }
    schema.forEach((kind, types) -> {
      Map<String, Object> components = (Map<String, Object>) config.getOrDefault(kind, Map.of());
      components.forEach((id, settings) -> {
        String type = id.contains("/") ? id.substring(0, id.indexOf('/')) : id;
        Map<String, Object> known = types.get(type);
        if (known == null) {
          problems.add(kind + "." + id + ": no component " + type + " in this version (known: " + types.keySet() + ")");
        } else if (settings instanceof Map<?, ?> map) {
          check(kind + "." + id, (Map<String, Object>) map, known, problems);
        }
      });
    });
    return problems;
  }

  @SuppressWarnings("unchecked")
  private static void check(String where, Map<String, Object> settings, Map<String, Object> known, List<String> problems) {
    settings.forEach((key, value) -> {
      Object nested = known.get(key);
      if (nested == null) {
        problems.add(where + "." + key + ": not a setting of this component (known: " + known.keySet() + ")");
      } else if (nested != LEAF && value instanceof Map<?, ?> map && !((Map<String, Object>) nested).isEmpty()) {
        check(where + "." + key, (Map<String, Object>) map, (Map<String, Object>) nested, problems);
      }
    });
  }

  @Test
  void theCollectorConfigurationUsesOnlyComponentsAndSettingsOfThePinnedContribVersion() {
    Map<String, Object> collector = ConfigAssets.yamlMap(ConfigAssets.configDir().resolve("otel-collector/config.yaml"));
    Map<String, Object> compose = ConfigAssets.yamlMap(ConfigAssets.configDir().resolve("docker-compose.yml"));
    assertThat((String) ConfigAssets.at(compose, "services", "otel-collector", "image"))
        .as("the version this schema describes").isEqualTo("otel/opentelemetry-collector-contrib:0.111.0");

    assertThat(problems(collector, CONTRIB_0_111)).isEmpty();
    assertThat((String) ConfigAssets.at(collector, "exporters", "debug", "verbosity")).isIn("basic", "normal", "detailed");
    assertThat((String) ConfigAssets.at(collector, "processors", "transform/metric-resource", "error_mode"))
        .isIn("ignore", "silent", "propagate");
    List<Map<String, Object>> statements = ConfigAssets.at(collector, "processors", "transform/metric-resource",
        "metric_statements");
    assertThat(statements).isNotEmpty().allSatisfy(group -> {
      assertThat(group).containsOnlyKeys("context", "statements");
      assertThat(group.get("context")).isIn("resource", "scope", "metric", "datapoint");
    });
  }

  @Test
  void theJaegerConfigurationUsesOnlyComponentsAndSettingsOfThePinnedVersion() {
    Map<String, Object> jaeger = ConfigAssets.yamlMap(ConfigAssets.configDir().resolve("jaeger/config.yaml"));
    Map<String, Object> compose = ConfigAssets.yamlMap(ConfigAssets.configDir().resolve("docker-compose.yml"));
    assertThat((String) ConfigAssets.at(compose, "services", "jaeger", "image")).isEqualTo("jaegertracing/jaeger:2.5.0");

    assertThat(problems(jaeger, JAEGER_2_5)).isEmpty();
    Map<String, Object> backends = ConfigAssets.at(jaeger, "extensions", "jaeger_storage", "backends");
    assertThat(backends).isNotEmpty().allSatisfy((name, backend) ->
        assertThat((Map<String, Object>) backend).as(name).containsOnlyKeys("memory"));
  }

  @Test
  void aMisspeltKeyOrAComponentOfAnotherVersionIsFound() {
    Map<String, Object> misspelt = Map.of("exporters", Map.of("debug", Map.of("verbositty", "basic")),
        "processors", Map.of("groupbytrace", Map.of()));

    assertThat(problems(misspelt, CONTRIB_0_111)).hasSize(2)
        .anyMatch(problem -> problem.startsWith("exporters.debug.verbositty: not a setting"))
        .anyMatch(problem -> problem.startsWith("processors.groupbytrace: no component groupbytrace"));
  }
}
