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
  void aMillionDistinctKeysStayWithinTheCapacityAndTheLeastRecentlyUsedGo() {
    BoundedLruCache<Integer, Integer> cache = new BoundedLruCache<>(1000);
    cache.put(-1, -1);
    for (int i = 0; i < 1_000_000; i++) {
      cache.put(i, i);
      if (i % 100 == 0) {
        assertThat(cache.get(-1)).as("a key read regularly stays").isEqualTo(-1);
      }
      if (cache.size() > 1000) {
        assertThat(cache.size()).as("size after %d puts", i + 1).isLessThanOrEqualTo(1000);
      }
    }
    assertThat(cache.size()).isEqualTo(1000);
    assertThat(cache.get(999_999)).isEqualTo(999_999);
    assertThat(cache.get(-1)).isEqualTo(-1);
    assertThat(cache.get(0)).isNull();
    assertThat(cache.get(500_000)).isNull();
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
