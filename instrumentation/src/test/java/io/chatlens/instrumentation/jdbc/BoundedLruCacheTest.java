package io.chatlens.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedLruCacheTest {

  @Test
  void evictsTheLeastRecentlyUsedEntry() {
    BoundedLruCache<String, Integer> cache = new BoundedLruCache<>(2);
    cache.put("a", 1);
    cache.put("b", 2);
    assertThat(cache.get("a")).isEqualTo(1);

    cache.put("c", 3);

    assertThat(cache.get("b")).isNull();
    assertThat(cache.get("a")).isEqualTo(1);
    assertThat(cache.get("c")).isEqualTo(3);
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void shardCapacitiesAddUpToExactlyTheCapacity() {
    for (int capacity : new int[] {1, 7, 127, 128, 1000, 1023, 5000}) {
      BoundedLruCache<Integer, Integer> cache = new BoundedLruCache<>(capacity);
      for (int i = 0; i < capacity * 20; i++) {
        cache.put(i, i);
      }
      assertThat(cache.size()).as("capacity %d", capacity).isLessThanOrEqualTo(capacity);
      assertThat(cache.capacity()).isEqualTo(capacity);
    }
  }

  @Test
  void capacityZeroHoldsNothing() {
    BoundedLruCache<String, Integer> cache = new BoundedLruCache<>(0);
    cache.put("a", 1);
    assertThat(cache.get("a")).isNull();
    assertThat(cache.size()).isZero();
  }

  @Test
  void rejectsNegativeCapacity() {
    assertThatThrownBy(() -> new BoundedLruCache<String, String>(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
