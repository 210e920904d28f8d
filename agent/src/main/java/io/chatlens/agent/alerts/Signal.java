package io.chatlens.agent.alerts;

import static io.chatlens.agent.alerts.SignalWindow.ALL;
import static io.chatlens.agent.alerts.SignalWindow.where;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalog of values an alert rule can watch. Each is computed in process from the agent's own
 * metrics over a window, and knows the PromQL expression that computes the same value from the
 * Prometheus names of those metrics, per {@code job} and {@code instance} (one agent), so the rules
 * exported for Prometheus mean exactly what the agent evaluates.
 */
public enum Signal {

  /**
   * Turns that failed / turns: Δchatbot.requests{status=error} / Δchatbot.requests. The one definition of the error
   * rate, shared by this signal (and its gauge chatbot.error_rate), the exported rule, the dashboards, the live page
   * and the catalog. Errors outside turns (a background job, a failed connection before any turn) are counted in
   * chatbot.errors but are not turns that failed, so they never push the rate above 1.
   */
  ERROR_RATE("Turns that failed / turns (chatbot_requests_total{status=\"error\"} / chatbot_requests_total).") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      return w.ratioOfIncreases(REQUESTS, where("status", "error"), REQUESTS, ALL);
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return ratio("chatbot_requests_total{status=\"error\"}", "chatbot_requests_total", "chatbot_requests_total",
          window);
    }
  },

  /** Mean response time in seconds. */
  RESPONSE_TIME_AVG("Mean time to answer a message, in seconds.") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      SignalWindow.HistogramIncrease increase = w.histogramIncrease(RESPONSE_TIME);
      return increase == null || increase.count() <= 0 ? OptionalDouble.empty()
          : OptionalDouble.of(increase.sum() / increase.count());
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return "sum by (job, instance) (rate(chatbot_response_time_seconds_sum[" + window + "]))"
          + " / (sum by (job, instance) (rate(chatbot_response_time_seconds_count[" + window + "])) > 0)";
    }
  },

  /** 95th percentile of the response time in seconds, interpolated like histogram_quantile. */
  RESPONSE_TIME_P95("95th percentile of the time to answer a message, in seconds (as histogram_quantile).") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      SignalWindow.HistogramIncrease increase = w.histogramIncrease(RESPONSE_TIME);
      return increase == null ? OptionalDouble.empty() : increase.quantile(0.95);
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return "histogram_quantile(0.95, sum by (job, instance, le) (rate(chatbot_response_time_seconds_bucket["
          + window + "])))";
    }
  },

  /** Handled messages per second. */
  REQUEST_RATE("Handled messages per second.") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      return w.rate(REQUESTS, ALL);
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return "sum by (job, instance) (rate(chatbot_requests_total[" + window + "]))";
    }
  },

  /** Active sessions now. */
  ACTIVE_SESSIONS("Active sessions now (the window is not used).") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      return w.current(ACTIVE, ALL);
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return "sum by (job, instance) (chatbot_active_sessions)";
    }
  },

  /** Active sessions as a fraction of the rule's {@code max_sessions} parameter. */
  SESSION_USAGE("Active sessions / the rule's max_sessions parameter.", "max_sessions") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      OptionalDouble active = w.current(ACTIVE, ALL);
      return active.isEmpty() ? active : OptionalDouble.of(active.getAsDouble() / params.get(MAX_SESSIONS));
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return "sum by (job, instance) (chatbot_active_sessions) / " + Thresholds.format(params.get(MAX_SESSIONS));
    }
  },

  /** Searches that found nothing, as a fraction of all searches: the accuracy proxy. */
  ZERO_RESULT_RATE("Searches with zero results / searches whose result count is known (the answer-accuracy proxy;"
      + " outcome=\"unknown\" is left out of both).") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      return w.ratioOfIncreases(SEARCHES, where("outcome", "zero_results"), SEARCHES,
          attributes -> !"unknown".equals(attributes.get("outcome")));
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return ratio("chatbot_search_requests_total{outcome=\"zero_results\"}",
          "chatbot_search_requests_total{outcome!=\"unknown\"}",
          "chatbot_search_requests_total{outcome!=\"unknown\"}", window);
    }
  },

  /** Answers rated correct / answers rated. */
  ANSWER_ACCURACY("Answers rated correct / answers rated correct or incorrect.") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      return w.ratioOfIncreases(FEEDBACK, where("outcome", "correct"), FEEDBACK,
          attributes -> "correct".equals(attributes.get("outcome")) || "incorrect".equals(attributes.get("outcome")));
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return ratio("chatbot_search_feedback_total{outcome=\"correct\"}", "chatbot_search_feedback_total",
          "chatbot_search_feedback_total{outcome=~\"correct|incorrect\"}", window);
    }
  },

  /** Failed attempts to get a database connection within the window. */
  DB_CONNECTION_FAILURES("Failed database connection attempts within the window.") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      return w.increase(DB_FAILURES, ALL);
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return increaseCountingNewSeries("chatbot_db_connection_failures_total", window);
    }
  },

  /** Queries slower than chatlens.db.slow-query-threshold within the window. */
  SLOW_QUERIES("Database queries slower than chatlens.db.slow-query-threshold within the window.") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      return w.increase(SLOW, ALL);
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return increaseCountingNewSeries("chatbot_db_slow_queries_total", window);
    }
  },

  /** Used connections / pool maximum, of the fullest pool. */
  DB_POOL_USAGE("Used connections / maximum connections of the fullest connection pool.") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      Map<String, Double> used = w.currentBy(POOL_COUNT, POOL_NAME, where(POOL_STATE, "used"));
      Map<String, Double> max = w.currentBy(POOL_MAX, POOL_NAME, ALL);
      OptionalDouble worst = OptionalDouble.empty();
      for (Map.Entry<String, Double> pool : max.entrySet()) {
        if (pool.getValue() > 0) {
          double usage = used.getOrDefault(pool.getKey(), 0.0) / pool.getValue();
          if (worst.isEmpty() || usage > worst.getAsDouble()) {
            worst = OptionalDouble.of(usage);
          }
        }
      }
      return worst;
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return "max by (job, instance) (sum by (job, instance, db_client_connection_pool_name) "
          + "(db_client_connection_count{db_client_connection_state=\"used\"}) / (sum by (job, instance, "
          + "db_client_connection_pool_name) (db_client_connection_max) > 0))";
    }
  },

  /** Commands in flight plus tasks waiting in the application's executors. */
  QUEUE_LENGTH("Commands in flight plus tasks queued in the application's executors.") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      OptionalDouble inFlight = w.current(IN_FLIGHT, ALL);
      OptionalDouble queued = w.current(QUEUE_DEPTH, ALL);
      if (inFlight.isEmpty() && queued.isEmpty()) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(inFlight.orElse(0) + queued.orElse(0));
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return "sum by (job, instance) ({__name__=~\"chatbot_commands_in_flight|chatbot_executor_queue_depth\"})";
    }
  },

  /** Heap used / heap limit. */
  HEAP_USED_RATIO("Heap used / heap limit (jvm.memory.used / jvm.memory.limit, type heap).") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      return heapShare(w, MEMORY_USED);
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return "sum by (job, instance) (jvm_memory_used_bytes{jvm_memory_type=\"heap\"})"
          + " / (sum by (job, instance) (jvm_memory_limit_bytes{jvm_memory_type=\"heap\"}) > 0)";
    }
  },

  /**
   * Heap still used right after the last garbage collection / heap limit: the live data. Unlike the heap used now,
   * which climbs to the limit between two collections in a healthy JVM, it only stays high when the live data does
   * not fit.
   */
  HEAP_AFTER_GC_RATIO("Heap used right after the last GC / heap limit (jvm.memory.used_after_last_gc / "
      + "jvm.memory.limit, type heap): the live data.") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      return heapShare(w, MEMORY_AFTER_GC);
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return "sum by (job, instance) (jvm_memory_used_after_last_gc_bytes{jvm_memory_type=\"heap\"})"
          + " / (sum by (job, instance) (jvm_memory_limit_bytes{jvm_memory_type=\"heap\"}) > 0)";
    }
  },

  /** CPU used by the JVM process, averaged over the window. */
  CPU_UTILIZATION("CPU used by the JVM process (0..1), averaged over the window.") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      return w.average(PROCESS_CPU, ALL);
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return "avg by (job, instance) (avg_over_time(jvm_cpu_recent_utilization_ratio[" + window + "]))";
    }
  },

  /** CPU used by the whole machine, averaged over the window. */
  SYSTEM_CPU_UTILIZATION("CPU used by the whole machine (0..1), averaged over the window.") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      return w.average(SYSTEM_CPU, ALL);
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return "avg by (job, instance) (avg_over_time(jvm_system_cpu_utilization_ratio[" + window + "]))";
    }
  },

  /** Free fraction of the fullest file system. */
  DISK_FREE_RATIO("Free space / size of the fullest file system (1 - system.filesystem.utilization).") {
    @Override
    OptionalDouble compute(SignalWindow w, Map<String, Double> params) {
      OptionalDouble fullest = w.currentMax(FILESYSTEM_UTILIZATION);
      return fullest.isEmpty() ? fullest : OptionalDouble.of(1 - fullest.getAsDouble());
    }

    @Override
    String promQl(String window, Map<String, Double> params) {
      return "1 - max by (job, instance) (system_filesystem_utilization_ratio)";
    }
  };

  /** The parameter of {@link #SESSION_USAGE}. */
  public static final String MAX_SESSIONS = "max_sessions";

  static final String REQUESTS = "chatbot.requests";
  static final String RESPONSE_TIME = "chatbot.response_time";
  static final String ACTIVE = "chatbot.active_sessions";
  static final String SEARCHES = "chatbot.search.requests";
  static final String FEEDBACK = "chatbot.search.feedback";
  static final String DB_FAILURES = "chatbot.db.connection.failures";
  static final String SLOW = "chatbot.db.slow_queries";
  static final String POOL_COUNT = "db.client.connection.count";
  static final String POOL_MAX = "db.client.connection.max";
  static final String POOL_NAME = "db.client.connection.pool.name";
  static final String POOL_STATE = "db.client.connection.state";
  static final String IN_FLIGHT = "chatbot.commands.in_flight";
  static final String QUEUE_DEPTH = "chatbot.executor.queue.depth";
  static final String MEMORY_USED = "jvm.memory.used";
  static final String MEMORY_LIMIT = "jvm.memory.limit";
  static final String MEMORY_AFTER_GC = "jvm.memory.used_after_last_gc";
  static final String MEMORY_TYPE = "jvm.memory.type";
  static final String PROCESS_CPU = "jvm.cpu.recent_utilization";
  static final String SYSTEM_CPU = "jvm.system.cpu.utilization";
  static final String FILESYSTEM_UTILIZATION = "system.filesystem.utilization";

  /** Every metric some signal reads (OpenTelemetry names). */
  static final Set<String> METRICS = Set.of(REQUESTS, RESPONSE_TIME, ACTIVE, SEARCHES, FEEDBACK, DB_FAILURES,
      SLOW, POOL_COUNT, POOL_MAX, IN_FLIGHT, QUEUE_DEPTH, MEMORY_USED, MEMORY_LIMIT, MEMORY_AFTER_GC, PROCESS_CPU, SYSTEM_CPU,
      FILESYSTEM_UTILIZATION);

  private final String description;
  private final List<String> requiredParams;

  Signal(String description, String... requiredParams) {
    this.description = description;
    this.requiredParams = List.of(requiredParams);
  }

  /** The name used in alerts.yaml, e.g. {@code error_rate}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }

  /** The parameters a rule must give, e.g. {@code max_sessions}. */
  public List<String> requiredParams() {
    return requiredParams;
  }

  /** The signal with this name, or {@code null}. */
  public static Signal byId(String id) {
    for (Signal signal : values()) {
      if (signal.id().equals(id)) {
        return signal;
      }
    }
    return null;
  }

  /** Every name, for messages. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Signal::id).collect(Collectors.toList());
  }

  /** The value over the window; empty means "no data". */
  abstract OptionalDouble compute(SignalWindow window, Map<String, Double> params);

  /**
   * The PromQL expression of the same value, one series per {@code job} and {@code instance}.
   *
   * @param window a Prometheus duration such as {@code 5m}
   */
  abstract String promQl(String window, Map<String, Double> params);

  /** A heap memory metric (type heap, summed over the pools) over the heap limit; empty without a limit. */
  private static OptionalDouble heapShare(SignalWindow w, String memoryMetric) {
    OptionalDouble limit = w.current(MEMORY_LIMIT, where(MEMORY_TYPE, "heap"));
    OptionalDouble used = w.current(memoryMetric, where(MEMORY_TYPE, "heap"));
    if (limit.isEmpty() || limit.getAsDouble() <= 0 || used.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(used.getAsDouble() / limit.getAsDouble());
  }

  /**
   * The increase of a counter within the window, per job and instance, counting a series that appeared within it
   * from zero. The agent creates such a series (one per SQLState, or per statement shape) at its first increment,
   * so Prometheus's {@code increase()} alone would miss the first failure: the series' first sample is already 1.
   * A series that did not exist one window ago, while its agent did (its {@code target_info} series), contributes its
   * whole value (it started at zero), and takes precedence over its {@code increase()}; older series contribute their
   * {@code increase()}. The agent's presence one window ago keeps out a long-running agent that Prometheus only now
   * sees for the first time, or again after a gap longer than the window: its counters are not new. An agent whose
   * process has run for less than the window and a minute ({@code process_uptime_seconds}, the minute for its first
   * export and scrape) counts its new series too: all of them started within its life, so the failures of a chatbot
   * that meets a dead database at startup are counted at once.
   */
  static String increaseCountingNewSeries(String counter, String window) {
    long young = PromDuration.seconds(window) + 60;
    return "sum by (job, instance) (((" + counter + " unless " + counter + " offset " + window + ") and on (job, instance)"
        + " (target_info offset " + window + " or process_uptime_seconds < " + young + ")) + 0 or increase(" + counter
        + "[" + window + "]))";
  }

  /**
   * {@code numerator / denominator} of two rates, 0 (not "no data") when the numerator has no series
   * but the denominator has, and no result when the denominator did not grow.
   */
  private static String ratio(String numerator, String zeroFallback, String denominator, String window) {
    return "(sum by (job, instance) (rate(" + numerator + "[" + window + "]))"
        + " or 0 * sum by (job, instance) (rate(" + zeroFallback + "[" + window + "])))"
        + " / (sum by (job, instance) (rate(" + denominator + "[" + window + "])) > 0)";
  }
}
