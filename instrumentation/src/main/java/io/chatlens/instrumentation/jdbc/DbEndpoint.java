package io.chatlens.instrumentation.jdbc;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One database, as a JDBC URL names it, with the span and metric attributes of each query shape against
 * it computed once and cached (bounded).
 */
final class DbEndpoint {

  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
  static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("db.namespace");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");
  static final AttributeKey<String> COLLECTION = AttributeKey.stringKey("db.collection.name");
  static final AttributeKey<String> QUERY = AttributeKey.stringKey("db.query.text");
  static final AttributeKey<String> ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
  private static final int SHAPE_LIMIT = 1000;

  /** The attributes of one query shape against this endpoint. */
  record QueryShape(String spanName, Attributes spanAttributes, Attributes metricAttributes, SanitizedSql sql) {}

  final DbInfo info;
  final Attributes base;
  private final ConcurrentMap<SanitizedSql, QueryShape> shapes = new ConcurrentHashMap<>();

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
      if (shapes.size() >= SHAPE_LIMIT) {
        shapes.clear();
      }
      shapes.put(sql, shape);
    }
    return shape;
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
