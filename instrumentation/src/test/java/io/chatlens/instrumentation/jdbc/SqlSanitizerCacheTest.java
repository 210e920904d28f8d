package io.chatlens.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SqlSanitizerCacheTest {

  private final SqlSanitizer sanitizer = new SqlSanitizer();

  @Test
  void countsHitsAndMissesAndReturnsTheCachedResult() {
    SqlSanitizerCache cache = new SqlSanitizerCache(sanitizer);

    SanitizedSql first = cache.sanitize("SELECT * FROM t WHERE a = 1");
    SanitizedSql second = cache.sanitize("SELECT * FROM t WHERE a = 1");

    assertThat(first).isEqualTo(new SanitizedSql("SELECT * FROM t WHERE a = ?", "SELECT", "t"));
    assertThat(second).isSameAs(first);
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(1);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void staysWithinCapacityWhenFedManyDistinctStatements() {
    SqlSanitizerCache cache = new SqlSanitizerCache(sanitizer);
    for (int i = 0; i < 10_000; i++) {
      cache.sanitize("SELECT * FROM t" + i + " WHERE a = 1");
      assertThat(cache.size()).isLessThanOrEqualTo(SqlSanitizerCache.DEFAULT_CAPACITY);
    }
    assertThat(cache.size()).isEqualTo(SqlSanitizerCache.DEFAULT_CAPACITY);
    assertThat(cache.capacity()).isEqualTo(SqlSanitizerCache.DEFAULT_CAPACITY);
    assertThat(cache.misses()).isEqualTo(10_000);
  }

  @Test
  void aMillionDistinctStatementsStayWithinTheCapacity() {
    SqlSanitizerCache cache = new SqlSanitizerCache(sanitizer);
    SanitizedSql last = null;
    for (int i = 0; i < 1_000_000; i++) {
      last = cache.sanitize("SELECT name FROM users WHERE id = " + i);
      if (cache.size() > SqlSanitizerCache.DEFAULT_CAPACITY) {
        assertThat(cache.size()).as("size after %d statements", i + 1)
            .isLessThanOrEqualTo(SqlSanitizerCache.DEFAULT_CAPACITY);
      }
    }
    assertThat(cache.size()).isEqualTo(SqlSanitizerCache.DEFAULT_CAPACITY);
    assertThat(cache.misses()).isEqualTo(1_000_000);
    assertThat(cache.hits()).isZero();

    assertThat(cache.sanitize("SELECT name FROM users WHERE id = 999999")).as("the most recent is cached").isSameAs(last);
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(last.text()).isEqualTo("SELECT name FROM users WHERE id = ?");
    cache.sanitize("SELECT name FROM users WHERE id = 0");
    assertThat(cache.hits()).as("the oldest was evicted").isEqualTo(1);
  }

  @Test
  void neverCachesStatementsLongerThanTheThreshold() {
    SqlSanitizerCache cache = new SqlSanitizerCache(sanitizer, 10, 100);
    String longSql = "SELECT * FROM t WHERE a = '" + "x".repeat(200) + "'";

    assertThat(cache.sanitize(longSql).text()).isEqualTo("SELECT * FROM t WHERE a = ?");
    cache.sanitize(longSql);

    assertThat(cache.size()).isZero();
    assertThat(cache.hits()).isZero();
    assertThat(cache.misses()).isEqualTo(2);
  }

  @Test
  void defaultThresholdIs8192Characters() {
    SqlSanitizerCache cache = new SqlSanitizerCache(sanitizer);
    String fits = "SELECT " + "a".repeat(8192 - 7);
    String tooLong = fits + "b";
    cache.sanitize(fits);
    cache.sanitize(tooLong);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void capacityZeroDisablesCaching() {
    SqlSanitizerCache cache = new SqlSanitizerCache(sanitizer, 0, 100);
    cache.sanitize("SELECT 1");
    cache.sanitize("SELECT 1");
    assertThat(cache.size()).isZero();
    assertThat(cache.misses()).isEqualTo(2);
  }

  @Test
  void nullAndEmptyBypassTheCache() {
    SqlSanitizerCache cache = new SqlSanitizerCache(sanitizer);
    assertThat(cache.sanitize(null)).isEqualTo(SanitizedSql.EMPTY);
    assertThat(cache.sanitize("")).isEqualTo(SanitizedSql.EMPTY);
    assertThat(cache.hits() + cache.misses()).isZero();
  }

  @Test
  void rejectsUnusableConfiguration() {
    assertThatThrownBy(() -> new SqlSanitizerCache(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SqlSanitizerCache(sanitizer, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SqlSanitizerCache(sanitizer, 10, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentUseGivesCorrectResultsAndStaysBounded() throws Exception {
    SqlSanitizerCache cache = new SqlSanitizerCache(sanitizer, 500, 8192);
    int threads = 8;
    int callsPerThread = 20_000;
    int distinct = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int seed = t;
      results.add(pool.submit(() -> {
        start.await();
        int wrong = 0;
        for (int i = 0; i < callsPerThread; i++) {
          int n = (i * 31 + seed * 7) % distinct;
          SanitizedSql result = cache.sanitize("SELECT * FROM t" + n + " WHERE a = " + n);
          if (!result.text().equals("SELECT * FROM t" + n + " WHERE a = ?") || !result.collection().equals("t" + n)) {
            wrong++;
          }
        }
        return wrong;
      }));
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    for (Future<Integer> result : results) {
      assertThat(result.get()).isZero();
    }
    assertThat(cache.size()).isLessThanOrEqualTo(500);
    assertThat(cache.hits() + cache.misses()).isEqualTo((long) threads * callsPerThread);
  }
}
