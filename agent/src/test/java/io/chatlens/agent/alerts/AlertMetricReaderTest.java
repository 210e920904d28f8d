package io.chatlens.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import static org.awaitility.Awaitility.await;

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

  @Test
  void alsoFeedsTheOtlpExporterOnItsIntervalAndOnceMoreAtShutdown() {
    AlertMetricReader reader = new AlertMetricReader();
    InMemoryMetricExporter exporter = InMemoryMetricExporter.create(AggregationTemporality.CUMULATIVE);
    java.util.concurrent.atomic.AtomicBoolean exporterShutDown = new java.util.concurrent.atomic.AtomicBoolean();
    reader.exportEvery(new io.opentelemetry.sdk.metrics.export.MetricExporter() {
      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode export(java.util.Collection<MetricData> metrics) {
        return exporter.export(metrics);
      }

      @Override
      public AggregationTemporality getAggregationTemporality(InstrumentType type) {
        return AggregationTemporality.CUMULATIVE;
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode flush() {
        return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
        exporterShutDown.set(true); // the in-memory exporter would forget what it got
        return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
      }
    }, Duration.ofMillis(50));
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    provider.get("test").counterBuilder("chatbot.requests").build().add(3);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(exporter.getFinishedMetricItems())
        .as("exported on the interval").isNotEmpty().anySatisfy(metric -> assertThat(metric.getName())
            .isEqualTo("chatbot.requests")));
    assertThat(reader.collect()).as("the alert engine and the endpoint read the same copy").isNotEmpty();

    provider.get("test").counterBuilder("chatbot.requests").build().add(2);
    exporter.reset();
    provider.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(exporter.getFinishedMetricItems()).as("the final export at shutdown").isNotEmpty()
        .allSatisfy(metric -> assertThat(metric.getLongSumData().getPoints().iterator().next().getValue()).isEqualTo(5L));
    assertThat(reader.exports()).isTrue();
    assertThat(exporterShutDown).as("the exporter is shut down with the reader").isTrue();
  }

  @Test
  void anExportInFlightAtShutdownFinishesAndTheFinalExportStillRuns() {
    AlertMetricReader reader = new AlertMetricReader();
    java.util.List<io.opentelemetry.sdk.common.CompletableResultCode> pending =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.List<Long> exportedValues = new java.util.concurrent.CopyOnWriteArrayList<>();
    reader.exportEvery(new io.opentelemetry.sdk.metrics.export.MetricExporter() {
      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode export(java.util.Collection<MetricData> metrics) {
        io.opentelemetry.sdk.common.CompletableResultCode result = new io.opentelemetry.sdk.common.CompletableResultCode();
        metrics.forEach(metric -> exportedValues.add(metric.getLongSumData().getPoints().iterator().next().getValue()));
        pending.add(result);
        if (pending.size() > 1) {
          result.succeed(); // the final export answers at once
        } else {
          new Thread(() -> { // the first, slow one answers a moment later
            try {
              Thread.sleep(300);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            result.succeed();
          }).start();
        }
        return result;
      }

      @Override
      public AggregationTemporality getAggregationTemporality(InstrumentType type) {
        return AggregationTemporality.CUMULATIVE;
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode flush() {
        return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
        // shutting the sender down interrupts what is still in flight, as the JDK HTTP sender does
        pending.forEach(result -> { if (!result.isDone()) { result.fail(); } });
        return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
      }
    }, Duration.ofMillis(50));
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    provider.get("test").counterBuilder("chatbot.requests").build().add(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> !pending.isEmpty());
    provider.get("test").counterBuilder("chatbot.requests").build().add(2);

    provider.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(pending).hasSizeGreaterThanOrEqualTo(2).allMatch(io.opentelemetry.sdk.common.CompletableResultCode::isSuccess);
    assertThat(exportedValues).isNotEmpty().last().as("the final export has every measurement").isEqualTo(5L);
  }

  @Test
  void aResetReaderServesTheNextMeterProviderAfterAFailedStartClosedIt() {
    AlertMetricReader reader = new AlertMetricReader();
    SdkMeterProvider failed = SdkMeterProvider.builder().registerMetricReader(reader).build();
    failed.close();
    assertThat(reader.collect()).as("closed with the provider").isEmpty();

    reader.reset();
    SdkMeterProvider retried = SdkMeterProvider.builder().registerMetricReader(reader).build();
    retried.get("test").counterBuilder("chatbot.requests").build().add(1);

    assertThat(reader.collect()).singleElement().extracting(MetricData::getName).isEqualTo("chatbot.requests");
    retried.close();
  }
}
