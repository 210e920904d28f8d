package io.chatlens.instrumentation.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorRegistryTest {

  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(metrics).build();
  private final ExecutorRegistry registry = new ExecutorRegistry(meters.get("test"), () -> 0);

  @AfterEach
  void close() {
    meters.close();
  }

  /** A pool that is never started: constructing one starts no thread. */
  private static ThreadPoolExecutor pool() {
    return new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new SynchronousQueue<>());
  }

  /** One collection (every callback runs once): the points of the gauge named, by executor name. */
  private Map<String, Long> gauge(String name) {
    return gauge(metrics.collectAllMetrics(), name);
  }

  private static Map<String, Long> gauge(Collection<MetricData> collected, String name) {
    return collected.stream().filter(data -> data.getName().equals(name))
        .map(MetricData::getLongGaugeData).flatMap(data -> data.getPoints().stream())
        .collect(Collectors.toMap(point -> point.getAttributes().get(ExecutorRegistry.EXECUTOR),
            LongPointData::getValue));
  }

  @Test
  void aMillionPoolsKeptAliveStayWithinTheLimitAndTheFirstAreReported() {
    List<ThreadPoolExecutor> kept = new ArrayList<>();
    for (int i = 0; i < ExecutorRegistry.LIMIT; i++) {
      ThreadPoolExecutor pool = pool();
      kept.add(pool);
      registry.constructed(null, pool);
    }
    for (int i = 0; i < 1_000_000; i++) {
      registry.constructed(null, pool());
      if (registry.size() > ExecutorRegistry.LIMIT) {
        assertThat(registry.size()).as("pools after %d more", i + 1).isLessThanOrEqualTo(ExecutorRegistry.LIMIT);
      }
    }
    assertThat(registry.size()).isEqualTo(ExecutorRegistry.LIMIT);
    Map<String, Long> active = gauge("chatbot.executor.active");
    assertThat(active).hasSize(ExecutorRegistry.LIMIT).allSatisfy((name, value) -> {
      assertThat(Integer.parseInt(name.substring(name.lastIndexOf('-') + 1))).isBetween(1, ExecutorRegistry.LIMIT);
      assertThat(value).isZero();
    });
    Reference.reachabilityFence(kept);
  }

  @Test
  void aMillionShortLivedPoolsStayWithinTheLimitAndNewPoolsAreTrackedOnceOldOnesAreCollected() throws Exception {
    for (int i = 0; i < 1_000_000; i++) {
      registry.constructed(null, pool());
      if (registry.size() > ExecutorRegistry.LIMIT) {
        assertThat(registry.size()).as("pools after %d", i + 1).isLessThanOrEqualTo(ExecutorRegistry.LIMIT);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (registry.size() == ExecutorRegistry.LIMIT && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(registry.size()).as("collected pools leave the table").isLessThan(ExecutorRegistry.LIMIT);

    ThreadPoolExecutor fresh = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    fresh.getQueue().add(() -> { });
    fresh.getQueue().add(() -> { });
    int before = registry.size();
    registry.constructed(null, fresh);
    assertThat(registry.size()).isEqualTo(before + 1);
    assertThat(gauge("chatbot.executor.queue.depth")).containsValue(2L);
    Reference.reachabilityFence(fresh);
  }

  @Test
  void aPoolWhoseReadingThrowsIsSkippedAndCountedWhileTheOthersAreReported() {
    ThreadPoolExecutor healthy = pool();
    ThreadPoolExecutor hostile = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new SynchronousQueue<>()) {
      @Override
      public int getActiveCount() {
        throw new StackOverflowError("pathological override");
      }
    };
    registry.constructed(null, hostile);
    registry.constructed(null, healthy);

    Collection<MetricData> collected = metrics.collectAllMetrics();

    assertThat(gauge(collected, "chatbot.executor.active")).as("the other pool is still reported").hasSize(1);
    assertThat(gauge(collected, "chatbot.executor.queue.depth")).as("its queue is still read").hasSize(2);
    assertThat(registry.callbackFaults()).isEqualTo(1);
    metrics.collectAllMetrics();
    assertThat(registry.callbackFaults()).as("once per collection").isEqualTo(2);
    Reference.reachabilityFence(healthy);
    Reference.reachabilityFence(hostile);
  }
}
