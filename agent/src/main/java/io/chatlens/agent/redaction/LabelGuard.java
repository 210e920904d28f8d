package io.chatlens.agent.redaction;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps metric label values (and the span attributes and log fields that carry the same dimensions) free of
 * personal data and bounded. Every value is redacted, an obviously dated name is folded ({@code events_20240115}
 * becomes {@code events_*}), and then admitted into a per-metric, per-label table of at most
 * {@code chatlens.metrics.max-label-values} distinct values: the first values seen keep their name, any later
 * new value becomes {@value #OTHER} and is counted as an overflow (the self-metric
 * {@code chatlens.metrics.label_overflow}).
 *
 * <p>Bounded: a table never grows beyond its limit (a full table is only read), the number of tables is capped
 * at {@value #MAX_TABLES} (later metric/label pairs share one overflow table), and the overflow counters are kept
 * per metric name up to the same cap. Thread-safe and lock-free on the hot path.
 */
public final class LabelGuard {

  /** The value that replaces every label value beyond the limit. */
  public static final String OTHER = "other";
  /** The default of {@code chatlens.metrics.max-label-values}. */
  public static final int DEFAULT_MAX_VALUES = 100;
  /** Span attributes that are metric dimensions and are bounded the same way (on their own tables). */
  public static final Set<String> SPAN_DIMENSIONS = Set.of("chatbot.command", "executor.name", "db.collection.name",
      "db.sql.table", "db.client.connection.pool.name");
  /** Log-event fields that are metric dimensions and are bounded the same way. */
  public static final Set<String> LOG_DIMENSIONS = Set.of("command", "executor", "executor.name", "table",
      "collection", "db.collection.name");
  static final int MAX_TABLES = 1024;
  private static final int MAX_VALUE_LENGTH = 128;

  private final Redactor redactor;
  private final int maxValues;
  private final Map<String, Table> tables = new ConcurrentHashMap<>();
  private final Table shared;
  private final Map<String, LongAdder> overflowByMetric = new ConcurrentHashMap<>();
  private final LongAdder overflow = new LongAdder();

  LabelGuard(Redactor redactor, int maxValues) {
    this.redactor = redactor;
    this.maxValues = Math.max(1, maxValues);
    this.shared = new Table(this.maxValues);
  }

  /** The limit of distinct values per metric and label. */
  public int maxValues() {
    return maxValues;
  }

  /**
   * The value to record for label {@code key} of metric {@code metric}: redacted, dated names folded, and
   * {@value #OTHER} once the table of that metric and label is full. Never throws; {@code null} stays
   * {@code null}.
   */
  public String value(String metric, String key, String value) {
    if (value == null) {
      return null;
    }
    try {
      String clean = normalise(redactor.redactAttribute(key, value));
      Table table = table(metric, key);
      if (table.admit(clean)) {
        return clean;
      }
      overflow.increment();
      LongAdder byMetric = overflowByMetric.get(metric);
      if (byMetric == null && overflowByMetric.size() < MAX_TABLES) {
        byMetric = overflowByMetric.computeIfAbsent(metric, m -> {
          io.chatlens.agent.diagnostics.Diagnostics.warn("Label '" + key + "' of " + m + " reached "
              + maxValues + " distinct values (chatlens.metrics.max-label-values): further new values are recorded as '"
              + OTHER + "' and counted in chatlens.metrics.label_overflow");
          return new LongAdder();
        });
      }
      if (byMetric != null) {
        byMetric.increment();
      }
      return OTHER;
    } catch (RuntimeException e) {
      return RedactionMarkers.REDACTED;
    }
  }

  /** A span attribute: bounded as a metric label of the pseudo-metric {@code span} when it is a dimension. */
  public String spanValue(String key, String value) {
    return value == null || !SPAN_DIMENSIONS.contains(key) ? value : value("span", key, value);
  }

  /** A log-event field: bounded as a metric label of the pseudo-metric {@code log} when it is a dimension. */
  public String logValue(String field, String value) {
    return value == null || !LOG_DIMENSIONS.contains(field) ? value : value("log", field, value);
  }

  /** Label values replaced by {@value #OTHER} so far, all metrics together. */
  public long overflowCount() {
    return overflow.sum();
  }

  /** Label values replaced by {@value #OTHER} so far, by metric name ({@code span} and {@code log} for those). */
  public Map<String, Long> overflowByMetric() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    overflowByMetric.forEach((metric, count) -> counts.put(metric, count.sum()));
    return counts;
  }

  private Table table(String metric, String key) {
    String name = metric + '\u0000' + key;
    Table table = tables.get(name);
    if (table != null) {
      return table;
    }
    if (tables.size() >= MAX_TABLES) {
      return shared;
    }
    return tables.computeIfAbsent(name, n -> new Table(maxValues));
  }

  /**
   * Folds what makes a name unbounded by construction: a trailing date or timestamp of 6 to 8 digits after
   * {@code _} or {@code -} ({@code events_20240115}, {@code logs-202401}) becomes {@code _*}; overlong values are
   * cut.
   */
  static String normalise(String value) {
    String result = value;
    int end = result.length();
    int digits = 0;
    while (digits < end && Character.isDigit(result.charAt(end - 1 - digits))) {
      digits++;
    }
    if (digits >= 6 && digits <= 8 && end - digits > 1) {
      char separator = result.charAt(end - digits - 1);
      if (separator == '_' || separator == '-') {
        result = result.substring(0, end - digits - 1) + "_*";
      }
    }
    if (result.length() > MAX_VALUE_LENGTH) {
      result = result.substring(0, MAX_VALUE_LENGTH);
    }
    return result;
  }

  /** The admitted values of one metric label: grows to its limit, then is only read. */
  private static final class Table {
    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private final AtomicInteger size = new AtomicInteger();
    private final int limit;

    Table(int limit) {
      this.limit = limit;
    }

    boolean admit(String value) {
      if (values.contains(value)) {
        return true;
      }
      if (size.get() >= limit) {
        return false;
      }
      if (size.incrementAndGet() > limit) {
        size.decrementAndGet();
        return values.contains(value);
      }
      if (!values.add(value)) {
        size.decrementAndGet(); // another thread admitted it first
      }
      return true;
    }
  }
}
