package io.chatlens.instrumentation.core;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Interned metric attribute sets for a fixed pair of label keys, so that recording a metric allocates
 * nothing once a label combination has been seen. Bounded: past the limit new combinations are built
 * each time instead of cached.
 */
public final class Labels {

  static final int LIMIT = 4096;

  private final AttributeKey<String> first;
  private final AttributeKey<String> second;
  private final ConcurrentMap<String, ConcurrentMap<String, Attributes>> cache = new ConcurrentHashMap<>();
  private int size;

  private Labels(String first, String second) {
    this.first = AttributeKey.stringKey(first);
    this.second = second == null ? null : AttributeKey.stringKey(second);
  }

  public static Labels of(String key) {
    return new Labels(key, null);
  }

  public static Labels of(String first, String second) {
    return new Labels(first, second);
  }

  public Attributes get(String value) {
    return get(value, "");
  }

  public Attributes get(String firstValue, String secondValue) {
    String a = firstValue == null ? "" : firstValue;
    String b = secondValue == null ? "" : secondValue;
    ConcurrentMap<String, Attributes> inner = cache.get(a);
    if (inner != null) {
      Attributes cached = inner.get(b);
      if (cached != null) {
        return cached;
      }
    }
    Attributes built = second == null ? Attributes.of(first, a) : Attributes.of(first, a, second, b);
    synchronized (this) {
      if (size < LIMIT) {
        cache.computeIfAbsent(a, k -> new ConcurrentHashMap<>()).put(b, built);
        size++;
      }
    }
    return built;
  }

  /** Label combinations cached, at most {@value #LIMIT}. */
  int cached() {
    int cached = 0;
    for (ConcurrentMap<String, Attributes> inner : cache.values()) {
      cached += inner.size();
    }
    return cached;
  }
}
