package io.chatlens.smoke.config;

import static io.chatlens.smoke.config.ConfigAssets.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.smoke.harness.Processes;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backend files users start with {@code docker compose -f config/docker-compose.yml up}: they parse, and
 * the compose file, the collector, Prometheus and Grafana agree on names, ports and paths. Docker itself is not
 * needed; Prometheus configurations are checked by promtool.
 */
class BackendConfigTest {

  private static final Path CONFIG = ConfigAssets.configDir();
  private static final Path RULES = CONFIG.resolve("prometheus/chatlens-rules.yml");
  /** Bind-mount sources created at run time, not shipped. */
  private static final Set<String> RUNTIME = Set.of("../logs");

  private final Map<String, Object> compose = ConfigAssets.yamlMap(CONFIG.resolve("docker-compose.yml"));

  static Stream<Path> yamlFiles() {
    return ConfigAssets.yamlFiles().stream();
  }

  @ParameterizedTest
  @MethodSource("yamlFiles")
  void yamlParses(Path file) {
    assertThat(ConfigAssets.yaml(file)).as(file.toString()).isNotNull();
  }

  @Test
  void theExpectedFilesAreThere() {
    for (String name : List.of("docker-compose.yml", "otel-collector/config.yaml", "prometheus/prometheus.yml",
        "prometheus/prometheus-local.yml", "grafana/provisioning/datasources/datasources.yml",
        "grafana/provisioning/dashboards/dashboards.yml", "metrics-catalog.tsv", "metrics-catalog.md")) {
      assertThat(CONFIG.resolve(name)).isRegularFile();
    }
  }

  // --- docker compose -------------------------------------------------------------------------------------

  private Map<String, Object> services() {
    return at(compose, "services");
  }

  private Map<String, Object> service(String name) {
    Map<String, Object> service = at(compose, "services", name);
    assertThat(service).as("service " + name).isNotNull();
    return service;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (value instanceof Map<?, ?> map) {
      return ((Map<String, Object>) map).keySet().stream().toList();
    }
    return List.of(String.valueOf(value));
  }

  @Test
  void composeHasTheBackends() {
    assertThat(services()).containsKeys("jaeger", "otel-collector", "prometheus", "grafana",
        "elasticsearch", "logstash", "kibana");
    for (String name : List.of("jaeger", "otel-collector", "prometheus", "grafana")) {
      assertThat(service(name)).as(name + " runs by default").doesNotContainKey("profiles");
    }
    for (String name : List.of("elasticsearch", "elasticsearch-setup", "logstash", "kibana")) {
      assertThat(strings(service(name).get("profiles"))).as(name + " profiles").containsExactly("elk");
    }
    // Jaeger v2: the 1.x all-in-one image reached its end of life
    assertThat((String) service("jaeger").get("image")).startsWith("jaegertracing/jaeger:2.");
    assertThat((String) service("otel-collector").get("image")).startsWith("otel/opentelemetry-collector-contrib:");
    assertThat((String) service("prometheus").get("image")).startsWith("prom/prometheus:");
    assertThat((String) service("grafana").get("image")).startsWith("grafana/grafana:");
  }

