package io.chatlens.instrumentation.jdbc;

import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded, thread-safe LRU cache in front of a {@link SqlSanitizer}, keyed by the raw SQL.
 *
 * <p>Applications repeat the same statements, so most calls are answered from the cache. SQL
 * longer than the caching threshold is sanitized every time and never stored, so huge dynamic SQL
 * cannot grow memory: the cache holds at most {@code capacity} keys of at most {@code
 * maxCachedSqlLength} characters each. {@link #hits()}, {@link #misses()} and {@link #size()} are
 * exposed for self-metrics; a statement too long to cache counts as a miss.
 */
public final class SqlSanitizerCache {

  /** Default maximum number of cached statements. */
  public static final int DEFAULT_CAPACITY = 1000;

  /** Default length above which SQL is never cached. */
  public static final int DEFAULT_MAX_CACHED_SQL_LENGTH = 8192;

  private final SqlSanitizer sanitizer;
  private final BoundedLruCache<String, SanitizedSql> cache;
  private final int maxCachedSqlLength;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /** A cache with the default capacity and threshold. */
  public SqlSanitizerCache(SqlSanitizer sanitizer) {
    this(sanitizer, DEFAULT_CAPACITY, DEFAULT_MAX_CACHED_SQL_LENGTH);
  }

  /**
   * A cache with the given bounds.
   *
   * @param sanitizer the sanitizer to call on a miss
   * @param capacity maximum number of cached statements; 0 disables caching
   * @param maxCachedSqlLength SQL longer than this is never cached
   * @throws IllegalArgumentException if {@code sanitizer} is null or a bound is negative
   */
  public SqlSanitizerCache(SqlSanitizer sanitizer, int capacity, int maxCachedSqlLength) {
    if (sanitizer == null) {
      throw new IllegalArgumentException("sanitizer must not be null");
    }
    if (maxCachedSqlLength < 0) {
      throw new IllegalArgumentException("maxCachedSqlLength must not be negative: " + maxCachedSqlLength);
    }
    this.sanitizer = sanitizer;
    this.cache = new BoundedLruCache<>(capacity);
    this.maxCachedSqlLength = maxCachedSqlLength;
  }

  /** Sanitizes {@code sql}, from the cache when possible. Never throws; see {@link SqlSanitizer#sanitize}. */
  public SanitizedSql sanitize(String sql) {
    if (sql == null || sql.isEmpty()) {
      return SanitizedSql.EMPTY;
    }
    if (sql.length() > maxCachedSqlLength) {
      misses.increment();
      return sanitizer.sanitize(sql);
    }
    SanitizedSql cached = cache.get(sql);
    if (cached != null) {
      hits.increment();
      return cached;
    }
    misses.increment();
    SanitizedSql result = sanitizer.sanitize(sql);
    cache.put(sql, result);
    return result;
  }

  /** Number of calls answered from the cache. */
  public long hits() {
    return hits.sum();
  }

  /** Number of calls that had to sanitize, including SQL too long to cache. */
  public long misses() {
    return misses.sum();
  }

  /** Number of statements currently cached, at most {@link #capacity()}. */
  public int size() {
    return cache.size();
  }

  /** Maximum number of cached statements. */
  public int capacity() {
    return cache.capacity();
  }
}
