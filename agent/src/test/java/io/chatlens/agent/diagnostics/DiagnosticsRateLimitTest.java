package io.chatlens.agent.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiagnosticsRateLimitTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private PrintStream previous;
  private final String topic = "test-" + UUID.randomUUID();

  @BeforeEach
  void capture() {
    previous = Diagnostics.redirect(new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    Diagnostics.redirect(previous);
  }

  private List<String> lines() {
    return printed.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aTopicWarnsAtMostOnceAMinute() {
    long start = 1_000 * SECOND;

    assertThat(Diagnostics.warnRateLimited(topic, "down (1)", start)).isTrue();
    assertThat(Diagnostics.warnRateLimited(topic, "down (2)", start + 1)).isFalse();
    assertThat(Diagnostics.warnRateLimited(topic, "down (3)", start + 59 * SECOND)).isFalse();
    assertThat(Diagnostics.warnRateLimited(topic, "down (4)", start + 60 * SECOND)).isTrue();
    assertThat(Diagnostics.warnRateLimited(topic, "down (5)", start + 61 * SECOND)).isFalse();

    assertThat(lines()).containsExactly("[chatlens] WARN down (1)", "[chatlens] WARN down (4)");
  }

  @Test
  void tenMinutesOfFailuresEverySecondGiveTenLines() {
    long start = 5_000 * SECOND;
    for (int second = 0; second < 600; second++) {
      Diagnostics.warnRateLimited(topic, "exporting spans failed", start + second * SECOND);
    }
    assertThat(lines()).hasSize(10).allMatch(line -> line.equals("[chatlens] WARN exporting spans failed"));
  }

  @Test
  void topicsAreIndependent() {
    long now = 9_000 * SECOND;
    assertThat(Diagnostics.warnRateLimited(topic + "-a", "a", now)).isTrue();
    assertThat(Diagnostics.warnRateLimited(topic + "-b", "b", now)).isTrue();
    assertThat(Diagnostics.warnRateLimited(topic + "-a", "a again", now + SECOND)).isFalse();
  }

  @Test
  void ofManyThreadsFailingAtOnceExactlyOnePrints() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      AtomicInteger printedCount = new AtomicInteger();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        done.add(threads.submit(() -> {
          go.await();
          for (int j = 0; j < 1_000; j++) {
            if (Diagnostics.warnRateLimited(topic, "race", System.nanoTime())) {
              printedCount.incrementAndGet();
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
      assertThat(printedCount).hasValue(1);
      assertThat(lines()).containsExactly("[chatlens] WARN race");
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void sdkExportLoggersShareTheExportTopic() {
    assertThat(SdkLogBridge.topic("io.chatlens.shaded.io.opentelemetry.exporter.internal.http.HttpExporter"))
        .isEqualTo("export");
    assertThat(SdkLogBridge.topic("io.chatlens.shaded.io.opentelemetry.sdk.trace.export.BatchSpanProcessor"))
        .isEqualTo("export");
    assertThat(SdkLogBridge.topic("io.chatlens.shaded.io.opentelemetry.sdk.metrics.SdkMeter"))
        .isNotEqualTo("export");
  }
}
