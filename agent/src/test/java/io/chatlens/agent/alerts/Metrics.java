package io.chatlens.agent.alerts;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds synthetic cumulative {@link MetricData}, as the SDK would report it, for the signal tests. */
final class Metrics {

  private static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.create("test");
  private final List<MetricData> data = new ArrayList<>();

  static Metrics collection() {
    return new Metrics();
  }

  /** A monotonic counter with one series; attributes as key, value, key, value... */
  Metrics counter(String name, long value, String... attributes) {
    data.add(ImmutableMetricData.createLongSum(Resource.empty(), SCOPE, name, "", "1", ImmutableSumData.create(true,
        AggregationTemporality.CUMULATIVE, List.of(ImmutableLongPointData.create(0, 1, attributes(attributes), value)))));
    return this;
  }

  /** A non-monotonic sum (up-down counter) with one series. */
  Metrics upDown(String name, long value, String... attributes) {
    data.add(ImmutableMetricData.createLongSum(Resource.empty(), SCOPE, name, "", "1", ImmutableSumData.create(false,
        AggregationTemporality.CUMULATIVE, List.of(ImmutableLongPointData.create(0, 1, attributes(attributes), value)))));
    return this;
  }

  /** A double gauge with one series. */
  Metrics gauge(String name, double value, String... attributes) {
    data.add(ImmutableMetricData.createDoubleGauge(Resource.empty(), SCOPE, name, "", "1",
        ImmutableGaugeData.create(List.of(ImmutableDoublePointData.create(0, 1, attributes(attributes), value)))));
    return this;
  }

  /** A histogram with one series: per-bucket counts, one more than the boundaries. */
  Metrics histogram(String name, List<Double> boundaries, long[] counts, double sum, String... attributes) {
    List<Long> countList = Arrays.stream(counts).boxed().toList();
    data.add(ImmutableMetricData.createDoubleHistogram(Resource.empty(), SCOPE, name, "", "s",
        ImmutableHistogramData.create(AggregationTemporality.CUMULATIVE, List.of(ImmutableHistogramPointData.create(0, 1,
            attributes(attributes), sum, false, 0, false, 0, boundaries, countList)))));
    return this;
  }

  List<MetricData> build() {
    return List.copyOf(data);
  }

  private static Attributes attributes(String... pairs) {
    AttributesBuilder builder = Attributes.builder();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      builder.put(pairs[i], pairs[i + 1]);
    }
    return builder.build();
  }
}
