package io.chatlens.smoke.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatlens.smoke.config.MetricsCatalog.Metric;
import io.chatlens.smoke.config.PromQl.References;
import io.chatlens.smoke.harness.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Grafana dashboards in config/grafana/dashboards: well-formed, valid PromQL, only catalogued metrics. */
class DashboardsTest {

  /** Labels every scraped series has, whatever the metric. */
  private static final Set<String> COMMON_LABELS = Set.of("job", "instance", "otel_scope_name", "otel_scope_version");
  private static final Set<String> DATASOURCE_UIDS = Set.of("${DS_PROMETHEUS}", "prometheus");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((?:(.*),\\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

  private final MetricsCatalog catalog = MetricsCatalog.load();

  static Stream<Path> dashboards() {
    return ConfigAssets.dashboards().stream();
  }

  /** One PromQL expression of a dashboard and where it is. */
  record Query(String where, String expression, String legend) {}

  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      for (JsonNode nested : panel.path("panels")) {
        panels.add(nested);
      }
    }
    return panels;
  }

  static List<Query> queries(Path file) {
    JsonNode dashboard = ConfigAssets.json(file);
    List<Query> queries = new ArrayList<>();
    for (JsonNode panel : panels(dashboard)) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(new Query(file.getFileName() + " panel " + panel.path("id").asInt() + " \""
            + panel.path("title").asText() + "\" " + target.path("refId").asText(),
            target.path("expr").asText(), target.path("legendFormat").asText("")));
      }
    }
    return queries;
  }

  /** The metric and label of each label_values(...) variable query. */
  static Map<String, String> variableQueries(Path file) {
    Map<String, String> result = new LinkedHashMap<>();
    for (JsonNode variable : ConfigAssets.json(file).path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        JsonNode query = variable.path("query");
        String text = query.isObject() ? query.path("query").asText() : query.asText();
        result.put(file.getFileName() + " variable " + variable.path("name").asText(), text);
      }
    }
    return result;
  }

  @Test
  void thereAreDashboards() {
    assertThat(ConfigAssets.dashboards()).extracting(path -> path.getFileName().toString())
        .contains("chatlens-overview.json", "chatlens-database.json");
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void isWellFormed(Path file) {
    JsonNode dashboard = ConfigAssets.json(file);
    assertThat(dashboard.path("uid").asText()).as("uid").matches("[a-z0-9-]{1,40}");
    assertThat(dashboard.path("title").asText()).as("title").isNotBlank();
    assertThat(dashboard.path("schemaVersion").asInt()).as("schemaVersion (Grafana 10/11)").isBetween(36, 41);
    assertThat(dashboard.path("id").isNull() || dashboard.path("id").isMissingNode()).as("id must be null").isTrue();

    Set<Integer> ids = new HashSet<>();
    List<int[]> areas = new ArrayList<>();
    for (JsonNode panel : panels(dashboard)) {
      String where = file.getFileName() + " panel " + panel.path("id") + " \"" + panel.path("title").asText() + "\"";
      assertThat(panel.path("id").isInt()).as(where + " id").isTrue();
      assertThat(ids.add(panel.path("id").asInt())).as(where + ": duplicate id").isTrue();
      assertThat(panel.path("title").asText()).as(where + " title").isNotBlank();
      assertThat(panel.path("type").asText()).as(where + " type")
          .isIn("row", "timeseries", "stat", "gauge", "table", "bargauge");

      JsonNode grid = panel.path("gridPos");
      int x = grid.path("x").asInt(-1);
      int y = grid.path("y").asInt(-1);
      int w = grid.path("w").asInt(0);
      int h = grid.path("h").asInt(0);
      assertThat(x).as(where + " gridPos.x").isBetween(0, 23);
      assertThat(y).as(where + " gridPos.y").isNotNegative();
      assertThat(w).as(where + " gridPos.w").isBetween(1, 24 - x);
      assertThat(h).as(where + " gridPos.h").isPositive();
      for (int[] other : areas) {
        boolean overlaps = x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3] && other[1] < y + h;
        assertThat(overlaps).as(where + " overlaps panel " + other[4]).isFalse();
      }
      areas.add(new int[] {x, y, w, h, panel.path("id").asInt()});

      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("description").asText()).as(where + " description").isNotBlank();
      assertThat(panel.path("datasource").path("type").asText()).as(where + " datasource type").isEqualTo("prometheus");
      assertThat(panel.path("datasource").path("uid").asText()).as(where + " datasource uid").isIn(DATASOURCE_UIDS);
      assertThat(panel.path("targets").size()).as(where + " targets").isPositive();
      Set<String> refIds = new HashSet<>();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asText()).as(where + " expr").isNotBlank();
        assertThat(refIds.add(target.path("refId").asText())).as(where + " refId " + target.path("refId")).isTrue();
        if (target.has("datasource")) {
          assertThat(target.path("datasource").path("uid").asText()).as(where + " target datasource")
              .isEqualTo(panel.path("datasource").path("uid").asText());
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void hasTheTemplateVariables(Path file) {
    Map<String, JsonNode> variables = new LinkedHashMap<>();
    for (JsonNode variable : ConfigAssets.json(file).path("templating").path("list")) {
      variables.put(variable.path("name").asText(), variable);
    }
    assertThat(variables).containsKeys("DS_PROMETHEUS", "service", "instance");
    assertThat(variables.get("DS_PROMETHEUS").path("type").asText()).isEqualTo("datasource");
    assertThat(variables.get("DS_PROMETHEUS").path("query").asText()).isEqualTo("prometheus");
    for (String name : List.of("service", "instance")) {
      JsonNode variable = variables.get(name);
      assertThat(variable.path("type").asText()).as(name).isEqualTo("query");
      assertThat(variable.path("datasource").path("uid").asText()).as(name).isIn(DATASOURCE_UIDS);
      assertThat(variable.path("includeAll").asBoolean()).as(name + " includeAll").isTrue();
      assertThat(variable.path("allValue").asText()).as(name + " allValue").isEqualTo(".*");
    }
    // Every query filters on the two variables, so that choosing a service or an instance narrows every panel,
    // the alert panels (ALERTS) included.
    List<Query> all = queries(file);
    assertThat(all).isNotEmpty();
    for (Query query : all) {
      assertThat(query.expression()).as(query.where())
          .contains("job=~\"$service\"").contains("instance=~\"$instance\"");
    }
  }

  @Test
  void everyMetricIsInTheCatalog() {
    List<String> unknown = new ArrayList<>();
    for (Path file : ConfigAssets.dashboards()) {
      for (Query query : queries(file)) {
        for (String metric : PromQl.references(query.expression()).metrics()) {
          if (catalog.resolve(metric).isEmpty()) {
            unknown.add(query.where() + ": " + metric);
          }
        }
      }
      variableQueries(file).forEach((where, text) -> {
        Matcher matcher = LABEL_VALUES.matcher(text);
        assertThat(matcher.matches()).as(where + ": " + text).isTrue();
        if (matcher.group(1) != null) {
          for (String metric : PromQl.references(matcher.group(1)).metrics()) {
            if (catalog.resolve(metric).isEmpty()) {
              unknown.add(where + ": " + metric);
            }
          }
        }
      });
    }
    assertThat(unknown).as("metrics missing from config/metrics-catalog.tsv").isEmpty();
  }

  @Test
  void everyLabelExistsOnItsMetric() {
    List<String> problems = new ArrayList<>();
    for (Path file : ConfigAssets.dashboards()) {
      for (Query query : queries(file)) {
        References references = PromQl.references(query.expression());
        Set<String> available = new LinkedHashSet<>(COMMON_LABELS);
        references.selectorLabels().forEach((name, labels) -> catalog.resolve(name).ifPresent(metric -> {
          Set<String> known = labelsOf(metric, name);
          for (String label : labels) {
            if (!known.contains(label)) {
              problems.add(query.where() + ": " + name + " has no label " + label);
            }
          }
        }));
        for (String name : references.metrics()) {
          catalog.resolve(name).ifPresent(metric -> available.addAll(labelsOf(metric, name)));
        }
        for (String label : references.groupingLabels()) {
          if (!available.contains(label)) {
            problems.add(query.where() + ": grouping label " + label + " is on none of " + references.metrics());
          }
        }
        Set<String> legendScope = new HashSet<>(references.groupingLabels());
        references.selectorLabels().values().forEach(legendScope::addAll);
        if (!references.aggregates()) {
          legendScope.addAll(available);
        }
        for (String label : PromQl.legendLabels(query.legend())) {
          if (!legendScope.contains(label)) {
            problems.add(query.where() + ": legend {{" + label + "}} is not a label of the result");
          }
        }
      }
      variableQueries(file).forEach((where, text) -> {
        Matcher matcher = LABEL_VALUES.matcher(text);
        if (matcher.matches() && matcher.group(1) != null) {
          Set<String> available = new HashSet<>(COMMON_LABELS);
          for (String name : PromQl.references(matcher.group(1)).metrics()) {
            catalog.resolve(name).ifPresent(metric -> available.addAll(labelsOf(metric, name)));
          }
          if (!available.contains(matcher.group(2))) {
            problems.add(where + ": label " + matcher.group(2) + " is not on " + matcher.group(1));
          }
        }
      });
    }
    assertThat(problems).isEmpty();
  }

  private static Set<String> labelsOf(Metric metric, String seriesName) {
    Set<String> labels = new HashSet<>(COMMON_LABELS);
    labels.addAll(metric.labels());
    if (seriesName.endsWith("_bucket")) {
      labels.add("le");
    }
    if (metric.prometheusName().equals("ALERTS")) {
      // An alert carries the labels of its rule and of the series that made it fire.
      labels.addAll(List.of("alertname", "alertstate", "severity"));
    }
    return labels;
  }

  @Test
  void everyExpressionIsValidPromQl(@TempDir Path dir) throws Exception {
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
    int n = 0;
    Map<String, String> where = new LinkedHashMap<>();
    for (Path file : ConfigAssets.dashboards()) {
      for (Query query : queries(file)) {
        String record = "dashboard:expression_" + (++n);
        where.put(record, query.where());
        String expression = PromQl.withoutGrafanaVariables(query.expression());
        rules.append("      - record: ").append(record).append('\n')
            .append("        expr: '").append(expression.replace("'", "''")).append("'\n");
      }
    }
    Path file = dir.resolve("dashboard-expressions.yml");
    Files.writeString(file, rules);
    Processes.Result result = ConfigAssets.promtool(dir, "check", "rules", file.toString());
    assertThat(result.exitCode()).as("promtool check rules on every dashboard expression (%s):\n%s\n%s",
        where, result.output(), rules).isZero();
    assertThat(result.output()).contains("SUCCESS: " + n + " rules found");
  }

  @Test
  void everyCatalogMetricIsOnADashboard() {
    Set<String> used = new HashSet<>();
    for (Path file : ConfigAssets.dashboards()) {
      for (Query query : queries(file)) {
        PromQl.references(query.expression()).metrics()
            .forEach(name -> catalog.resolve(name).ifPresent(metric -> used.add(metric.prometheusName())));
      }
      variableQueries(file).values().forEach(text -> {
        Matcher matcher = LABEL_VALUES.matcher(text);
        if (matcher.matches() && matcher.group(1) != null) {
          PromQl.references(matcher.group(1)).metrics()
              .forEach(name -> catalog.resolve(name).ifPresent(metric -> used.add(metric.prometheusName())));
        }
      });
    }
    assertThat(catalog.all()).isNotEmpty().extracting(Metric::prometheusName).allMatch(used::contains,
        "on a dashboard; missing: " + catalog.all().stream().map(Metric::prometheusName)
            .filter(name -> !used.contains(name)).toList());
  }

  @Test
  void theOverviewShowsEveryKpiAndRealTimeItem() {
    Path file = ConfigAssets.dashboardsDir().resolve("chatlens-overview.json");
    JsonNode dashboard = ConfigAssets.json(file);
    List<String> rows = new ArrayList<>();
    for (JsonNode panel : panels(dashboard)) {
      if (panel.path("type").asText().equals("row")) {
        rows.add(panel.path("title").asText());
      }
    }
    assertThat(rows).containsExactly("KPIs", "Real-time", "Errors", "Alerts", "Agent health", "LLM calls");

    Set<String> served = new HashSet<>();
    for (Query query : queries(file)) {
      for (String name : PromQl.references(query.expression()).metrics()) {
        catalog.resolve(name).ifPresent(metric -> served.addAll(metric.serves()));
      }
    }
    assertThat(served).containsAll(MetricsCatalog.KPIS).containsAll(MetricsCatalog.REAL_TIME)
        .containsAll(MetricsCatalog.OTHER_USES);

    List<String> expressions = queries(file).stream().map(Query::expression).toList();
    assertThat(expressions).anyMatch(e -> e.startsWith("histogram_quantile(0.5, ")
        && e.contains("chatbot_response_time_seconds_bucket"));
    assertThat(expressions).anyMatch(e -> e.startsWith("histogram_quantile(0.95, ")
        && e.contains("chatbot_response_time_seconds_bucket"));
    // the seed's "average response time" KPI: a stat panel of the mean, sum over count
    assertThat(panels(dashboard)).anySatisfy(panel -> {
      assertThat(panel.path("type").asText()).isEqualTo("stat");
      assertThat(panel.path("title").asText()).isEqualTo("Average response time");
      assertThat(panel.path("targets").get(0).path("expr").asText())
          .contains("rate(chatbot_response_time_seconds_sum{").contains(") / sum(rate(chatbot_response_time_seconds_count{");
    });
    assertThat(expressions).contains("ALERTS{alertstate=\"firing\", job=~\"$service\", instance=~\"$instance\"}");
  }

  @Test
  void dashboardUidsAreUnique() {
    Set<String> uids = new HashSet<>();
    for (Path file : ConfigAssets.dashboards()) {
      assertThat(uids.add(ConfigAssets.json(file).path("uid").asText())).as(file + " uid").isTrue();
    }
  }
}
