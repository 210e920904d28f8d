package io.chatlens.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

  @Test
  void alsoFeedsTheOtlpExporterOnItsIntervalAndOnceMoreAtShutdown() {
    AlertMetricReader reader = new AlertMetricReader();
    InMemoryMetricExporter exporter = InMemoryMetricExporter.create(AggregationTemporality.CUMULATIVE);
    AtomicBoolean exporterShutDown = new AtomicBoolean();
    // the in-memory exporter itself is never shut down: it would forget what it got
    reader.exportEvery(new StubMetricExporter(exporter::export, () -> exporterShutDown.set(true)), Duration.ofMillis(50));
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    provider.get("test").counterBuilder("chatbot.requests").build().add(3);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(exporter.getFinishedMetricItems())
        .as("exported on the interval").isNotEmpty().anySatisfy(metric -> assertThat(metric.getName())
            .isEqualTo("chatbot.requests")));
    assertThat(reader.collect()).as("the alert engine and the endpoint read the same copy").isNotEmpty();

    provider.get("test").counterBuilder("chatbot.requests").build().add(2);
    exporter.reset();
    provider.shutdown().join(5, TimeUnit.SECONDS);
    assertThat(exporter.getFinishedMetricItems()).as("the final export at shutdown").isNotEmpty()
        .allSatisfy(metric -> assertThat(metric.getLongSumData().getPoints().iterator().next().getValue()).isEqualTo(5L));
    assertThat(reader.exports()).isTrue();
    assertThat(exporterShutDown).as("the exporter is shut down with the reader").isTrue();
  }

  @Test
  void theFirstExportIsSentSoonAfterStartEvenWithALongInterval() {
    AlertMetricReader reader = new AlertMetricReader();
    InMemoryMetricExporter exporter = InMemoryMetricExporter.create(AggregationTemporality.CUMULATIVE);
    reader.exportEvery(new StubMetricExporter(exporter::export, () -> { }), Duration.ofHours(1));
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    provider.get("test").counterBuilder("chatbot.requests").build().add(3);
    long started = System.nanoTime();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(exporter.getFinishedMetricItems())
        .as("the first export, long before the hour").isNotEmpty().anySatisfy(metric -> assertThat(metric.getName())
            .isEqualTo("chatbot.requests")));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    exporter.reset();
    provider.shutdown().join(5, TimeUnit.SECONDS);
  }

  @Test
  void anExportInFlightAtShutdownFinishesAndTheFinalExportStillRuns() {
    AlertMetricReader reader = new AlertMetricReader();
    List<CompletableResultCode> pending = new CopyOnWriteArrayList<>();
    List<Long> exportedValues = new CopyOnWriteArrayList<>();
    Thread test = Thread.currentThread();
    CountDownLatch shuttingDown = new CountDownLatch(1);
    reader.exportEvery(new StubMetricExporter(metrics -> {
      CompletableResultCode result = new CompletableResultCode();
      metrics.forEach(metric -> exportedValues.add(metric.getLongSumData().getPoints().iterator().next().getValue()));
      pending.add(result);
      if (pending.size() > 1) {
        result.succeed(); // the final export answers at once
      } else {
        // the first, slow export answers only once the shutdown is waiting for it: in flight at shutdown, for sure
        Thread answer = new Thread(() -> {
          try {
            shuttingDown.await();
            await().atMost(Duration.ofSeconds(10)).until(() -> waitsInShutdownFor(test));
            result.succeed();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, "slow-export-answer");
        answer.setDaemon(true);
        answer.start();
      }
      return result;
    }, () -> {
      // shutting the sender down interrupts what is still in flight, as the JDK HTTP sender does
      pending.forEach(result -> {
        if (!result.isDone()) {
          result.fail();
        }
      });
    }), Duration.ofMillis(50));
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    provider.get("test").counterBuilder("chatbot.requests").build().add(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> !pending.isEmpty());
    provider.get("test").counterBuilder("chatbot.requests").build().add(2);

    shuttingDown.countDown();
    provider.shutdown().join(10, TimeUnit.SECONDS);

    assertThat(pending).hasSizeGreaterThanOrEqualTo(2).allMatch(CompletableResultCode::isSuccess);
    assertThat(exportedValues).isNotEmpty().last().as("the final export has every measurement").isEqualTo(5L);
  }

  /** Whether the thread is blocked in the reader's shutdown, waiting for an export's result. */
  private static boolean waitsInShutdownFor(Thread thread) {
    StackTraceElement[] stack = thread.getStackTrace();
    boolean joining = Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(CompletableResultCode.class.getName())
        && frame.getMethodName().equals("join"));
    boolean inShutdown = Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(AlertMetricReader.class.getName())
        && frame.getMethodName().equals("shutdown"));
    return joining && inShutdown;
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
