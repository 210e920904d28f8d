package io.chatlens.agent.telemetry;

import io.chatlens.agent.redaction.LabelGuard;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.DoubleUpDownCounter;
import io.opentelemetry.api.metrics.DoubleUpDownCounterBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongGauge;
import io.opentelemetry.api.metrics.LongGaugeBuilder;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.LongHistogramBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableDoubleCounter;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableDoubleUpDownCounter;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;
import io.opentelemetry.api.metrics.ObservableMeasurement;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The one place every ChatLens metric measurement passes through before the SDK sees it: the meters of the
 * {@code io.chatlens*} scopes handed out by {@link Telemetry#openTelemetry()} rewrite each string attribute with
 * {@link LabelGuard#value}, that is redacted, dated names folded and bounded per metric and label (beyond the
 * limit, {@code other}). Synchronous instruments cache the rewritten attribute set of each distinct input
 * (bounded; past the bound it is computed each time); observable callbacks add up the measurements that the
 * guard folded into the same attribute set, so an {@code other} point is the sum of what it stands for.
 *
 * <p>Meters of other scopes (the JVM runtime metrics of OpenTelemetry's own instrumentation library, whose labels
 * are fixed by the library) and {@code buildObserver()}/{@code batchCallback} observers pass through unchanged.
 */
final class GuardedMeters {

  private static final int CACHE_LIMIT = 1024;

  private GuardedMeters() {}

  /** An {@link OpenTelemetry} whose meter provider guards the ChatLens scopes. */
  static OpenTelemetry wrap(OpenTelemetry delegate, LabelGuard guard, HistogramRelay relay) {
    MeterProvider meters = new Provider(delegate.getMeterProvider(), guard, relay);
    return new OpenTelemetry() {
      @Override
      public TracerProvider getTracerProvider() {
        return delegate.getTracerProvider();
      }

      @Override
      public MeterProvider getMeterProvider() {
        return meters;
      }

      @Override
      public LoggerProvider getLogsBridge() {
        return delegate.getLogsBridge();
      }

      @Override
      public ContextPropagators getPropagators() {
        return delegate.getPropagators();
      }

      @Override
      public String toString() {
        return "GuardedMeters{" + delegate + "}";
      }
    };
  }

  /** Rewrites the attributes of one instrument. */
  static final class Labels {
    private final String metric;
    private final LabelGuard guard;
    private final Map<Attributes, Attributes> cache = new ConcurrentHashMap<>();

    Labels(String metric, LabelGuard guard) {
      this.metric = metric;
      this.guard = guard;
    }

    Attributes apply(Attributes attributes) {
      if (attributes == null || attributes.isEmpty()) {
        return attributes;
      }
      Attributes cached = cache.get(attributes);
      if (cached != null) {
        return cached;
      }
      Attributes guarded = rewrite(attributes);
      if (cache.size() < CACHE_LIMIT) {
        cache.put(attributes, guarded);
      }
      return guarded;
    }

    @SuppressWarnings("unchecked")
    private Attributes rewrite(Attributes attributes) {
      AttributesBuilder[] builder = new AttributesBuilder[1];
      attributes.forEach((key, value) -> {
        if (key.getType() == AttributeType.STRING) {
          String original = (String) value;
          String clean = guard.value(metric, key.getKey(), original);
          if (!original.equals(clean)) {
            if (builder[0] == null) {
              builder[0] = attributes.toBuilder();
            }
            builder[0].put((AttributeKey<String>) key, clean);
          }
        }
      });
      return builder[0] == null ? attributes : builder[0].build();
    }
  }

  private record Provider(MeterProvider delegate, LabelGuard guard, HistogramRelay relay) implements MeterProvider {
    @Override
    public MeterBuilder meterBuilder(String name) {
      MeterBuilder builder = delegate.meterBuilder(name);
      return name.startsWith("io.chatlens") ? new GuardedMeterBuilder(builder, guard, relay) : builder;
    }
  }

  private record GuardedMeterBuilder(MeterBuilder delegate, LabelGuard guard, HistogramRelay relay)
      implements MeterBuilder {
    @Override
    public MeterBuilder setSchemaUrl(String schemaUrl) {
      return new GuardedMeterBuilder(delegate.setSchemaUrl(schemaUrl), guard, relay);
    }

    @Override
    public MeterBuilder setInstrumentationVersion(String version) {
      return new GuardedMeterBuilder(delegate.setInstrumentationVersion(version), guard, relay);
    }

    @Override
    public Meter build() {
      Meter meter = delegate.build();
      relay.flushBeforeCollecting(meter);
      return new GuardedMeter(meter, guard, relay);
    }
  }

  private record GuardedMeter(Meter delegate, LabelGuard guard, HistogramRelay relay) implements Meter {
    @Override
    public LongCounterBuilder counterBuilder(String name) {
      return new LongCounterB(delegate.counterBuilder(name), new Labels(name, guard));
    }

    @Override
    public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
      return new LongUpDownB(delegate.upDownCounterBuilder(name), new Labels(name, guard));
    }

    @Override
    public DoubleHistogramBuilder histogramBuilder(String name) {
      return new DoubleHistogramB(delegate.histogramBuilder(name), new Labels(name, guard), relay);
    }

    @Override
    public DoubleGaugeBuilder gaugeBuilder(String name) {
      return new DoubleGaugeB(delegate.gaugeBuilder(name), new Labels(name, guard));
    }

    @Override
    public BatchCallback batchCallback(Runnable callback, ObservableMeasurement observableMeasurement,
        ObservableMeasurement... additionalMeasurements) {
      return delegate.batchCallback(callback, observableMeasurement, additionalMeasurements);
    }
  }

  // --- observable measurements: folded points are added up and recorded once at the end of the callback --------

  static Consumer<ObservableLongMeasurement> longs(Consumer<ObservableLongMeasurement> callback, Labels labels) {
    return measurement -> {
      Map<Attributes, long[]> folded = new LinkedHashMap<>();
      callback.accept(new ObservableLongMeasurement() {
        @Override
        public void record(long value) {
          measurement.record(value);
        }

        @Override
        public void record(long value, Attributes attributes) {
          Attributes guarded = labels.apply(attributes);
          if (guarded == attributes) {
            measurement.record(value, attributes);
          } else {
            folded.computeIfAbsent(guarded, a -> new long[1])[0] += value;
          }
        }
      });
      folded.forEach((attributes, sum) -> measurement.record(sum[0], attributes));
    };
  }

  static Consumer<ObservableDoubleMeasurement> doubles(Consumer<ObservableDoubleMeasurement> callback, Labels labels) {
    return measurement -> {
      Map<Attributes, double[]> folded = new LinkedHashMap<>();
      callback.accept(new ObservableDoubleMeasurement() {
        @Override
        public void record(double value) {
          measurement.record(value);
        }

        @Override
        public void record(double value, Attributes attributes) {
          Attributes guarded = labels.apply(attributes);
          if (guarded == attributes) {
            measurement.record(value, attributes);
          } else {
            folded.computeIfAbsent(guarded, a -> new double[1])[0] += value;
          }
        }
      });
      folded.forEach((attributes, sum) -> measurement.record(sum[0], attributes));
    };
  }

  // --- builders ---------------------------------------------------------------------------------------------------

  private record LongCounterB(LongCounterBuilder d, Labels labels) implements LongCounterBuilder {
    @Override
    public LongCounterBuilder setDescription(String description) {
      return new LongCounterB(d.setDescription(description), labels);
    }

    @Override
    public LongCounterBuilder setUnit(String unit) {
      return new LongCounterB(d.setUnit(unit), labels);
    }

    @Override
    public DoubleCounterBuilder ofDoubles() {
      return new DoubleCounterB(d.ofDoubles(), labels);
    }

    @Override
    public LongCounter build() {
      LongCounter counter = d.build();
      return new LongCounter() {
        @Override
        public boolean isEnabled() {
          return counter.isEnabled();
        }

        @Override
        public void add(long value) {
          counter.add(value);
        }

        @Override
        public void add(long value, Attributes attributes) {
          counter.add(value, labels.apply(attributes));
        }

        @Override
        public void add(long value, Attributes attributes, Context context) {
          counter.add(value, labels.apply(attributes), context);
        }
      };
    }

    @Override
    public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
      return d.buildWithCallback(longs(callback, labels));
    }

    @Override
    public ObservableLongMeasurement buildObserver() {
      return d.buildObserver();
    }
  }

  private record DoubleCounterB(DoubleCounterBuilder d, Labels labels) implements DoubleCounterBuilder {
    @Override
    public DoubleCounterBuilder setDescription(String description) {
      return new DoubleCounterB(d.setDescription(description), labels);
    }

    @Override
    public DoubleCounterBuilder setUnit(String unit) {
      return new DoubleCounterB(d.setUnit(unit), labels);
    }

    @Override
    public DoubleCounter build() {
      DoubleCounter counter = d.build();
      return new DoubleCounter() {
        @Override
        public boolean isEnabled() {
          return counter.isEnabled();
        }

        @Override
        public void add(double value) {
          counter.add(value);
        }

        @Override
        public void add(double value, Attributes attributes) {
          counter.add(value, labels.apply(attributes));
        }

        @Override
        public void add(double value, Attributes attributes, Context context) {
          counter.add(value, labels.apply(attributes), context);
        }
      };
    }

    @Override
    public ObservableDoubleCounter buildWithCallback(Consumer<ObservableDoubleMeasurement> callback) {
      return d.buildWithCallback(doubles(callback, labels));
    }

    @Override
    public ObservableDoubleMeasurement buildObserver() {
      return d.buildObserver();
    }
  }

  private record LongUpDownB(LongUpDownCounterBuilder d, Labels labels) implements LongUpDownCounterBuilder {
    @Override
    public LongUpDownCounterBuilder setDescription(String description) {
      return new LongUpDownB(d.setDescription(description), labels);
    }

    @Override
    public LongUpDownCounterBuilder setUnit(String unit) {
      return new LongUpDownB(d.setUnit(unit), labels);
    }

    @Override
    public DoubleUpDownCounterBuilder ofDoubles() {
      return new DoubleUpDownB(d.ofDoubles(), labels);
    }

    @Override
    public LongUpDownCounter build() {
      LongUpDownCounter counter = d.build();
      return new LongUpDownCounter() {
        @Override
        public boolean isEnabled() {
          return counter.isEnabled();
        }

        @Override
        public void add(long value) {
          counter.add(value);
        }

        @Override
        public void add(long value, Attributes attributes) {
          counter.add(value, labels.apply(attributes));
        }

        @Override
        public void add(long value, Attributes attributes, Context context) {
          counter.add(value, labels.apply(attributes), context);
        }
      };
    }

    @Override
    public ObservableLongUpDownCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
      return d.buildWithCallback(longs(callback, labels));
    }

    @Override
    public ObservableLongMeasurement buildObserver() {
      return d.buildObserver();
    }
  }

  private record DoubleUpDownB(DoubleUpDownCounterBuilder d, Labels labels) implements DoubleUpDownCounterBuilder {
    @Override
    public DoubleUpDownCounterBuilder setDescription(String description) {
      return new DoubleUpDownB(d.setDescription(description), labels);
    }

    @Override
    public DoubleUpDownCounterBuilder setUnit(String unit) {
      return new DoubleUpDownB(d.setUnit(unit), labels);
    }

    @Override
    public DoubleUpDownCounter build() {
      DoubleUpDownCounter counter = d.build();
      return new DoubleUpDownCounter() {
        @Override
        public boolean isEnabled() {
          return counter.isEnabled();
        }

        @Override
        public void add(double value) {
          counter.add(value);
        }

        @Override
        public void add(double value, Attributes attributes) {
          counter.add(value, labels.apply(attributes));
        }

        @Override
        public void add(double value, Attributes attributes, Context context) {
          counter.add(value, labels.apply(attributes), context);
        }
      };
    }

    @Override
    public ObservableDoubleUpDownCounter buildWithCallback(Consumer<ObservableDoubleMeasurement> callback) {
      return d.buildWithCallback(doubles(callback, labels));
    }

    @Override
    public ObservableDoubleMeasurement buildObserver() {
      return d.buildObserver();
    }
  }

  /** Histograms: the application thread hands each measurement to the relay (see {@link HistogramRelay}). */
  private record DoubleHistogramB(DoubleHistogramBuilder d, Labels labels, HistogramRelay relay)
      implements DoubleHistogramBuilder {
    @Override
    public DoubleHistogramBuilder setDescription(String description) {
      return new DoubleHistogramB(d.setDescription(description), labels, relay);
    }

    @Override
    public DoubleHistogramBuilder setUnit(String unit) {
      return new DoubleHistogramB(d.setUnit(unit), labels, relay);
    }

    @Override
    public DoubleHistogramBuilder setExplicitBucketBoundariesAdvice(List<Double> boundaries) {
      return new DoubleHistogramB(d.setExplicitBucketBoundariesAdvice(boundaries), labels, relay);
    }

    @Override
    public LongHistogramBuilder ofLongs() {
      return new LongHistogramB(d.ofLongs(), labels, relay);
    }

    @Override
    public DoubleHistogram build() {
      DoubleHistogram histogram = d.build();
      return new DoubleHistogram() {
        @Override
        public boolean isEnabled() {
          return histogram.isEnabled();
        }

        @Override
        public void record(double value) {
          relay.record(histogram, value, Attributes.empty(), relay.context());
        }

        @Override
        public void record(double value, Attributes attributes) {
          relay.record(histogram, value, labels.apply(attributes), relay.context());
        }

        @Override
        public void record(double value, Attributes attributes, Context context) {
          relay.record(histogram, value, labels.apply(attributes), context);
        }
      };
    }
  }

  private record LongHistogramB(LongHistogramBuilder d, Labels labels, HistogramRelay relay)
      implements LongHistogramBuilder {
    @Override
    public LongHistogramBuilder setDescription(String description) {
      return new LongHistogramB(d.setDescription(description), labels, relay);
    }

    @Override
    public LongHistogramBuilder setUnit(String unit) {
      return new LongHistogramB(d.setUnit(unit), labels, relay);
    }

    @Override
    public LongHistogramBuilder setExplicitBucketBoundariesAdvice(List<Long> boundaries) {
      return new LongHistogramB(d.setExplicitBucketBoundariesAdvice(boundaries), labels, relay);
    }

    @Override
    public LongHistogram build() {
      LongHistogram histogram = d.build();
      return new LongHistogram() {
        @Override
        public boolean isEnabled() {
          return histogram.isEnabled();
        }

        @Override
        public void record(long value) {
          relay.record(histogram, value, Attributes.empty(), relay.context());
        }

        @Override
        public void record(long value, Attributes attributes) {
          relay.record(histogram, value, labels.apply(attributes), relay.context());
        }

        @Override
        public void record(long value, Attributes attributes, Context context) {
          relay.record(histogram, value, labels.apply(attributes), context);
        }
      };
    }
  }

  private record DoubleGaugeB(DoubleGaugeBuilder d, Labels labels) implements DoubleGaugeBuilder {
    @Override
    public DoubleGaugeBuilder setDescription(String description) {
      return new DoubleGaugeB(d.setDescription(description), labels);
    }

    @Override
    public DoubleGaugeBuilder setUnit(String unit) {
      return new DoubleGaugeB(d.setUnit(unit), labels);
    }

    @Override
    public LongGaugeBuilder ofLongs() {
      return new LongGaugeB(d.ofLongs(), labels);
    }

    @Override
    public ObservableDoubleGauge buildWithCallback(Consumer<ObservableDoubleMeasurement> callback) {
      return d.buildWithCallback(doubles(callback, labels));
    }

    @Override
    public ObservableDoubleMeasurement buildObserver() {
      return d.buildObserver();
    }

    @Override
    public DoubleGauge build() {
      DoubleGauge gauge = d.build();
      return new DoubleGauge() {
        @Override
        public boolean isEnabled() {
          return gauge.isEnabled();
        }

        @Override
        public void set(double value) {
          gauge.set(value);
        }

        @Override
        public void set(double value, Attributes attributes) {
          gauge.set(value, labels.apply(attributes));
        }

        @Override
        public void set(double value, Attributes attributes, Context context) {
          gauge.set(value, labels.apply(attributes), context);
        }
      };
    }
  }

  private record LongGaugeB(LongGaugeBuilder d, Labels labels) implements LongGaugeBuilder {
    @Override
    public LongGaugeBuilder setDescription(String description) {
      return new LongGaugeB(d.setDescription(description), labels);
    }

    @Override
    public LongGaugeBuilder setUnit(String unit) {
      return new LongGaugeB(d.setUnit(unit), labels);
    }

    @Override
    public ObservableLongGauge buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
      return d.buildWithCallback(longs(callback, labels));
    }

    @Override
    public ObservableLongMeasurement buildObserver() {
      return d.buildObserver();
    }

    @Override
    public LongGauge build() {
      LongGauge gauge = d.build();
      return new LongGauge() {
        @Override
        public boolean isEnabled() {
          return gauge.isEnabled();
        }

        @Override
        public void set(long value) {
          gauge.set(value);
        }

        @Override
        public void set(long value, Attributes attributes) {
          gauge.set(value, labels.apply(attributes));
        }

        @Override
        public void set(long value, Attributes attributes, Context context) {
          gauge.set(value, labels.apply(attributes), context);
        }
      };
    }
  }
}
