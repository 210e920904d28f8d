package io.chatlens.agent.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A table of at most {@code max} named rows; the first names keep their row, every later new name is added to
 * one {@code other} row (so the table never grows beyond its limit, however many names the logs hold).
 */
final class BoundedCounts<V> {

  static final String OTHER = "other";

  private final int max;
  private final Supplier<V> factory;
  private final Map<String, V> rows = new LinkedHashMap<>();
  private V other;
  private long otherNames;

  BoundedCounts(int max, Supplier<V> factory) {
    this.max = max;
    this.factory = factory;
  }

  V row(String name) {
    V row = rows.get(name);
    if (row != null) {
      return row;
    }
    if (rows.size() < max) {
      row = factory.get();
      rows.put(name, row);
      return row;
    }
    if (other == null) {
      other = factory.get();
    }
    otherNames++;
    return other;
  }

  V existing(String name) {
    return rows.get(name);
  }

  Map<String, V> rows() {
    return rows;
  }

  /** Rows sorted by {@code order}, then the {@code other} row (if any) last. */
  List<Map.Entry<String, V>> sorted(Comparator<V> order) {
    List<Map.Entry<String, V>> list = new ArrayList<>(rows.entrySet());
    list.sort(Map.Entry.comparingByValue(order));
    if (other != null) {
      list.add(Map.entry(OTHER, other));
    }
    return list;
  }

  boolean overflowed() {
    return other != null;
  }

  int size() {
    return rows.size();
  }

  static final class Counter {
    long count;
  }
}
