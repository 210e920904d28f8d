package io.chatlens.agent.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveMetricsTest {

  private static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");
  private static final AttributeKey<String> CATEGORY = AttributeKey.stringKey("category");

  @Test
  void ratesAndPercentilesComeFromTheDifferenceBetweenTwoSamples() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build()) {
      Meter meter = provider.get("test");
      LongCounter requests = meter.counterBuilder("chatbot.requests").build();
      LongCounter errors = meter.counterBuilder("chatbot.errors").build();
      DoubleHistogram latency = meter.histogramBuilder("chatbot.response_time").setUnit("s")
          .setExplicitBucketBoundariesAdvice(List.of(0.01, 0.1, 1.0)).build();
      LiveMetrics live = new LiveMetrics();
      long t0 = 1_700_000_000_000L;

      live.sample(t0, reader.collectAllMetrics()); // nothing yet: no rate, no NaN totals later
      for (int i = 0; i < 100; i++) {
        requests.add(1, Attributes.of(STATUS, i < 10 ? "error" : "success"));
        latency.record(i < 90 ? 0.005 : 0.5); // 90 under 10 ms, 10 between 100 ms and 1 s
      }
      errors.add(10, Attributes.of(CATEGORY, "database"));
      errors.add(5, Attributes.of(CATEGORY, "payment")); // a custom category counts as other
      live.sample(t0 + 10_000, reader.collectAllMetrics());

      TrendBuffer trends = live.trends();
      assertThat(trends.size()).isEqualTo(2);
      assertThat(trends.last("throughput")).isEqualTo(10.0);
      assertThat(trends.last("errors.database")).isEqualTo(1.0);
      assertThat(trends.last("errors.other")).isEqualTo(0.5);
      assertThat(trends.last("errors.validation")).isZero();
      assertThat(trends.last("latency.p50")).isCloseTo(10 * 50 / 90.0, within(1e-9)); // inside the first bucket
      assertThat(trends.last("latency.p95")).isCloseTo(100 + 900 * 0.5, within(1e-9)); // half way in (0.1, 1]
      assertThat(trends.series("throughput")[0]).as("no rate without a previous sample").isNaN();

      Json json = new Json(1024).begin();
      live.kpis(json, t0 + 20_000, reader.collectAllMetrics());
      JsonNode kpis = new ObjectMapper().readTree(json.end().toString()).get("kpis");
      assertThat(kpis.get("requestsTotal").asDouble()).isEqualTo(100);
      assertThat(kpis.get("failedRequestsTotal").asDouble()).isEqualTo(10);
      assertThat(kpis.get("errorsTotal").asDouble()).isEqualTo(15);
      assertThat(kpis.get("errorRate").asDouble()).isEqualTo(0.1);
      assertThat(kpis.get("requestsPerSecond").asDouble()).as("100 requests in the 20 s since the oldest sample")
          .isEqualTo(5.0);
      assertThat(kpis.get("p95Ms").asDouble()).isCloseTo(550, within(1e-3));
      assertThat(kpis.get("answerAccuracy").isNull()).isTrue();
      assertThat(kpis.get("llmTokensPerTurn").isNull()).as("no LLM call yet").isTrue();
      assertThat(kpis.get("llmCostTotal").asDouble()).isZero();

      // two LLM calls in those 100 turns: 34 + 43 tokens, and their cost
      io.opentelemetry.api.metrics.LongHistogram tokens = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs()
          .build();
      for (long count : new long[] {25, 9, 31, 12}) {
        tokens.record(count);
      }
      meter.counterBuilder("chatbot.llm.cost").ofDoubles().build().add(21.0e-6);
      Json withLlm = new Json(1024).begin();
      live.kpis(withLlm, t0 + 30_000, reader.collectAllMetrics());
      JsonNode llm = new ObjectMapper().readTree(withLlm.end().toString()).get("kpis");
      assertThat(llm.get("llmTokensPerTurn").asDouble()).isCloseTo(0.77, within(1e-9));
      assertThat(llm.get("llmCostTotal").asDouble()).isCloseTo(21.0e-6, within(1e-12));
    }
  }

  @Test
  void quantilesInterpolateWithinTheirBucketAsPrometheusDoes() {
    LiveMetrics.Histogram histogram = new LiveMetrics.Histogram(List.of(1.0, 2.0, 4.0), new long[] {0, 10, 10, 0}, 0, 20);
    assertThat(histogram.quantile(0.5)).isEqualTo(2.0);
    assertThat(histogram.quantile(0.25)).isEqualTo(1.5);
    assertThat(histogram.quantile(0.75)).isEqualTo(3.0);
    assertThat(LiveMetrics.Histogram.EMPTY.quantile(0.5)).isNaN();
    LiveMetrics.Histogram overflow = new LiveMetrics.Histogram(List.of(1.0), new long[] {0, 5}, 0, 5);
    assertThat(overflow.quantile(0.99)).as("beyond the last bound: the last bound").isEqualTo(1.0);
  }
}
