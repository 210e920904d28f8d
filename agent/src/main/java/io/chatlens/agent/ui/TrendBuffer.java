package io.chatlens.agent.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * The live page's trends: a fixed set of series sampled at one resolution, in a ring of at most {@link #CAPACITY}
 * points (two hours at 10 s). Its memory is allocated once and never grows: a new point overwrites the oldest.
 * Thread-safe; written by the sampler thread, read by the endpoint's workers.
 */
final class TrendBuffer {

  /** Two hours of points at 10 s. */
  static final int CAPACITY = 720;

  private final List<String> names;
  private final int capacity;
  private final long[] times;
  private final double[][] values;
  private int next;
  private int size;

  TrendBuffer(List<String> names) {
    this(names, CAPACITY);
  }

  TrendBuffer(List<String> names, int capacity) {
    if (capacity <= 0 || capacity > CAPACITY) {
      throw new IllegalArgumentException("capacity " + capacity + " outside 1.." + CAPACITY);
    }
    this.names = List.copyOf(names);
    this.capacity = capacity;
    this.times = new long[capacity];
    this.values = new double[names.size()][capacity];
  }

  List<String> names() {
    return names;
  }

  /** Adds one point of every series ({@code NaN}: no value); the oldest point goes when the ring is full. */
  synchronized void add(long epochMillis, double[] row) {
    if (row.length != names.size()) {
      throw new IllegalArgumentException("expected " + names.size() + " values, got " + row.length);
    }
    times[next] = epochMillis;
    for (int series = 0; series < row.length; series++) {
      values[series][next] = row[series];
    }
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  synchronized int size() {
    return size;
  }

  /** The times of the points kept, oldest first. */
  synchronized long[] times() {
    long[] out = new long[size];
    for (int i = 0; i < size; i++) {
      out[i] = times[index(i)];
    }
    return out;
  }

  /** The values of one series, oldest first. */
  synchronized double[] series(String name) {
    int series = names.indexOf(name);
    if (series < 0) {
      throw new IllegalArgumentException("no series " + name);
    }
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = values[series][index(i)];
    }
    return out;
  }

  /** The latest value of a series, or {@code NaN}. */
  synchronized double last(String name) {
    int series = names.indexOf(name);
    return size == 0 || series < 0 ? Double.NaN : values[series][index(size - 1)];
  }

  private int index(int i) {
    return (next - size + i + capacity) % capacity;
  }

  /**
   * {@code {"resolutionSeconds":10,"capacity":720,"t":[epoch seconds...],"series":{"name":[values...]}}}, oldest
   * first.
   */
  synchronized String json(int resolutionSeconds) {
    Json json = new Json(64 + size * 12 * (names.size() + 1)).begin().field("resolutionSeconds", resolutionSeconds)
        .field("capacity", capacity).beginArray("t");
    for (int i = 0; i < size; i++) {
      json.element(times[index(i)] / 1000d);
    }
    json.endArray().object("series");
    for (int series = 0; series < names.size(); series++) {
      json.beginArray(names.get(series));
      for (int i = 0; i < size; i++) {
        json.element(values[series][index(i)]);
      }
      json.endArray();
    }
    return json.end().end().toString();
  }

  /** Sums of a per-second series over each whole minute, busiest first (at most {@code limit}). */
  synchronized List<long[]> busiestMinutes(String perSecondSeries, int resolutionSeconds, int limit) {
    int series = names.indexOf(perSecondSeries);
    java.util.TreeMap<Long, Double> perMinute = new java.util.TreeMap<>();
    for (int i = 0; i < size; i++) {
      double value = values[series][index(i)];
      if (Double.isFinite(value)) {
        perMinute.merge(times[index(i)] / 60_000 * 60_000, value * resolutionSeconds, Double::sum);
      }
    }
    List<long[]> minutes = new ArrayList<>();
    perMinute.forEach((minute, count) -> minutes.add(new long[] {minute, Math.round(count)}));
    minutes.sort((a, b) -> Long.compare(b[1], a[1]));
    return minutes.subList(0, Math.min(limit, minutes.size()));
  }
}