  @Test
  void everyLongRunningServiceHasAHealthcheckAndBackendHealthChecksTheTwoThatCannotRunOne() {
    // the collector's and Jaeger's images have no shell or HTTP client to run one: backend-health checks their
    // health endpoints; elasticsearch-setup runs once and exits
    Set<String> without = Set.of("otel-collector", "jaeger", "elasticsearch-setup", "backend-health");
    services().forEach((name, definition) -> {
      if (!without.contains(name)) {
        List<String> test = strings(at(definition, "healthcheck", "test"));
        assertThat(test).as(name + " healthcheck").isNotEmpty().startsWith("CMD");
        assertThat(String.join(" ", test)).as(name).contains("http://localhost:");
      }
    });
    List<String> test = strings(at(service("backend-health"), "healthcheck", "test"));
    assertThat(test).as("backend-health healthcheck").isNotEmpty().startsWith("CMD", "curl")
        .contains("--fail-early", "http://otel-collector:13133/", "http://jaeger:13133/status");
    // the URLs are the ones the two configurations serve
    Map<String, Object> collector = ConfigAssets.yamlMap(ConfigAssets.configDir().resolve("otel-collector/config.yaml"));
    assertThat((String) at(collector, "extensions", "health_check", "endpoint")).endsWith(":13133");
    assertThat(strings(at(collector, "service", "extensions"))).contains("health_check");
    Map<String, Object> jaeger = ConfigAssets.yamlMap(ConfigAssets.configDir().resolve("jaeger/config.yaml"));
    assertThat((String) at(jaeger, "extensions", "healthcheckv2", "http", "endpoint")).isEqualTo("0.0.0.0:13133");
    assertThat((String) at(jaeger, "extensions", "healthcheckv2", "http", "status", "path")).isEqualTo("/status");
    assertThat(strings(at(jaeger, "service", "extensions"))).contains("healthcheckv2");
    assertThat(strings(at(service("backend-health"), "depends_on"))).containsExactlyInAnyOrder("otel-collector", "jaeger");
  }

  @Test
  void composeImagesArePinned() {
    services().forEach((name, definition) -> {
      String image = at(definition, "image");
      assertThat(image).as(name + " image").matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
    });
  }

  @Test
  void composePublishesTheDocumentedPortsOnce() {
    Map<Integer, String> published = new HashMap<>();
    services().forEach((name, definition) -> {
      for (String port : strings(at(definition, "ports"))) {
        Matcher matcher = Pattern.compile("(?:[0-9.]+:)?(\\d+):(\\d+)(?:/tcp)?").matcher(port);
        assertThat(matcher.matches()).as(name + " port " + port + " (write HOST:CONTAINER, quoted)").isTrue();
        String previous = published.put(Integer.parseInt(matcher.group(1)), name);
        assertThat(previous).as("host port " + matcher.group(1) + " of " + name).isNull();
      }
    });
    assertThat(published).containsEntry(16686, "jaeger")
        .containsEntry(4317, "otel-collector").containsEntry(4318, "otel-collector")
        .containsEntry(8889, "otel-collector").containsEntry(9090, "prometheus").containsEntry(3000, "grafana")
        .containsEntry(9200, "elasticsearch").containsEntry(5601, "kibana");
  }

  @Test
  void composeDependenciesExist() {
    services().forEach((name, definition) -> {
      boolean optional = at(definition, "profiles") != null;
      for (String dependency : strings(at(definition, "depends_on"))) {
        assertThat(services()).as(name + " depends on " + dependency).containsKey(dependency);
        if (!optional) {
          assertThat((Object) at(services(), dependency, "profiles")).as(name + " (default) depends on " + dependency
              + " which only runs in a profile").isNull();
        }
      }
    });
  }

  /** HOST:CONTAINER[:ro] bind mounts and named volumes of every service. */
  private Map<String, String[]> mounts() {
    Map<String, String[]> mounts = new LinkedHashMap<>();
    services().forEach((name, definition) -> {
      for (String volume : strings(at(definition, "volumes"))) {
        String[] parts = volume.split(":(?=/)|:(?=ro$|rw$)");
        assertThat(parts.length).as(name + " volume " + volume).isBetween(2, 3);
        mounts.put(name + " " + volume, new String[] {name, parts[0], parts[1]});
      }
    });
    return mounts;
  }

