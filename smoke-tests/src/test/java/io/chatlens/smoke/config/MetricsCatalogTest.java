package io.chatlens.smoke.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.smoke.config.MetricsCatalog.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** config/metrics-catalog.tsv is complete and consistent, and config/metrics-catalog.md renders it. */
class MetricsCatalogTest {

  private final MetricsCatalog catalog = MetricsCatalog.load();

  @Test
  void everyRowIsWellFormed() {
    List<String> uses = new ArrayList<>(MetricsCatalog.KPIS);
    uses.addAll(MetricsCatalog.REAL_TIME);
    uses.addAll(MetricsCatalog.OTHER_USES);
    assertThat(catalog.all()).hasSizeGreaterThan(40);
    for (Metric metric : catalog.all()) {
      String where = "metrics-catalog.tsv:" + metric.line() + " " + metric.prometheusName();
      assertThat(metric.prometheusName()).as(where).matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
      assertThat(metric.type()).as(where).isIn("counter", "gauge", "histogram");
      assertThat(metric.unit()).as(where).matches("-|s|By|1|\\{[a-z_]+\\}");
      assertThat(metric.serves()).as(where).isNotEmpty().isSubsetOf(uses);
      assertThat(metric.labels()).as(where).doesNotHaveDuplicates()
          .allSatisfy(label -> assertThat(label).as(where).matches("[a-zA-Z_][a-zA-Z0-9_]*"));
      assertThat(metric.source()).as(where).isNotBlank();
      assertThat(metric.meaning()).as(where).endsWith(".").hasSizeGreaterThan(10);
      if (metric.type().equals("counter")) {
        assertThat(metric.prometheusName()).as(where).endsWith("_total");
      } else {
        assertThat(metric.prometheusName()).as(where).doesNotEndWith("_total");
      }
    }
  }

  @Test
  void prometheusNamesFollowTheOpenTelemetryConversion() {
    for (Metric metric : catalog.all()) {
      if (metric.builtIn()) {
        assertThat(metric.prometheusName()).isIn("up", "target_info", "ALERTS");
        continue;
      }
      assertThat(metric.otelName()).as(metric.prometheusName()).matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+");
      assertThat(metric.prometheusName())
          .as("metrics-catalog.tsv:%d: %s %s in %s", metric.line(), metric.type(), metric.otelName(), metric.unit())
          .isEqualTo(MetricsCatalog.prometheusName(metric.otelName(), metric.type(), metric.unit()));
    }
  }

  @Test
  void theSeedMetricsAreThere() {
    // The names the seed's monitoring specification uses, with the labels it queries.
    assertThat(catalog.get("chatbot_requests_total")).get()
        .satisfies(metric -> assertThat(metric.labels()).contains("endpoint", "status"));
    assertThat(catalog.get("chatbot_response_time_seconds")).get()
        .satisfies(metric -> assertThat(metric.type()).isEqualTo("histogram"));
    assertThat(catalog.get("chatbot_active_sessions")).get()
        .satisfies(metric -> assertThat(metric.type()).isEqualTo("gauge"));
  }

  @Test
  void everyKpiAndRealTimeItemIsServed() {
    List<String> items = new ArrayList<>(MetricsCatalog.KPIS);
    items.addAll(MetricsCatalog.REAL_TIME);
    items.addAll(MetricsCatalog.OTHER_USES);
    for (String item : items) {
      assertThat(catalog.all()).as(item).anyMatch(metric -> metric.serves().contains(item));
    }
  }

  @Test
  void markdownRendersTheCatalog() throws Exception {
    String start = "<!-- generated from metrics-catalog.tsv; MetricsCatalogTest keeps it in sync -->";
    String end = "<!-- end of generated catalog -->";
    String markdown = Files.readString(MetricsCatalog.markdown());
    assertThat(markdown).contains(start).contains(end);
    String table = markdown.substring(markdown.indexOf(start) + start.length(), markdown.indexOf(end)).strip();
    String expected = catalog.markdownTable().strip();
    if (!table.equals(expected)) {
      Path rendered = Path.of("target", "metrics-catalog-table.md").toAbsolutePath();
      Files.writeString(rendered, expected + "\n");
      assertThat(table).as("config/metrics-catalog.md is stale: replace its generated table by " + rendered)
          .isEqualTo(expected);
    }
  }

  @Test
  void markdownMentionsEveryKpiAndRealTimeItem() throws Exception {
    String markdown = Files.readString(MetricsCatalog.markdown());
    for (String item : Set.copyOf(MetricsCatalog.KPIS)) {
      assertThat(markdown).contains(item);
    }
    for (String item : MetricsCatalog.REAL_TIME) {
      assertThat(markdown).contains(item);
    }
  }
}
