package io.chatlens.agent.telemetry;

import io.chatlens.agent.logging.EventQueue;
import io.chatlens.bootstrap.BridgeFaults;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The agent's own health as metrics: items exported and failed per signal, log events dropped by
 * priority, the log queue's size and faults swallowed inside the agent. The SDK adds its own
 * {@code otel.sdk.*} metrics (span and log queues, items dropped because a queue was full).
 */
public final class SelfMetrics {

  static final AttributeKey<String> SIGNAL = AttributeKey.stringKey("signal");
  static final AttributeKey<String> PRIORITY = AttributeKey.stringKey("priority");
  static final AttributeKey<String> QUEUE = AttributeKey.stringKey("queue");

  private SelfMetrics() {}

  private static final io.opentelemetry.api.common.AttributeKey<String> OUTCOME =
      io.opentelemetry.api.common.AttributeKey.stringKey("outcome");

  public static void register(Meter meter, Map<String, ExporterStats> exporters, EventQueue logQueue,
      LongSupplier handlerFaults) {
    meter.counterBuilder("chatlens.exporter.exported").setUnit("{item}")
        .setDescription("Spans, metric points and log records exported, by signal.")
        .buildWithCallback(measurement -> exporters.values().forEach(stats ->
            measurement.record(stats.exported(), Attributes.of(SIGNAL, stats.signal()))));
    meter.counterBuilder("chatlens.exporter.failures").setUnit("{item}")
        .setDescription("Items whose export failed after retries, by signal.")
        .buildWithCallback(measurement -> exporters.values().forEach(stats ->
            measurement.record(stats.failed(), Attributes.of(SIGNAL, stats.signal()))));
    if (logQueue != null) {
      meter.counterBuilder("chatlens.log.dropped").setUnit("{event}")
          .setDescription("Structured log events dropped because the queue was full, by priority.")
          .buildWithCallback(measurement -> {
            measurement.record(logQueue.droppedLowPriority(), Attributes.of(PRIORITY, "low"));
            measurement.record(logQueue.droppedHighPriority(), Attributes.of(PRIORITY, "high"));
          });
      meter.gaugeBuilder("chatlens.queue.size").ofLongs().setUnit("{item}")
          .setDescription("Items waiting in the agent's own queues.")
          .buildWithCallback(measurement -> measurement.record(logQueue.size(), Attributes.of(QUEUE, "log_events")));
    }
    meter.counterBuilder("chatlens.agent.faults").setUnit("{fault}")
        .setDescription("Faults inside the agent that were swallowed to protect the application.")
        .buildWithCallback(measurement -> measurement.record(BridgeFaults.count() + handlerFaults.getAsLong()));
  }

  /** The histogram relay: measurements waiting (a {@code chatlens.queue.size} series) and dropped. */
  static void registerRelay(Meter meter, HistogramRelay relay) {
    meter.gaugeBuilder("chatlens.queue.size").ofLongs().setUnit("{item}")
        .setDescription("Items waiting in the agent's own queues.")
        .buildWithCallback(measurement -> measurement.record(relay.size(), Attributes.of(QUEUE, "histogram_records")));
    meter.counterBuilder("chatlens.metrics.dropped").setUnit("{measurement}")
        .setDescription("Histogram measurements dropped because the agent's relay queue was full.")
        .buildWithCallback(measurement -> measurement.record(relay.dropped()));
  }

  private static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");

  /**
   * Connections the endpoint refused or closed before answering, by reason: too_many_connections, evicted, busy,
   * head_timeout, write_timeout, head_too_large, bad_request, unauthorized.
   */
  public static void registerEndpoint(Meter meter, java.util.function.Supplier<Map<String, Long>> rejections) {
    meter.counterBuilder("chatlens.endpoint.rejected").setUnit("{connection}")
        .setDescription("Connections the agent's HTTP endpoint refused or closed before answering, by reason.")
        .buildWithCallback(measurement -> rejections.get().forEach((reason, count) ->
            measurement.record(count, Attributes.of(REASON, reason))));
  }

  /**
   * Label values replaced by {@code other} because their metric label (or the span attribute or log field of the
   * same dimension: metric {@code span} or {@code log}) had reached {@code chatlens.metrics.max-label-values}.
   */
  public static void registerLabelOverflow(Meter meter, io.chatlens.agent.redaction.LabelGuard guard) {
    meter.counterBuilder("chatlens.metrics.label_overflow").setUnit("{value}")
        .setDescription("Label values recorded as 'other' because their label reached chatlens.metrics.max-label-values "
            + "(metric labels, and span attributes and log fields of the same dimensions); the log names the metric.")
        .buildWithCallback(measurement -> measurement.record(guard.overflowCount()));
  }

  /** Errors handed to the Sentry export, by outcome: queued, sent, dropped, sampled_out, rate_limited. */
  public static void registerSentry(Meter meter, java.util.function.Supplier<Map<String, Long>> counters) {
    meter.counterBuilder("chatlens.sentry.events").setUnit("{event}")
        .setDescription("Captured errors handed to the Sentry export, by outcome.")
        .buildWithCallback(measurement -> counters.get().forEach((outcome, count) ->
            measurement.record(count, Attributes.of(OUTCOME, outcome))));
  }
}
