package io.chatlens.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The query shapes a database endpoint caches: a hard bound, LRU eviction one entry at a time. */
class DbEndpointShapesTest {

  private final DbEndpoint endpoint = new DbEndpoint(new DbInfo("postgresql", "app", "db", 5432));

  private static SanitizedSql statement(long i) {
    return new SanitizedSql("SELECT * FROM events_" + i + " WHERE id = ?", "SELECT", "events_" + i);
  }

  @Test
  void aMillionDistinctShapesStayWithinTheBoundAndTheShapeInUseStaysCached() {
    SanitizedSql hot = new SanitizedSql("SELECT answer FROM faq WHERE id = ?", "SELECT", "faq");
    DbEndpoint.QueryShape hotShape = endpoint.shape(hot);
    assertThat(hotShape.spanName()).isEqualTo("SELECT faq");
    DbEndpoint.QueryShape oldest = endpoint.shape(statement(-1));
    for (int i = 0; i < 1_000_000; i++) {
      endpoint.shape(statement(i));
      if (i % 8 == 0) {
        // a flood must not empty the cache: the shape in use is still the cached one (no clear() when full)
        DbEndpoint.QueryShape again = endpoint.shape(hot);
        if (again != hotShape) {
          assertThat(again).as("the hot shape after %d distinct statements", i + 1).isSameAs(hotShape);
        }
      }
      if (endpoint.cachedShapes() > DbEndpoint.SHAPE_LIMIT) {
        assertThat(endpoint.cachedShapes()).as("shapes after %d statements", i + 1)
            .isLessThanOrEqualTo(DbEndpoint.SHAPE_LIMIT);
      }
    }
    assertThat(endpoint.cachedShapes()).isEqualTo(DbEndpoint.SHAPE_LIMIT);
    DbEndpoint.QueryShape latest = endpoint.shape(statement(999_999));
    assertThat(endpoint.shape(statement(999_999))).as("the most recent is cached").isSameAs(latest);
    assertThat(endpoint.shape(statement(-1))).as("the oldest was evicted, and is built again").isNotSameAs(oldest)
        .isEqualTo(oldest);
  }

  @Test
  void threadsFloodingDistinctShapesNeverPassTheBound() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    AtomicInteger over = new AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long offset = t * 1_000_000L;
        done.add(threads.submit(() -> {
          for (int i = 0; i < 250_000; i++) {
            endpoint.shape(statement(offset + i));
            if (i % 64 == 0 && endpoint.cachedShapes() > DbEndpoint.SHAPE_LIMIT) {
              over.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> future : done) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(over).as("readings above the bound").hasValue(0);
    assertThat(endpoint.cachedShapes()).isEqualTo(DbEndpoint.SHAPE_LIMIT);
  }
}
