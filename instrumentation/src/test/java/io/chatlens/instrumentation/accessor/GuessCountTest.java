package io.chatlens.instrumentation.accessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GuessCountTest {

  @Test
  void countsWhatHasASizeWithoutSideEffects() {
    assertThat(Guess.count(List.of("a", "b"))).isEqualTo(2);
    assertThat(Guess.count(Map.of("a", 1))).isEqualTo(1);
    assertThat(Guess.count(new String[3])).isEqualTo(3);
    assertThat(Guess.count(new int[0])).isZero();
    assertThat(Guess.count(Optional.of("x"))).isEqualTo(1);
    assertThat(Guess.count(Optional.empty())).isZero();
    assertThat(Guess.count(7L)).isEqualTo(7);
    assertThat(Guess.count(null)).isZero();
  }

  @Test
  void neverIteratesAnIterableNorCallsSizeOnAnObject() {
    AtomicInteger iterations = new AtomicInteger();
    Iterable<String> cursor = () -> {
      iterations.incrementAndGet();
      return List.of("row").iterator();
    };
    Object sized = new Object() {
      @SuppressWarnings("unused")
      public int size() {
        iterations.incrementAndGet();
        return 5;
      }
    };
    Iterator<String> iterator = List.of("x").iterator();

    assertThat(Guess.count(cursor)).isEqualTo(Guess.UNKNOWN);
    assertThat(Guess.count(sized)).isEqualTo(Guess.UNKNOWN);
    assertThat(Guess.count(iterator)).isEqualTo(Guess.UNKNOWN);
    assertThat(Guess.count(java.util.stream.Stream.of(1, 2))).isEqualTo(Guess.UNKNOWN);
    assertThat(iterations).hasValue(0);
    assertThat(iterator.hasNext()).isTrue();
  }

  /** A lazy collection like Hibernate's PersistentBag: its size() runs a query the first time. */
  static final class LazyBag extends java.util.AbstractList<String> {
    final AtomicInteger queries = new AtomicInteger();

    @Override
    public String get(int index) {
      queries.incrementAndGet();
      return "row";
    }

    @Override
    public int size() {
      queries.incrementAndGet();
      return 1;
    }
  }

  @Test
  void neverCallsSizeOnACollectionOrMapThatIsNotTheJdksOwn() {
    LazyBag bag = new LazyBag();
    java.util.AbstractMap<String, String> lazyMap = new java.util.AbstractMap<>() {
      @Override
      public java.util.Set<Map.Entry<String, String>> entrySet() {
        bag.queries.incrementAndGet();
        return java.util.Set.of();
      }
    };
    Number lazyNumber = new Number() {
      @Override public int intValue() { bag.queries.incrementAndGet(); return 1; }
      @Override public long longValue() { bag.queries.incrementAndGet(); return 1; }
      @Override public float floatValue() { return 1; }
      @Override public double doubleValue() { return 1; }
    };

    assertThat(Guess.count(bag)).isEqualTo(Guess.UNKNOWN);
    assertThat(Guess.count(lazyMap)).isEqualTo(Guess.UNKNOWN);
    assertThat(Guess.count(lazyNumber)).isEqualTo(Guess.UNKNOWN);
    assertThat(bag.queries).hasValue(0);
    assertThat(Guess.count(new java.util.ArrayList<>(List.of("a")))).isEqualTo(1);
    assertThat(Guess.count(new java.util.concurrent.ConcurrentHashMap<>(Map.of("a", 1, "b", 2)))).isEqualTo(2);
  }

  @Test
  void neverCountsAJdkViewOfTheApplicationsCollection() {
    LazyBag bag = new LazyBag();
    java.util.AbstractMap<String, String> lazyMap = new java.util.AbstractMap<>() {
      @Override
      public java.util.Set<Map.Entry<String, String>> entrySet() {
        bag.queries.incrementAndGet();
        return java.util.Set.of();
      }
    };
    java.util.List<Object> views = List.of(java.util.Collections.unmodifiableList(bag),
        java.util.Collections.unmodifiableCollection(bag), java.util.Collections.synchronizedList(bag),
        java.util.Collections.checkedList(bag, String.class), java.util.Collections.unmodifiableMap(lazyMap),
        java.util.Collections.synchronizedMap(lazyMap), lazyMap.keySet(), lazyMap.values(), bag.subList(0, 0),
        java.util.Collections.newSetFromMap(new java.util.HashMap<>()));
    bag.queries.set(0); // building the sub-list checked its range against size()
    assertThat(views).isNotEmpty().allSatisfy(view -> assertThat(Guess.count(view)).as(view.getClass().getName())
        .isEqualTo(Guess.UNKNOWN));
    assertThat(bag.queries).hasValue(0);
    // the JDK's own collections, their views and the constant ones are counted
    java.util.Map<String, Integer> map = new java.util.HashMap<>(Map.of("a", 1, "b", 2));
    assertThat(Guess.count(map.keySet())).isEqualTo(2);
    assertThat(Guess.count(map.values())).isEqualTo(2);
    assertThat(Guess.count(new java.util.ArrayList<>(List.of("a", "b", "c")).subList(0, 2))).isEqualTo(2);
    assertThat(Guess.count(java.util.Arrays.asList("a", "b"))).isEqualTo(2);
    assertThat(Guess.count(java.util.Collections.emptyList())).isZero();
    assertThat(Guess.count(java.util.Collections.singletonList("a"))).isEqualTo(1);
    assertThat(Guess.count(java.util.Collections.nCopies(3, "a"))).isEqualTo(3);
    assertThat(Guess.count(new java.util.TreeMap<>(Map.of("a", 1)).descendingMap())).isEqualTo(1);
  }
}
