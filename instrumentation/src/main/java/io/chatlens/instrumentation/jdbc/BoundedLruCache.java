package io.chatlens.instrumentation.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thread-safe map that holds at most {@code capacity} entries and evicts the least recently used.
 *
 * <p>To keep threads from queueing on one lock, large caches are split into up to 16 shards chosen
 * by key hash, each a small access-ordered {@link LinkedHashMap} under its own lock with a share of
 * the capacity; eviction is least-recently-used within a shard. The shard capacities add up to
 * exactly {@code capacity}, so the cache never holds more. Values are never {@code null}.
 */
final class BoundedLruCache<K, V> {

  private static final int MAX_SHARDS = 16;
  private static final int MIN_ENTRIES_PER_SHARD = 64;

  private final Shard<K, V>[] shards;
  private final int capacity;

  /** A cache of at most {@code capacity} entries; a capacity of 0 caches nothing. */
  @SuppressWarnings({"unchecked", "rawtypes"}) // generic array creation
  BoundedLruCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.capacity = capacity;
    int count = 1;
    while (count < MAX_SHARDS && capacity / (count * 2) >= MIN_ENTRIES_PER_SHARD) {
      count *= 2;
    }
    shards = new Shard[count];
    for (int i = 0; i < count; i++) {
      shards[i] = new Shard<>(capacity / count + (i < capacity % count ? 1 : 0));
    }
  }

  /** The value cached for {@code key}, or {@code null}; marks the entry as recently used. */
  V get(K key) {
    Shard<K, V> shard = shardFor(key);
    synchronized (shard) {
      return shard.get(key);
    }
  }

  /** Caches {@code value} for {@code key}, evicting the least recently used entry of its shard if full. */
  void put(K key, V value) {
    Shard<K, V> shard = shardFor(key);
    if (shard.maxEntries == 0) {
      return;
    }
    synchronized (shard) {
      shard.put(key, value);
    }
  }

  /** Number of entries held, at most {@link #capacity()}. */
  int size() {
    int size = 0;
    for (Shard<K, V> shard : shards) {
      synchronized (shard) {
        size += shard.size();
      }
    }
    return size;
  }

  /** Maximum number of entries. */
  int capacity() {
    return capacity;
  }

  private Shard<K, V> shardFor(K key) {
    int hash = key.hashCode();
    return shards[(hash ^ (hash >>> 16)) & (shards.length - 1)];
  }

  /** One access-ordered map with its own bound; guarded by its own monitor. */
  private static final class Shard<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int maxEntries;

    Shard(int maxEntries) {
      super(16, 0.75f, true);
      this.maxEntries = maxEntries;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
      return size() > maxEntries;
    }
  }
}
