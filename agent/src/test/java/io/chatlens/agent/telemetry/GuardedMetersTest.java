package io.chatlens.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.agent.redaction.LabelGuard;
import io.chatlens.agent.redaction.RedactionConfig;
import io.chatlens.agent.redaction.Redactor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every measurement of the ChatLens meters passes the label guard: values redacted, dated names folded, at most
 * chatlens.metrics.max-label-values distinct values per metric label (beyond: other, counted), observable points
 * folded into other added up; other scopes untouched.
 */
class GuardedMetersTest {

  private static final AttributeKey<String> COMMAND = AttributeKey.stringKey("command");
  private static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final Redactor redactor = new Redactor(RedactionConfig.builder().maxLabelValues(3).build());
  private final OpenTelemetry otel = GuardedMeters.wrap(OpenTelemetrySdk.builder()
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build(), redactor.labels(),
      HistogramRelay.manual());

  @Test
  void labelValuesAreRedactedFoldedAndBoundedPerMetricAndLabel() {
    Meter meter = otel.getMeter("io.chatlens");
    LongCounter commands = meter.counterBuilder("chatbot.commands").build();
    LongCounter tables = meter.counterBuilder("chatbot.db").build();
    commands.add(1, Attributes.of(COMMAND, "/jane.doe@example.com", STATUS, "invalid"));
    commands.add(1, Attributes.of(COMMAND, "/search", STATUS, "valid"));
    commands.add(1, Attributes.of(COMMAND, "/help", STATUS, "valid"));
    for (int i = 0; i < 1_000_000; i++) {
      commands.add(1, Attributes.of(COMMAND, "/word" + i, STATUS, "valid"));
    }
    tables.add(1, Attributes.of(AttributeKey.stringKey("db.collection.name"), "events_20240115"));
    tables.add(1, Attributes.of(AttributeKey.stringKey("db.collection.name"), "events_20240116"));

    Map<String, Long> byCommand = points("chatbot.commands", "command");
    assertThat(byCommand).isNotEmpty().containsOnlyKeys("/[REDACTED:email]", "/search", "/help", LabelGuard.OTHER);
    assertThat(byCommand.get(LabelGuard.OTHER)).isEqualTo(1_000_000L);
    assertThat(points("chatbot.db", "db.collection.name")).containsExactly(Map.entry("events_*", 2L));
    assertThat(redactor.labels().overflowCount()).isEqualTo(1_000_000L);
    assertThat(redactor.labels().overflowByMetric()).containsOnlyKeys("chatbot.commands");
  }

  @Test
  void observablePointsFoldedIntoOtherAreAddedUp() {
    Meter meter = otel.getMeter("io.chatlens");
    AttributeKey<String> executor = AttributeKey.stringKey("executor.name");
    meter.gaugeBuilder("executor.queue").ofLongs().buildWithCallback(measurement -> {
      for (int i = 0; i < 10; i++) {
        measurement.record(2, Attributes.of(executor, "com.acme.Worker-" + i));
      }
    });
    Map<String, Long> byExecutor = points("executor.queue", "executor.name");
    assertThat(byExecutor).hasSize(4).containsEntry(LabelGuard.OTHER, 14L);
  }

  @Test
  void otherScopesPassUnchanged() {
    LongCounter counter = otel.getMeter("io.opentelemetry.runtime").counterBuilder("jvm.x").build();
    for (int i = 0; i < 10; i++) {
      counter.add(1, Attributes.of(COMMAND, "v" + i));
    }
    assertThat(points("jvm.x", "command")).hasSize(10);
  }

  private Map<String, Long> points(String metric, String label) {
    List<MetricData> metrics = reader.collectAllMetrics().stream().filter(m -> m.getName().equals(metric)).toList();
    assertThat(metrics).as(metric).hasSize(1);
    MetricData data = metrics.get(0);
    java.util.Collection<LongPointData> points = data.getType() == io.opentelemetry.sdk.metrics.data.MetricDataType.LONG_GAUGE
        ? data.getLongGaugeData().getPoints() : data.getLongSumData().getPoints();
    return points.stream().collect(Collectors.toMap(p -> p.getAttributes().get(AttributeKey.stringKey(label)),
        LongPointData::getValue, Long::sum));
  }
}
