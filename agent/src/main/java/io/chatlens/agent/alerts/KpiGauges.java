package io.chatlens.agent.alerts;

import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Derived KPIs published as gauges (unit {@code 1}, over the last 5 minutes), computed by the same
 * signals as the alerts, so they exist as metrics even without Prometheus: {@code chatbot.error_rate},
 * {@code chatbot.search.zero_result_rate} and {@code chatbot.answer.accuracy}. A gauge without data
 * reports nothing.
 */
public final class KpiGauges implements AutoCloseable {

  /** The window of every KPI gauge. */
  public static final Duration WINDOW = Duration.ofMinutes(5);

  private final List<ObservableDoubleGauge> gauges = new ArrayList<>();

  private KpiGauges() {}

  /** Registers the three gauges on the meter; closing the result unregisters them. */
  public static KpiGauges register(Meter meter, Signals signals) {
    KpiGauges kpis = new KpiGauges();
    kpis.add(meter, signals, "chatbot.error_rate", Signal.ERROR_RATE,
        "Errors per handled message over the last 5 minutes.");
    kpis.add(meter, signals, "chatbot.search.zero_result_rate", Signal.ZERO_RESULT_RATE,
        "Searches with zero results / all searches over the last 5 minutes (the answer-accuracy proxy).");
    kpis.add(meter, signals, "chatbot.answer.accuracy", Signal.ANSWER_ACCURACY,
        "Answers rated correct / answers rated over the last 5 minutes.");
    return kpis;
  }

  private void add(Meter meter, Signals signals, String name, Signal signal, String description) {
    gauges.add(meter.gaugeBuilder(name).setUnit("1").setDescription(description).buildWithCallback(measurement -> {
      OptionalDouble value = signals.value(signal, WINDOW, Map.of());
      if (value.isPresent()) {
        measurement.record(value.getAsDouble());
      }
    }));
  }

  @Override
  public void close() {
    for (ObservableDoubleGauge gauge : gauges) {
      gauge.close();
    }
  }
}
