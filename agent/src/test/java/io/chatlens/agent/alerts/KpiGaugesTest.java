package io.chatlens.agent.alerts;

import static io.chatlens.agent.alerts.Metrics.collection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KpiGaugesTest {

  @Test
  void theDerivedKpisAreGaugesOfTheSignals() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    Signals signals = new Signals(Duration.ofMinutes(5));
    KpiGauges kpis = KpiGauges.register(provider.get("io.chatlens.alerts"), signals);

    // no data, no points: the SDK then reports no metric at all; once data comes, the same three gauges appear
    // (below), and aGaugeWithoutDataReportsNothingWhileTheOthersReport shows a callback that runs but records nothing
    assertThat(reader.collectAllMetrics()).as("no data, no points, no metric").isEmpty();

    signals.record(0, collection().counter("chatbot.requests", 0, "status", "success").counter("chatbot.requests", 0, "status", "error")
        .counter("chatbot.search.requests", 0, "outcome", "results").build());
    signals.record(60_000, collection().counter("chatbot.requests", 48, "status", "success").counter("chatbot.requests", 2, "status", "error")
        .counter("chatbot.search.requests", 30, "outcome", "results")
        .counter("chatbot.search.requests", 10, "outcome", "zero_results")
        .counter("chatbot.search.feedback", 3, "outcome", "correct")
        .counter("chatbot.search.feedback", 1, "outcome", "incorrect").build());

    Map<String, MetricData> metrics = reader.collectAllMetrics().stream()
        .collect(Collectors.toMap(MetricData::getName, metric -> metric));
    assertThat(metrics).containsOnlyKeys("chatbot.error_rate", "chatbot.search.zero_result_rate", "chatbot.answer.accuracy");
    assertThat(metrics.values()).allSatisfy(metric -> assertThat(metric.getUnit()).isEqualTo("1"));
    assertThat(value(metrics.get("chatbot.error_rate"))).isCloseTo(0.04, within(1e-12));
    assertThat(value(metrics.get("chatbot.search.zero_result_rate"))).isCloseTo(0.25, within(1e-12));
    assertThat(value(metrics.get("chatbot.answer.accuracy"))).isCloseTo(0.75, within(1e-12));

    kpis.close();
    provider.close();
  }

  @Test
  void aGaugeWithoutDataReportsNothingWhileTheOthersReport() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    Signals signals = new Signals(Duration.ofMinutes(5));
    KpiGauges kpis = KpiGauges.register(provider.get("io.chatlens.alerts"), signals);

    // requests and errors, but no search and no feedback: only the error rate has data
    signals.record(0, collection().counter("chatbot.requests", 0, "status", "success").counter("chatbot.requests", 0, "status", "error").build());
    signals.record(60_000, collection().counter("chatbot.requests", 48, "status", "success").counter("chatbot.requests", 2, "status", "error").build());

    List<MetricData> metrics = new ArrayList<>(reader.collectAllMetrics());
    assertThat(metrics).as("the gauges are collected: the one with data has its point").singleElement()
        .satisfies(metric -> {
          assertThat(metric.getName()).isEqualTo("chatbot.error_rate");
          assertThat(metric.getDoubleGaugeData().getPoints()).singleElement()
              .satisfies(point -> assertThat(point.getValue()).isCloseTo(0.04, within(1e-12)));
        });

    kpis.close();
    assertThat(reader.collectAllMetrics()).as("closed gauges report nothing, even with data").isEmpty();
    provider.close();
  }

  private static double value(MetricData metric) {
    return metric.getDoubleGaugeData().getPoints().iterator().next().getValue();
  }
}
