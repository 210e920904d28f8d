package io.chatlens.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.chatlens.agent.redaction.RedactionConfig;
import io.chatlens.agent.redaction.Redactor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Histogram measurements of application threads reach the SDK through the relay: a collection sees every measurement
 * made before it, the trace context goes with each (exemplars), the queue is bounded with drops counted, and stack
 * overflows in the middle of records, on threads at the end of their stack, never make a collection or a later
 * record hang.
 */
class HistogramRelayTest {

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkTracerProvider tracing = SdkTracerProvider.builder().build();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(tracing)
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader)
          .setExemplarFilter(io.opentelemetry.sdk.metrics.ExemplarFilter.alwaysOn()).build()).build();
  private final Redactor redactor = new Redactor(RedactionConfig.builder().build());

  @AfterEach
  void close() {
    sdk.close();
  }

  @Test
  void aCollectionSeesEveryMeasurementMadeBeforeItWithItsTraceContext() {
    HistogramRelay relay = HistogramRelay.manual();
    OpenTelemetry otel = GuardedMeters.wrap(sdk, redactor.labels(), relay);
    LongHistogram results = otel.getMeter("io.chatlens").histogramBuilder("chatbot.search.results").ofLongs().build();
    Span turn = sdk.getTracer("test").spanBuilder("turn").startSpan();
    try (Scope ignored = turn.makeCurrent()) {
      results.record(3);
      results.record(5, Attributes.empty());
    }
    results.record(7);
    assertThat(relay.size()).as("nothing reached the SDK yet").isEqualTo(3);

    Collection<MetricData> metrics = reader.collectAllMetrics();
    assertThat(metrics).isNotEmpty().extracting(MetricData::getName).contains("chatbot.search.results")
        .doesNotContain(HistogramRelay.FLUSH_INSTRUMENT);
    HistogramPointData point = histogram(metrics, "chatbot.search.results");
    assertThat(point.getCount()).isEqualTo(3);
    assertThat(point.getSum()).isEqualTo(15.0);
    assertThat(point.getExemplars()).as("the measurements made inside the span keep its trace").isNotEmpty()
        .allSatisfy(exemplar -> assertThat(exemplar.getSpanContext().getTraceId())
            .isEqualTo(turn.getSpanContext().getTraceId()));
    assertThat(relay.size()).isZero();
    turn.end();
  }

  @Test
  void withExemplarsOffTheMeasurementSkipsTheContextLookupAndStillCounts() {
    HistogramRelay relay = HistogramRelay.manual();
    relay.contextNeeded(false); // otel.metrics.exemplar.filter=always_off, ChatLens's default
    OpenTelemetry otel = GuardedMeters.wrap(sdk, redactor.labels(), relay);
    LongHistogram results = otel.getMeter("io.chatlens").histogramBuilder("chatbot.search.results").ofLongs().build();
    Span turn = sdk.getTracer("test").spanBuilder("turn").startSpan();
    try (Scope ignored = turn.makeCurrent()) {
      assertThat(relay.context()).isSameAs(io.opentelemetry.context.Context.root());
      results.record(3);
      results.record(5, Attributes.empty());
      relay.contextNeeded(true);
      assertThat(Span.fromContext(relay.context()).getSpanContext()).isEqualTo(turn.getSpanContext());
    }
    turn.end();
    HistogramPointData point = histogram(reader.collectAllMetrics(), "chatbot.search.results");
    assertThat(point.getCount()).isEqualTo(2);
    assertThat(point.getExemplars()).as("no trace was handed over").isNotEmpty()
        .allSatisfy(exemplar -> assertThat(exemplar.getSpanContext().isValid()).isFalse());
  }

  @Test
  void atMostTheLimitWaitsAndWhatIsDroppedIsCounted() {
    HistogramRelay relay = HistogramRelay.manual();
    OpenTelemetry otel = GuardedMeters.wrap(sdk, redactor.labels(), relay);
    LongHistogram results = otel.getMeter("io.chatlens").histogramBuilder("chatbot.search.results").ofLongs().build();
    for (int i = 0; i < HistogramRelay.LIMIT + 5; i++) {
      results.record(1);
    }
    assertThat(relay.size()).isEqualTo(HistogramRelay.LIMIT);
    assertThat(relay.dropped()).isEqualTo(5);

    assertThat(histogram(reader.collectAllMetrics(), "chatbot.search.results").getCount())
        .isEqualTo(HistogramRelay.LIMIT);
    relay.close();
    results.record(1);
    assertThat(relay.dropped()).as("after close").isEqualTo(6);
  }

  @Test
  void theRelayThreadHandsMeasurementsOnWithoutACollection() throws Exception {
    try (HistogramRelay relay = HistogramRelay.started()) {
      OpenTelemetry otel = GuardedMeters.wrap(sdk, redactor.labels(), relay);
      LongHistogram results = otel.getMeter("io.chatlens").histogramBuilder("chatbot.search.results").ofLongs()
          .build();
      results.record(4);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> relay.size() == 0);
      assertThat(histogram(reader.collectAllMetrics(), "chatbot.search.results").getCount()).isEqualTo(1);
    }
  }

  /**
   * Threads with a small stack record at every level of a recursion until the stack overflows, so overflows strike
   * inside the records, while another thread collects. (Recorded straight into the SDK, such an overflow can leave a
   * record half done, after which a collection spins forever.) Every collection ends, and every record that returned
   * is counted.
   */
  @Test
  void stackOverflowsInsideRecordsNeverHangACollection() throws Exception {
    try (HistogramRelay relay = HistogramRelay.started()) {
      OpenTelemetry otel = GuardedMeters.wrap(sdk, redactor.labels(), relay);
      LongHistogram histogram = otel.getMeter("io.chatlens").histogramBuilder("chatbot.turn.depth").ofLongs().build();
      AtomicLong returned = new AtomicLong();
      AtomicLong overflows = new AtomicLong();
      AtomicBoolean stop = new AtomicBoolean();
      Thread collector = new Thread(() -> {
        while (!stop.get()) {
          reader.collectAllMetrics();
        }
      });
      collector.start();
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (int run = 0; run < 200; run++) {
          Thread deep = new Thread(null, () -> {
            try {
              descend(histogram, 0, returned);
            } catch (StackOverflowError expected) {
              overflows.incrementAndGet();
            }
          }, "deep", 128 * 1024);
          deep.start();
          deep.join();
        }
        stop.set(true);
        collector.join();
        HistogramPointData point = histogram(reader.collectAllMetrics(), "chatbot.turn.depth");
        assertThat(overflows.get()).isEqualTo(200);
        assertThat(point.getCount()).as("every record that returned (and perhaps ones an overflow cut short)")
            .isGreaterThanOrEqualTo(returned.get()).isLessThanOrEqualTo(returned.get() + 200);
        LongHistogram later = histogram;
        later.record(1);
        assertThat(histogram(reader.collectAllMetrics(), "chatbot.turn.depth").getCount())
            .isGreaterThan(point.getCount());
      });
    }
  }

  private static long descend(LongHistogram histogram, long depth, AtomicLong returned) {
    histogram.record(depth);
    returned.incrementAndGet();
    return descend(histogram, depth + 1, returned) + 1;
  }

  private static HistogramPointData histogram(Collection<MetricData> metrics, String name) {
    List<MetricData> named = metrics.stream().filter(metric -> metric.getName().equals(name)).toList();
    assertThat(named).as(name).hasSize(1);
    List<HistogramPointData> points = List.copyOf(named.get(0).getHistogramData().getPoints());
    assertThat(points).hasSize(1);
    return points.get(0);
  }
}
