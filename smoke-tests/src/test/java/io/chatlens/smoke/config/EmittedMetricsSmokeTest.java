package io.chatlens.smoke.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.Http;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.Ports;
import io.chatlens.smoke.harness.RunningJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics users are shown are the metrics the agent emits: the demo chatbot runs with the agent (no backend at
 * all), and its {@code /metrics} holds every metric that a Grafana dashboard, a Prometheus rule or the metrics
 * catalog names; every metric the agent emits is in the catalog, so the catalog cannot drift from the registered
 * instruments either way. A few metrics only exist once something happens that a healthy demo never does; they
 * are listed here with that condition.
 */
class EmittedMetricsSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  /** Metrics that appear only under a condition a healthy demo run does not meet, and that condition. */
  static final Map<String, String> CONDITIONAL = Map.of(
      "chatbot_db_connection_failures_total", "a failed connection: one series per SQLState, from the first failure",
      "chatlens_sentry_events_total", "a Sentry DSN (chatlens.sentry.dsn or SENTRY_DSN)",
      "gen_ai_client_operation_duration_seconds", "an LLM call (the llm component; LlmSmokeTest)",
      "gen_ai_client_token_usage", "an LLM call that reported its token usage (LlmSmokeTest)",
      "chatbot_llm_cost_total", "an LLM call of a model priced in chatlens.llm.prices (LlmSmokeTest)");

  /** Series Prometheus itself makes, not the agent. */
  static final Set<String> PROMETHEUS_OWN = Set.of("up", "ALERTS");

  /** A metric family and its type in the Prometheus text format. */
  private static final Pattern FAMILY = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);

  /** One sample line of the text format: its family (or series) name and its label set. */
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)\\}", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
  /** Labels every series may carry that the catalog does not repeat: the scope, and a histogram's bucket bound. */
  private static final Set<String> GENERIC_LABELS = Set.of("otel_scope_name", "otel_scope_version",
      "otel_scope_schema_url", "le");

  private static RunningJvm chatbot;
  private static Map<String, String> emitted;
  private static final Map<String, Set<String>> emittedLabels = new TreeMap<>();

  @BeforeAll
  static void runTheDemo() throws Exception {
    int port = Ports.free();
    List<Path> classpath = new ArrayList<>(List.of(Paths.demoClasses()));
    classpath.addAll(Paths.demoDependencies());
    chatbot = AgentJvm.main("com.example.chatbot.ChatbotApp").classpath(classpath)
        .args("--users", "4", "--turns", "20", "--think-ms", "30", "--threads", "2", "--idle-timeout", "300ms",
            "--quiet", "--seed", "7", "--linger", "120s")
        .exportNowhere().property("chatlens.prometheus.port", Integer.toString(port))
        // every query is slow, so that the slow-query counter (born at the first slow query) is in the run too
        .property("chatlens.db.slow-query-threshold", "1ms")
        .property("otel.service.name", "emitted-metrics").start();
    String url = "http://127.0.0.1:" + port + "/metrics";
    // Every scrape while the demo runs and afterwards, merged: the pool's and the executors' metrics exist while
    // the application's connection pool is open; the session-end metrics once the idle sessions expired at the
    // end of the run; the alert engine's KPI gauges after its first evaluation.
    Map<String, String> seen = new TreeMap<>();
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
      String body = Http.get(url).body();
      seen.putAll(families(body));
      labels(body).forEach((family, names) -> emittedLabels.computeIfAbsent(family, f -> new java.util.TreeSet<>())
          .addAll(names));
      return seen.keySet().containsAll(List.of("db_client_connection_count", "chatbot_executor_active",
          "chatbot_sessions_ended_total", "chatbot_error_rate_ratio", "jvm_gc_duration_seconds",
          "chatbot_db_slow_queries_total"));
    });
    emitted = seen;
  }

  @AfterAll
  static void stop() {
    if (chatbot != null) {
      chatbot.close();
    }
  }

  /** Metric family name to Prometheus type, from the {@code # TYPE} lines of the text format. */
  static Map<String, String> families(String exposition) {
    Map<String, String> families = new TreeMap<>();
    Matcher type = FAMILY.matcher(exposition);
    while (type.find()) {
      families.put(type.group(1), type.group(2));
    }
    return families;
  }

  /** Series name (a histogram's _bucket, _sum and _count folded into its family) to the label names seen on it. */
  static Map<String, Set<String>> labels(String exposition) {
    Map<String, String> families = families(exposition);
    Map<String, Set<String>> labels = new TreeMap<>();
    Matcher sample = SAMPLE.matcher(exposition);
    while (sample.find()) {
      String name = sample.group(1);
      for (String suffix : List.of("_bucket", "_sum", "_count")) {
        String family = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
        if (family != null && "histogram".equals(families.get(family))) {
          name = family;
        }
      }
      Set<String> names = labels.computeIfAbsent(name, n -> new java.util.TreeSet<>());
      Matcher label = LABEL.matcher(sample.group(2));
      while (label.find()) {
        if (!GENERIC_LABELS.contains(label.group(1))) {
          names.add(label.group(1));
        }
      }
    }
    return labels;
  }

  @Test
  void everyLabelTheAgentEmitsIsInTheCatalog() {
    MetricsCatalog catalog = MetricsCatalog.load();
    assertThat(emittedLabels).hasSizeGreaterThan(40);
    List<String> undocumented = new ArrayList<>();
    // target_info carries the whole resource (process, OS, SDK attributes): the catalog lists the ones dashboards use
    emittedLabels.forEach((name, names) -> catalog.get(name).filter(metric -> !name.equals("target_info"))
        .ifPresent(metric -> {
      for (String label : names) {
        if (!metric.labels().contains(label)) {
          undocumented.add(name + " {" + label + "}");
        }
      }
    }));
    assertThat(undocumented).as("labels emitted by the agent but missing from config/metrics-catalog.tsv").isEmpty();
  }

  @Test
  void everyMetricADashboardOrRuleUsesIsEmitted() throws Exception {
    Set<String> used = new TreeSet<>();
    for (Path file : ConfigAssets.dashboards()) {
      for (DashboardsTest.Query query : DashboardsTest.queries(file)) {
        used.addAll(PromQl.references(query.expression()).metrics());
      }
    }
    Matcher expression = Pattern.compile("^\\s+expr: \"(.*)\"$", Pattern.MULTILINE)
        .matcher(Files.readString(ConfigAssets.configDir().resolve("prometheus/chatlens-rules.yml")));
    int rules = 0;
    while (expression.find()) {
      rules++;
      used.addAll(PromQl.references(expression.group(1).replace("\\\"", "\"")).metrics());
    }
    assertThat(rules).as("rules read from chatlens-rules.yml").isGreaterThan(10);
    assertThat(used).as("metrics the dashboards and rules use").hasSizeGreaterThan(20);

    List<String> missing = new ArrayList<>();
    for (String series : used) {
      if (!PROMETHEUS_OWN.contains(series) && !isConditional(series) && !isEmitted(series)) {
        missing.add(series);
      }
    }
    assertThat(missing).as("used by a dashboard or rule but not emitted by the agent; emitted: %s", emitted.keySet())
        .isEmpty();
  }

  /** Names in the docs that look like metrics but are not: the agent's log module and an alert signal. */
  static final Set<String> NOT_METRICS = Set.of("chatlens_agent", "system_cpu_utilization");

  @Test
  void everyMetricTheDocsNameIsEmitted() throws Exception {
    List<Path> pages = new ArrayList<>(List.of(Paths.repoRoot().resolve("README.md")));
    try (var docs = Files.walk(Paths.repoRoot().resolve("docs"))) {
      docs.filter(file -> file.toString().endsWith(".md")).forEach(pages::add);
    }
    Pattern code = Pattern.compile("`([^`\\n]+)`");
    Pattern metric = Pattern.compile("\\b((?:chatbot|chatlens|db_client|jvm|otel_sdk|system)_[a-z0-9_]*[a-z0-9])\\b");
    Set<String> named = new TreeSet<>();
    List<String> missing = new ArrayList<>();
    for (Path page : pages) {
      Matcher span = code.matcher(Files.readString(page));
      while (span.find()) {
        Matcher name = metric.matcher(span.group(1));
        while (name.find()) {
          String series = name.group(1);
          named.add(series);
          if (!NOT_METRICS.contains(series) && !isConditional(series) && !isEmitted(series)) {
            missing.add(Paths.repoRoot().relativize(page) + ": " + series);
          }
        }
      }
    }
    assertThat(named).as("metric names in the README and docs/").hasSizeGreaterThan(30);
    assertThat(missing).as("named in the docs but not emitted by the agent").isEmpty();
  }

  @Test
  void theCatalogIsExactlyWhatTheAgentEmits() {
    MetricsCatalog catalog = MetricsCatalog.load();
    assertThat(emitted).hasSizeGreaterThan(40);

    List<String> notEmitted = new ArrayList<>();
    for (MetricsCatalog.Metric metric : catalog.all()) {
      String name = metric.prometheusName();
      if (PROMETHEUS_OWN.contains(name) || CONDITIONAL.containsKey(name)) {
        continue;
      }
      String type = emitted.get(name);
      if (type == null) {
        notEmitted.add(name);
      } else {
        assertThat(type).as(name + " type").isEqualTo(metric.type());
      }
    }
    assertThat(notEmitted).as("in config/metrics-catalog.tsv but not emitted by the agent").isEmpty();

    List<String> notCatalogued = new ArrayList<>();
    emitted.keySet().forEach(name -> {
      if (catalog.get(name).isEmpty()) {
        notCatalogued.add(name + " (" + emitted.get(name) + ")");
      }
    });
    assertThat(notCatalogued).as("emitted by the agent but missing from config/metrics-catalog.tsv").isEmpty();
    for (String conditional : CONDITIONAL.keySet()) {
      assertThat(catalog.get(conditional)).as(conditional + " is catalogued").isPresent();
    }
  }

  /** Whether a series (a family, or a histogram's _bucket, _sum or _count) is one of {@link #CONDITIONAL}. */
  static boolean isConditional(String series) {
    if (CONDITIONAL.containsKey(series)) {
      return true;
    }
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (series.endsWith(suffix) && CONDITIONAL.containsKey(series.substring(0, series.length() - suffix.length()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isEmitted(String series) {
    if (emitted.containsKey(series)) {
      return true;
    }
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (series.endsWith(suffix)
          && "histogram".equals(emitted.get(series.substring(0, series.length() - suffix.length())))) {
        return true;
      }
    }
    return false;
  }
}
