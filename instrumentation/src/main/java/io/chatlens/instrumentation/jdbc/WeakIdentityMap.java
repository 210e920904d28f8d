package io.chatlens.instrumentation.jdbc;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Remembers something about JDBC objects (statements, connections) without keeping them alive: weak keys,
 * striped by identity hash to keep threads apart, each stripe capped. JDBC drivers and pools do not
 * override {@code equals} on statements and connections, so the weak map's equality is identity.
 */
final class WeakIdentityMap<K, V> {

  private static final int STRIPES = 16;
  private static final int STRIPE_LIMIT = 10_000;

  @SuppressWarnings("unchecked")
  private final Map<K, V>[] stripes = new Map[STRIPES];

  WeakIdentityMap() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new WeakHashMap<>();
    }
  }

  V get(K key) {
    if (key == null) {
      return null;
    }
    Map<K, V> stripe = stripe(key);
    synchronized (stripe) {
      return stripe.get(key);
    }
  }

  void put(K key, V value) {
    if (key == null) {
      return;
    }
    Map<K, V> stripe = stripe(key);
    synchronized (stripe) {
      if (stripe.size() >= STRIPE_LIMIT) {
        stripe.clear();
      }
      stripe.put(key, value);
    }
  }

  V remove(K key) {
    if (key == null) {
      return null;
    }
    Map<K, V> stripe = stripe(key);
    synchronized (stripe) {
      return stripe.remove(key);
    }
  }

  private Map<K, V> stripe(K key) {
    return stripes[(System.identityHashCode(key) & 0x7fffffff) % STRIPES];
  }
}
