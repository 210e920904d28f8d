package io.chatlens.instrumentation.jdbc;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

/**
 * One database, as a JDBC URL names it, with the span and metric attributes of each query shape against
 * it computed once and cached: at most {@value #SHAPE_LIMIT} shapes, the least recently used evicted one at a time
 * (O(1), under the lock of one shard of the cache), so the bound is hard and a flood of distinct statements never
 * empties the cache of the shapes in use.
 */
final class DbEndpoint {

  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
  static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("db.namespace");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");
  static final AttributeKey<String> COLLECTION = AttributeKey.stringKey("db.collection.name");
  static final AttributeKey<String> QUERY = AttributeKey.stringKey("db.query.text");
  static final AttributeKey<String> ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
  static final int SHAPE_LIMIT = 1000;

  /** The attributes of one query shape against this endpoint. */
  record QueryShape(String spanName, Attributes spanAttributes, Attributes metricAttributes, SanitizedSql sql) {}

  final DbInfo info;
  final Attributes base;
  private final BoundedLruCache<SanitizedSql, QueryShape> shapes = new BoundedLruCache<>(SHAPE_LIMIT);

  DbEndpoint(DbInfo info) {
    this.info = info;
    AttributesBuilder builder = Attributes.builder().put(SYSTEM, info.system());
    if (info.namespace() != null) {
      builder.put(NAMESPACE, info.namespace());
    }
    if (info.host() != null) {
      builder.put(ADDRESS, info.host());
    }
    if (info.port() != null) {
      builder.put(PORT, info.port().longValue());
    }
    this.base = builder.build();
  }

  QueryShape shape(SanitizedSql sql) {
    QueryShape shape = shapes.get(sql);
    if (shape == null) {
      shape = build(sql);
      shapes.put(sql, shape);
    }
    return shape;
  }

  /** Query shapes cached, at most {@value #SHAPE_LIMIT}. */
  int cachedShapes() {
    return shapes.size();
  }

  private QueryShape build(SanitizedSql sql) {
    AttributesBuilder metric = base.toBuilder();
    if (sql.operation() != null) {
      metric.put(OPERATION, sql.operation());
    }
    if (sql.collection() != null) {
      metric.put(COLLECTION, sql.collection());
    }
    Attributes metricAttributes = metric.build();
    AttributesBuilder span = metricAttributes.toBuilder();
    if (!sql.text().isEmpty()) {
      span.put(QUERY, sql.text());
    }
    return new QueryShape(spanName(sql), span.build(), metricAttributes, sql);
  }

  /** The semantic-convention span name: {@code SELECT faq}, {@code INSERT messages}, else the system. */
  String spanName(SanitizedSql sql) {
    if (sql.operation() == null) {
      return info.namespace() != null ? info.namespace() : info.system();
    }
    return sql.collection() == null ? sql.operation() : sql.operation() + " " + sql.collection();
  }

  /** For connection spans: {@code connect postgresql}. */
  String connectionSpanName(String verb) {
    return verb + " " + info.system();
  }
}
