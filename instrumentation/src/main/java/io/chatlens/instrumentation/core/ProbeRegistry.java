package io.chatlens.instrumentation.core;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * All probes woven so far, by id. Reads are lock-free array lookups on the hot path; registration
 * happens only while classes are transformed.
 */
public final class ProbeRegistry {

  private final ConcurrentMap<String, Probe> byKey = new ConcurrentHashMap<>();
  private volatile Probe[] probes = new Probe[64];
  private int size;

  /** Registers a probe (or returns the one already registered for this method and component). */
  public synchronized Probe register(Component component, String className, String methodName, String descriptor,
      String role, String scope, int parameterCount) {
    String key = component + ":" + className + "#" + methodName + descriptor;
    Probe existing = byKey.get(key);
    if (existing != null) {
      return existing;
    }
    Probe probe = new Probe(size, component, className, methodName, descriptor, role, scope, parameterCount);
    Probe[] current = probes;
    if (size == current.length) {
      current = Arrays.copyOf(current, current.length * 2);
    }
    current[size++] = probe;
    probes = current;
    byKey.put(key, probe);
    return probe;
  }

  /** The probe with this id, or {@code null}. */
  public Probe get(int id) {
    Probe[] current = probes;
    return id >= 0 && id < current.length ? current[id] : null;
  }
}