  @TestFactory
  Stream<DynamicTest> composeMountsExist() {
    Set<String> namedVolumes = ((Map<?, ?>) compose.getOrDefault("volumes", Map.of())).keySet().stream()
        .map(String::valueOf).collect(java.util.stream.Collectors.toSet());
    return mounts().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
      String source = entry.getValue()[1];
      Matcher variable = Pattern.compile("\\$\\{[A-Z_]+:-([^}]+)\\}").matcher(source);
      if (variable.matches()) {
        source = variable.group(1);
      }
      if (!source.startsWith(".") && !source.startsWith("/")) {
        assertThat(namedVolumes).as("named volume " + source + " is declared").contains(source);
        return;
      }
      if (RUNTIME.contains(source)) {
        return;
      }
      Path path = CONFIG.resolve(source).normalize();
      assertThat(path).as(entry.getKey()).exists();
      assertThat(path.startsWith(CONFIG)).as(entry.getKey() + " stays inside config/").isTrue();
    }));
  }

  private String mountTarget(String service, String source) {
    return mounts().values().stream().filter(mount -> mount[0].equals(service) && mount[1].equals(source))
        .map(mount -> mount[2]).findFirst()
        .orElseThrow(() -> new AssertionError(service + " does not mount " + source));
  }

  @Test
  void prometheusContainerGetsItsConfigurationAndReachesTheHost() {
    assertThat(mountTarget("prometheus", "./prometheus")).isEqualTo("/etc/prometheus");
    assertThat(strings(service("prometheus").get("command"))).contains("--config.file=/etc/prometheus/prometheus.yml");
    assertThat(strings(service("prometheus").get("extra_hosts"))).contains("host.docker.internal:host-gateway");
  }

  @Test
  void prometheusKeepsMetricsForTheSeedsNinetyDays() {
    assertThat(strings(service("prometheus").get("command"))).contains("--storage.tsdb.retention.time=90d");
  }

  @Test
  void theShippedAgentPropertiesUseTheProductionRetentionProfile() throws Exception {
    // copied to production as the README invites: dev would cut WARN/ERROR retention from 365 to 90 days
    java.util.Properties properties = new java.util.Properties();
    try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(CONFIG.resolve("agent.properties"))) {
      properties.load(reader);
    }
    assertThat(properties.getProperty("chatlens.log.profile")).isEqualTo("prod");
  }

  @Test
  void theShippedMetricIntervalMatchesTheScrapeAndTheDashboards() throws Exception {
    // a 60 s export behind a 15 s scrape and a 15 s Grafana minimum interval would leave rates empty or spiky
    java.util.Properties properties = new java.util.Properties();
    try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(CONFIG.resolve("agent.properties"))) {
      properties.load(reader);
    }
    String export = properties.getProperty("otel.metric.export.interval");
    assertThat(export).isEqualTo("15s");
    for (String file : List.of("prometheus/prometheus.yml", "prometheus/prometheus-local.yml")) {
      assertThat(String.valueOf((Object) at(ConfigAssets.yamlMap(CONFIG.resolve(file)), "global", "scrape_interval")))
          .as(file).isEqualTo(export);
    }
    List<Map<String, Object>> sources = at(ConfigAssets.yamlMap(
        CONFIG.resolve("grafana/provisioning/datasources/datasources.yml")), "datasources");
    assertThat(sources).filteredOn(source -> "prometheus".equals(source.get("type"))).isNotEmpty()
        .allSatisfy(source -> assertThat(String.valueOf((Object) at(source, "jsonData", "timeInterval"))).isEqualTo(export));
  }

  @Test
  void theCollectorsDebugExporterPrintsTheRecords() {
    Object verbosity = at(collector, "exporters", "debug", "verbosity");
    assertThat(verbosity).as("the README says it prints the log records").isEqualTo("detailed");
  }

  @Test
  void collectorKeepsOnlyTheServiceAndInstanceAsMetricLabels() {
    List<String> processors = strings(at(collector, "service", "pipelines", "metrics", "processors"));
    assertThat(processors).contains("transform/metric-resource");
    assertThat(strings(at(collector, "service", "pipelines", "traces", "processors"))).doesNotContain("transform/metric-resource");
    List<Map<String, Object>> statements = at(collector, "processors", "transform/metric-resource", "metric_statements");
    assertThat(statements).isNotEmpty();
    assertThat(statements.get(0).get("context")).isEqualTo("resource");
    assertThat(strings(statements.get(0).get("statements"))).singleElement().asString()
        .startsWith("keep_keys(attributes, [").contains("\"service.name\"", "\"service.instance.id\"")
        .doesNotContain("host.name", "process.");
  }

  @Test
  void jaegerIsVersionTwoWithBoundedMemoryAndReceivesWhatTheCollectorSends() {
    String target = mountTarget("jaeger", "./jaeger/config.yaml");
    assertThat(strings(service("jaeger").get("command"))).contains("--config=" + target);
    Map<String, Object> jaeger = ConfigAssets.yamlMap(CONFIG.resolve("jaeger/config.yaml"));
    Object maxTraces = at(jaeger, "extensions", "jaeger_storage", "backends", "memstore", "memory", "max_traces");
    assertThat(maxTraces).isInstanceOf(Integer.class);
    assertThat((Integer) maxTraces).isBetween(1000, 200_000);
    assertThat((Object) at(jaeger, "extensions", "jaeger_query", "storage", "traces")).isEqualTo("memstore");
    assertThat((Object) at(jaeger, "exporters", "jaeger_storage_exporter", "trace_storage")).isEqualTo("memstore");
    assertThat((Object) at(jaeger, "extensions", "jaeger_query", "http", "endpoint")).isEqualTo("0.0.0.0:16686");
    Map<String, Object> traces = at(jaeger, "service", "pipelines", "traces");
    for (String kind : List.of("receivers", "processors", "exporters")) {
      List<String> used = strings(traces.get(kind));
      assertThat(used).as(kind).isNotEmpty();
      assertThat((Map<String, Object>) at(jaeger, kind)).as(kind).containsOnlyKeys(used);
    }
    assertThat((Map<String, Object>) at(jaeger, "extensions")).containsOnlyKeys(strings(at(jaeger, "service", "extensions")));
    String port = ((String) at(collector, "exporters", "otlp/jaeger", "endpoint")).split(":")[1];
    assertThat((String) at(jaeger, "receivers", "otlp", "protocols", "grpc", "endpoint")).endsWith(":" + port);
  }

  @Test
  void collectorContainerGetsItsConfiguration() {
    String target = mountTarget("otel-collector", "./otel-collector/config.yaml");
    assertThat(strings(service("otel-collector").get("command"))).contains("--config=" + target);
  }

  @Test
  void grafanaContainerGetsProvisioningAndDashboards() throws Exception {
    assertThat(mountTarget("grafana", "./grafana/provisioning")).isEqualTo("/etc/grafana/provisioning");
    String dashboards = mountTarget("grafana", "./grafana/dashboards");
    Map<String, Object> provider = providers().get(0);
    assertThat((String) at(provider, "options", "path")).isEqualTo(dashboards);
    String home = at(service("grafana"), "environment", "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
    assertThat(home).startsWith(dashboards + "/");
    assertThat(ConfigAssets.dashboardsDir().resolve(home.substring(dashboards.length() + 1))).isRegularFile();
    assertThat(String.valueOf((Object) at(service("grafana"), "environment", "GF_AUTH_ANONYMOUS_ENABLED"))).isEqualTo("true");
  }

  @Test
  void logstashRunsOnePipelinePerFormatFromPipelinesYml() throws Exception {
    String pipelineDir = mountTarget("logstash", "./logstash");
    assertThat(mountTarget("logstash", "./logstash/pipelines.yml")).isEqualTo("/usr/share/logstash/config/pipelines.yml");
    // -f or --path.config would make Logstash ignore pipelines.yml and merge every file into one pipeline
    assertThat(strings(service("logstash").get("command"))).noneMatch(arg -> arg.contains("path.config") || arg.equals("-f"));
    List<Map<String, Object>> pipelines = ConfigAssets.yamlList(CONFIG.resolve("logstash/pipelines.yml"));
    assertThat(pipelines).isNotEmpty();
    Map<String, String> files = new LinkedHashMap<>();
    for (Map<String, Object> pipeline : pipelines) {
      String config = String.valueOf(pipeline.get("path.config"));
      assertThat(config).startsWith(pipelineDir + "/");
      files.put(String.valueOf(pipeline.get("pipeline.id")), config.substring(pipelineDir.length() + 1));
    }
    assertThat(files).containsExactly(Map.entry("chatbot-text", "chatbot.conf"),
        Map.entry("chatbot-json", "chatbot-json.conf"));
    Set<String> sincedbs = new java.util.HashSet<>();
    for (String file : files.values()) {
      String pipeline = java.nio.file.Files.readString(CONFIG.resolve("logstash").resolve(file));
      // the log directory and Elasticsearch come from the variables the compose file sets; no placeholder is left
      assertThat(pipeline).as(file).doesNotContain("/path/to")
          .contains("path => \"${CHATBOT_LOG_DIR:/var/log/chatbot}/*.log\"")
          .contains("hosts => [\"${ELASTICSEARCH_HOSTS:http://localhost:9200}\"]");
      Matcher sincedb = Pattern.compile("sincedb_path => \"([^\"]+)\"").matcher(pipeline);
      assertThat(sincedb.find()).as(file + " keeps its own reading position").isTrue();
      sincedbs.add(sincedb.group(1));
      // every line is indexed once: each pipeline drops the other format's lines
      assertThat(pipeline).as(file).containsPattern("drop \\{\\s*\\}");
      // indices behind one alias, deleted after the seed's 30 days by the ILM policy
      assertThat(pipeline).as(file).contains("ilm_enabled => true").contains("ilm_policy => \"chatbot-logs-30d\"")
          .contains("ilm_rollover_alias => \"chatbot-logs\"");
    }
    assertThat(sincedbs).hasSize(2);
    assertThat(java.nio.file.Files.readString(CONFIG.resolve("logstash/chatbot.conf")))
        .contains("if [message] =~ /^\\{/").contains("kv {").contains("source => \"log_message\"");
    assertThat(java.nio.file.Files.readString(CONFIG.resolve("logstash/chatbot-json.conf")))
        .contains("if \"_jsonparsefailure\" in [tags]");
    String logs = mountTarget("logstash", "${CHATLENS_LOG_DIR:-../logs}");
    assertThat(String.valueOf((Object) at(service("logstash"), "environment", "CHATBOT_LOG_DIR"))).isEqualTo(logs);
    assertThat(String.valueOf((Object) at(service("logstash"), "environment", "ELASTICSEARCH_HOSTS")))
        .isEqualTo("http://elasticsearch:9200");
  }

  @Test
  void elasticsearchGetsTheThirtyDayLogPolicyBeforeLogstashWrites() {
    Map<String, Object> policy = ConfigAssets.jsonMap(CONFIG.resolve("elasticsearch/chatbot-logs-ilm-policy.json"));
    assertThat((Object) at(policy, "policy", "phases", "delete", "min_age")).isEqualTo("30d");
    assertThat((Map<String, Object>) at(policy, "policy", "phases", "delete", "actions")).containsKey("delete");
    assertThat((Object) at(policy, "policy", "phases", "hot", "actions", "rollover", "max_age")).isEqualTo("1d");
    String target = mountTarget("elasticsearch-setup", "./elasticsearch");
    List<String> entrypoint = strings(service("elasticsearch-setup").get("entrypoint"));
    assertThat(entrypoint).contains("http://elasticsearch:9200/_ilm/policy/chatbot-logs-30d",
        "@" + target + "/chatbot-logs-ilm-policy.json");
    assertThat((Object) at(service("logstash"), "depends_on", "elasticsearch-setup", "condition"))
        .isEqualTo("service_completed_successfully");
    assertThat((Object) at(service("elasticsearch-setup"), "depends_on", "elasticsearch", "condition"))
        .isEqualTo("service_healthy");
    assertThat(strings(at(service("elasticsearch"), "healthcheck", "test"))).contains("CMD");
  }

  // --- OpenTelemetry Collector ----------------------------------------------------------------------------

  private final Map<String, Object> collector = ConfigAssets.yamlMap(CONFIG.resolve("otel-collector/config.yaml"));

  @Test
  void collectorPipelinesUseDefinedComponents() {
    Map<String, Object> pipelines = at(collector, "service", "pipelines");
    assertThat(pipelines).containsOnlyKeys("traces", "metrics", "logs");
    Map<String, Set<String>> used = new HashMap<>();
    pipelines.forEach((signal, pipeline) -> {
      for (String kind : List.of("receivers", "processors", "exporters")) {
        for (String component : strings(at(pipeline, kind))) {
          assertThat((Map<String, Object>) at(collector, kind)).as(signal + " pipeline " + kind)
              .containsKey(component);
          used.computeIfAbsent(kind, key -> new java.util.HashSet<>()).add(component);
        }
      }
      assertThat(strings(at(pipeline, "receivers"))).as(signal + " receivers").isNotEmpty();
      assertThat(strings(at(pipeline, "exporters"))).as(signal + " exporters").isNotEmpty();
      assertThat(strings(at(pipeline, "processors"))).as(signal + " processors").contains("batch");
    });
    for (String kind : List.of("receivers", "processors", "exporters")) {
      Map<String, Object> defined = at(collector, kind);
      assertThat(used.get(kind)).as("every defined " + kind + " is used").containsExactlyInAnyOrderElementsOf(
          defined.keySet());
    }
    for (String extension : strings(at(collector, "service", "extensions"))) {
      assertThat((Map<String, Object>) at(collector, "extensions")).containsKey(extension);
    }
    assertThat(strings(at(pipelines, "traces", "exporters"))).containsExactly("otlp/jaeger");
    assertThat(strings(at(pipelines, "metrics", "exporters"))).containsExactly("prometheus");
    assertThat(strings(at(pipelines, "logs", "exporters"))).containsExactly("debug");
  }

  @Test
  void collectorListensWhereComposePublishesAndSendsToJaeger() {
    assertThat((String) at(collector, "receivers", "otlp", "protocols", "grpc", "endpoint")).isEqualTo("0.0.0.0:4317");
    assertThat((String) at(collector, "receivers", "otlp", "protocols", "http", "endpoint")).isEqualTo("0.0.0.0:4318");
    assertThat((String) at(collector, "exporters", "prometheus", "endpoint")).isEqualTo("0.0.0.0:8889");
    assertThat((Object) at(collector, "exporters", "prometheus", "resource_to_telemetry_conversion", "enabled"))
        .isEqualTo(Boolean.TRUE);
    String jaeger = at(collector, "exporters", "otlp/jaeger", "endpoint");
    assertThat(jaeger).isEqualTo("jaeger:4317");
    assertThat(services()).containsKey(jaeger.substring(0, jaeger.indexOf(':')));
    assertThat((Object) at(collector, "exporters", "otlp/jaeger", "tls", "insecure")).isEqualTo(Boolean.TRUE);
    List<String> ports = strings(service("otel-collector").get("ports"));
    assertThat(ports).contains("4317:4317", "4318:4318", "8889:8889");
  }

  // --- Prometheus -----------------------------------------------------------------------------------------

  private static List<Map<String, Object>> scrapeConfigs(Path file) {
    return at(ConfigAssets.yamlMap(file), "scrape_configs");
  }

  private static List<String> targets(Path file, String job) {
    List<String> targets = new ArrayList<>();
    for (Map<String, Object> config : scrapeConfigs(file)) {
      if (job.equals(config.get("job_name"))) {
        List<Map<String, Object>> staticConfigs = at(config, "static_configs");
        staticConfigs.forEach(staticConfig -> targets.addAll(strings(staticConfig.get("targets"))));
      }
    }
    return targets;
  }

  @Test
  void prometheusScrapesTheAgentAndTheCollector() throws Exception {
    Path file = CONFIG.resolve("prometheus/prometheus.yml");
    Map<String, Object> prometheus = ConfigAssets.yamlMap(file);
    assertThat(String.valueOf((Object) at(prometheus, "global", "evaluation_interval"))).isEqualTo("15s");
    assertThat(strings(prometheus.get("rule_files"))).containsExactly("chatlens-rules.yml");
    // the scrape of the agent is opt-in: the agent binds 127.0.0.1, so a default scrape would fail and raise SystemDown
    assertThat(targets(file, "chatbot")).isEmpty();
    assertThat(java.nio.file.Files.readString(file)).contains("#     - targets: [\"host.docker.internal:9464\"]");
    assertThat(targets(file, "otel-collector")).containsExactly("otel-collector:8889");
    Map<String, Object> collectorJob = scrapeConfigs(file).stream()
        .filter(config -> "otel-collector".equals(config.get("job_name"))).findFirst().orElseThrow();
    assertThat(collectorJob.get("honor_labels")).isEqualTo(Boolean.TRUE);
    assertThat(services()).containsKey("otel-collector");

    Path local = CONFIG.resolve("prometheus/prometheus-local.yml");
    assertThat(targets(local, "chatbot")).containsExactly("127.0.0.1:9464");
    assertThat(strings(ConfigAssets.yamlMap(local).get("rule_files"))).containsExactly("chatlens-rules.yml");
    assertThat(String.valueOf((Object) at(ConfigAssets.yamlMap(local), "global", "evaluation_interval"))).isEqualTo("15s");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"prometheus.yml", "prometheus-local.yml"})
  void promtoolAcceptsThePrometheusConfiguration(String name) {
    Path file = CONFIG.resolve("prometheus").resolve(name);
    // promtool also loads and checks the rule files the configuration names (chatlens-rules.yml)
    assertThat(RULES).isRegularFile();
    Processes.Result result = ConfigAssets.promtool(file.getParent(), "check", "config", file.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  // --- Grafana provisioning -------------------------------------------------------------------------------

  private static List<Map<String, Object>> providers() {
    return at(ConfigAssets.yamlMap(CONFIG.resolve("grafana/provisioning/dashboards/dashboards.yml")), "providers");
  }

  @Test
  void grafanaDataSourcesPointAtTheComposeServices() {
    Map<String, Object> file = ConfigAssets.yamlMap(CONFIG.resolve("grafana/provisioning/datasources/datasources.yml"));
    assertThat(file.get("apiVersion")).isEqualTo(1);
    List<Map<String, Object>> sources = at(file, "datasources");
    Map<String, Map<String, Object>> byUid = new LinkedHashMap<>();
    sources.forEach(source -> byUid.put(String.valueOf(source.get("uid")), source));
    assertThat(byUid).containsOnlyKeys("prometheus", "jaeger");
    assertThat(byUid.get("prometheus")).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090")
        .containsEntry("isDefault", true);
    assertThat(byUid.get("jaeger")).containsEntry("type", "jaeger").containsEntry("url", "http://jaeger:16686");
    for (Map<String, Object> source : sources) {
      URI url = URI.create(String.valueOf(source.get("url")));
      assertThat(services()).as(source.get("name") + " host").containsKey(url.getHost());
      assertThat(strings(service(url.getHost()).get("ports")).stream().map(port -> port.substring(port.lastIndexOf(':') + 1)))
          .as(source.get("name") + " port").contains(String.valueOf(url.getPort()));
    }
  }

  @Test
  void grafanaLoadsTheDashboardFiles() {
    Map<String, Object> file = ConfigAssets.yamlMap(CONFIG.resolve("grafana/provisioning/dashboards/dashboards.yml"));
    assertThat(file.get("apiVersion")).isEqualTo(1);
    assertThat(providers()).hasSize(1);
    assertThat(providers().get(0)).containsEntry("type", "file");
    assertThat((String) at(providers().get(0), "options", "path")).isEqualTo("/var/lib/grafana/dashboards");
  }
}
