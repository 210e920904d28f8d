package io.chatlens.instrumentation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {

  /** An application object whose equals and hashCode must never run. */
  static final class Hostile {
    @Override
    public boolean equals(Object other) {
      throw new IllegalStateException("equals called");
    }

    @Override
    public int hashCode() {
      throw new IllegalStateException("hashCode called");
    }
  }

  @Test
  void comparesByIdentityWithoutRunningTheKeysCode() {
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
    Hostile first = new Hostile();
    Hostile second = new Hostile();

    map.put(first, "first");
    map.put(second, "second");

    assertThat(map.get(first)).isEqualTo("first");
    assertThat(map.get(second)).isEqualTo("second");
    assertThat(map.remove(first)).isEqualTo("first");
    assertThat(map.get(first)).isNull();
    assertThat(map.size()).isEqualTo(1);
  }

  @Test
  void aMillionKeysStayWithinTheBound() {
    WeakIdentityMap<Object, Integer> map = new WeakIdentityMap<>(100);
    Object[] kept = new Object[1_000_000];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = new Object();
      map.put(kept[i], i);
    }
    assertThat(map.size()).isLessThanOrEqualTo(16 * 100).isPositive();
    assertThat(map.get(kept[kept.length - 1])).as("the newest is kept").isEqualTo(kept.length - 1);
  }

  @Test
  void collectedKeysAreDropped() {
    WeakIdentityMap<Object, byte[]> map = new WeakIdentityMap<>();
    for (int i = 0; i < 100; i++) {
      map.put(new Object(), new byte[1024]);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      System.gc();
      return map.size() == 0;
    });
  }
}
