package io.chatlens.instrumentation.core;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers something about the application's objects (statements, connections, exceptions) without keeping them
 * alive and without ever running their code: keys are held weakly and compared by identity
 * ({@code System.identityHashCode} and {@code ==}), so an application's {@code equals} or {@code hashCode} is never
 * called. Striped by identity hash to keep threads apart; each stripe holds at most {@code stripeLimit} entries and
 * evicts its oldest in O(1) beyond that; entries whose key was collected are dropped as they are found.
 */
public final class WeakIdentityMap<K, V> {

  private static final int STRIPES = 16;

  private final Stripe<K, V>[] stripes;

  /** A map of at most {@code 16 * stripeLimit} entries. */
  @SuppressWarnings("unchecked")
  public WeakIdentityMap(int stripeLimit) {
    stripes = new Stripe[STRIPES];
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe<>(Math.max(1, stripeLimit));
    }
  }

  /** A map of at most 160,000 entries. */
  public WeakIdentityMap() {
    this(10_000);
  }

  public V get(K key) {
    if (key == null) {
      return null;
    }
    Stripe<K, V> stripe = stripe(key);
    synchronized (stripe) {
      stripe.expunge();
      return stripe.entries.get(new LookupKey(key));
    }
  }

  public void put(K key, V value) {
    if (key == null) {
      return;
    }
    Stripe<K, V> stripe = stripe(key);
    synchronized (stripe) {
      stripe.expunge();
      stripe.entries.put(new IdentityKey<>(key, stripe.collected), value);
    }
  }

  public V remove(K key) {
    if (key == null) {
      return null;
    }
    Stripe<K, V> stripe = stripe(key);
    synchronized (stripe) {
      stripe.expunge();
      return stripe.entries.remove(new LookupKey(key));
    }
  }

  /** Entries held now (collected keys not yet found included). */
  public int size() {
    int size = 0;
    for (Stripe<K, V> stripe : stripes) {
      synchronized (stripe) {
        stripe.expunge();
        size += stripe.entries.size();
      }
    }
    return size;
  }

  private Stripe<K, V> stripe(K key) {
    return stripes[(System.identityHashCode(key) & 0x7fffffff) % STRIPES];
  }

  private static final class Stripe<K, V> {
    final ReferenceQueue<K> collected = new ReferenceQueue<>();
    final LinkedHashMap<IdentityKey<K>, V> entries;

    Stripe(int limit) {
      entries = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<IdentityKey<K>, V> eldest) {
          return size() > limit;
        }
      };
    }

    void expunge() {
      for (Object gone = collected.poll(); gone != null; gone = collected.poll()) {
        entries.remove(gone);
      }
    }
  }

  /** A weak key equal only to a key for the same object (or to itself once its object is collected). */
  private static final class IdentityKey<K> extends WeakReference<K> {
    private final int hash;

    IdentityKey(K key, ReferenceQueue<K> queue) {
      super(key, queue);
      this.hash = System.identityHashCode(key);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof IdentityKey<?> that) || that.hash != hash) {
        return false;
      }
      Object referent = get();
      return referent != null && referent == that.get();
    }
  }

  /**
   * What a lookup compares with: the object itself and its identity hash, without allocating a weak reference (a
   * lookup key dies at once; a reference would be handed to the GC's reference processing for nothing).
   */
  private record LookupKey(Object key, int hash) {

    LookupKey(Object key) {
      this(key, System.identityHashCode(key));
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof IdentityKey<?> stored && stored.hashCode() == hash && stored.get() == key;
    }
  }
}
