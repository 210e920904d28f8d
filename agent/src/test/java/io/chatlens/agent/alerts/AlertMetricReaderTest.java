package io.chatlens.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import org.junit.jupiter.api.Test;

class AlertMetricReaderTest {

  @Test
  void readsCumulativeMetricsOfTheMeterProviderItIsRegisteredOn() {
    AlertMetricReader reader = new AlertMetricReader();
    assertThat(reader.collect()).as("not registered yet").isEmpty();
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    provider.get("test").counterBuilder("chatbot.requests").build().add(3);

    assertThat(reader.getAggregationTemporality(InstrumentType.COUNTER)).isEqualTo(AggregationTemporality.CUMULATIVE);
    assertThat(reader.collect()).singleElement().satisfies(metric -> {
      assertThat(metric.getName()).isEqualTo("chatbot.requests");
      assertThat(metric.getLongSumData().getPoints()).singleElement().extracting(point -> point.getValue()).isEqualTo(3L);
    });
    provider.get("test").counterBuilder("chatbot.requests").build().add(2);
    assertThat(reader.collect()).extracting(MetricData::getLongSumData)
        .singleElement().satisfies(sum -> assertThat(sum.getPoints().iterator().next().getValue()).isEqualTo(5L));

    provider.close();
    assertThat(reader.collect()).as("after shutdown").isEmpty();
  }
}
