package io.chatlens.instrumentation.jdbc;

import io.chatlens.instrumentation.core.CallState;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.Events;
import io.chatlens.instrumentation.core.WeakIdentityMap;
import io.chatlens.instrumentation.core.Instruments;
import io.chatlens.instrumentation.core.Invocation;
import io.chatlens.instrumentation.core.Probe;
import io.chatlens.instrumentation.core.ProbeSemantics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * JDBC, for every driver: one CLIENT span per real query ({@code SELECT faq}) with the semantic-convention
 * {@code db.*} attributes and the sanitized query text, {@code db.client.operation.duration}, slow-query
 * counting and logging, and connection metrics. Connection calls record no span unless they fail.
 */
public final class JdbcHandler implements ComponentHandler {

  static final AttributeKey<String> STATUS_CODE = AttributeKey.stringKey("db.response.status_code");

  private final Instruments instruments;
  private final Events events;
  private final DbInstruments db;
  private final PoolMetrics pools = new PoolMetrics();
  private final SqlSanitizerCache standardSql;
  private final SqlSanitizerCache mysqlSql;
  private final JdbcUrlParser urls = new JdbcUrlParser();
  private final WeakIdentityMap<Object, StatementInfo> statements = new WeakIdentityMap<>();
  private final WeakIdentityMap<Object, ConnectionInfo> connections = new WeakIdentityMap<>();
  /** A data source's endpoint, read once by reflection (a pool's URL is fixed once it hands out connections). */
  private final WeakIdentityMap<Object, DbEndpoint> dataSources = new WeakIdentityMap<>();
  private final java.util.concurrent.ConcurrentMap<DbInfo, DbEndpoint> endpoints = new java.util.concurrent.ConcurrentHashMap<>();
  private final long slowNanos;

  /** What is known about a statement: where it runs and, for prepared ones, its SQL. */
  private record StatementInfo(DbEndpoint endpoint, DbEndpoint.QueryShape prepared) {}

  /** How ChatLens came to know a connection. */
  private enum Origin { OPENED_BY_DRIVER, BORROWED_FROM_DATA_SOURCE, SEEN }

  /** What is known about a connection: where it goes, and how the application got it. */
  private record ConnectionInfo(DbEndpoint endpoint, Origin origin, long acquiredNanos) {}

  /** Per-call state of an execute. */
  private record Execution(DbEndpoint endpoint, DbEndpoint.QueryShape shape) {}

  /** The endpoint and statement shape of a statement call, from its entry to its exit. */
  private static final CallState<Execution> EXECUTION = CallState.of("jdbc execution", Execution.class);

  public JdbcHandler(Instruments instruments, Events events, Meter meter, Duration slowThreshold, int maxSqlLength) {
    this.instruments = instruments;
    this.events = events;
    this.db = new DbInstruments(meter);
    this.slowNanos = slowThreshold.toNanos();
    this.standardSql = new SqlSanitizerCache(new SqlSanitizer(maxSqlLength, SqlDialect.STANDARD));
    this.mysqlSql = new SqlSanitizerCache(new SqlSanitizer(maxSqlLength, SqlDialect.MYSQL));
    pools.register(meter);
  }

  @Override
  public ProbeSemantics describe(Probe probe) {
    Attributes attributes = Attributes.of(Instruments.COMPONENT, "jdbc");
    return new ProbeSemantics(probe.methodName(), SpanKind.CLIENT, attributes, Events.snakeCase(probe.methodName()));
  }

  @Override
  public String spanName(Invocation invocation, ProbeSemantics semantics) {
    if (!JdbcScope.EXECUTE.equals(invocation.probe().role())) {
      return null;
    }
    Execution execution = execution(invocation);
    invocation.put(EXECUTION, execution);
    return execution.shape().spanName();
  }

  @Override
  public void startAttributes(Invocation invocation, SpanBuilder span) {
    Execution execution = invocation.get(EXECUTION);
    span.setAllAttributes(execution.shape().spanAttributes());
  }

  @Override
  public void onEnter(Invocation invocation) {}

  @Override
  public Span failureSpan(Invocation invocation, Throwable thrown) {
    String role = invocation.probe().role();
    if (!JdbcScope.CONNECT.equals(role) && !JdbcScope.ACQUIRE.equals(role)) {
      return null;
    }
    DbEndpoint endpoint = JdbcScope.CONNECT.equals(role) ? endpointOfUrl(firstString(invocation.args()))
        : endpointOfDataSource(invocation.self());
    return instruments.tracer.spanBuilder(endpoint.connectionSpanName(JdbcScope.CONNECT.equals(role) ? "connect" : "getConnection"))
        .setParent(Context.current()).setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(invocation.startEpochNanos(), TimeUnit.NANOSECONDS)
        .setAllAttributes(endpoint.base).setAttribute(Instruments.COMPONENT, "jdbc").startSpan();
  }

  @Override
  public void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos) {
    switch (invocation.probe().role()) {
      case JdbcScope.EXECUTE -> executed(invocation, thrown, durationNanos);
      case JdbcScope.PREPARE -> prepared(invocation, returned);
      case JdbcScope.CONNECT -> connected(invocation, returned, thrown, durationNanos);
      case JdbcScope.ACQUIRE -> acquired(invocation, returned, thrown, durationNanos);
      case JdbcScope.CLOSE -> closed(invocation, thrown);
      default -> {
        // nothing else is woven
      }
    }
  }

  private Execution execution(Invocation invocation) {
    Object statement = invocation.self();
    StatementInfo info = statements.get(statement);
    DbEndpoint endpoint;
    if (info == null) {
      endpoint = endpointOfStatement(statement);
      statements.put(statement, new StatementInfo(endpoint, null));
    } else {
      endpoint = info.endpoint();
    }
    String sql = firstString(invocation.args());
    if (sql != null) {
      return new Execution(endpoint, endpoint.shape(sanitize(endpoint, sql)));
    }
    if (info != null && info.prepared() != null) {
      return new Execution(endpoint, info.prepared());
    }
    String operation = invocation.probe().methodName().contains("Batch") ? "BATCH" : null;
    return new Execution(endpoint, endpoint.shape(new SanitizedSql("", operation, null)));
  }

  private void executed(Invocation invocation, Throwable thrown, long durationNanos) {
    Execution execution = invocation.get(EXECUTION);
    Attributes metric = execution.shape().metricAttributes();
    if (thrown != null) {
      String status = statusOf(thrown);
      invocation.span().setAttribute(Instruments.ERROR_TYPE, status);
      if (thrown instanceof SQLException sql && sql.getSQLState() != null) {
        invocation.span().setAttribute(STATUS_CODE, sql.getSQLState());
      }
      metric = metric.toBuilder().put(Instruments.ERROR_TYPE, status).build();
      events.emit(invocation, ChatEvent.Level.ERROR, "Database query failed: " + execution.shape().sql().text(),
          thrown, false, "db_system", execution.endpoint().info.system(), "error_type", status,
          "error_category", invocation.error == null ? null : invocation.error.category(),
          "error_fingerprint", invocation.error == null ? null : invocation.error.fingerprint(),
          "duration_ms", Long.toString(durationNanos / 1_000_000));
    }
    db.operationDuration.record(durationNanos / 1_000_000_000.0, metric);
    if (durationNanos >= slowNanos) {
      db.slowQueries.add(1, execution.shape().metricAttributes());
      events.emit(invocation, ChatEvent.Level.WARN, "Slow query took " + durationNanos / 1_000_000 + " ms: "
          + execution.shape().sql().text(), null, false, "db_system", execution.endpoint().info.system(),
          "duration_ms", Long.toString(durationNanos / 1_000_000));
    }
  }

  private void prepared(Invocation invocation, Object statement) {
    String sql = firstString(invocation.args());
    if (statement == null || sql == null) {
      return;
    }
    DbEndpoint endpoint = endpointOfConnection(invocation.self());
    statements.put(statement, new StatementInfo(endpoint, endpoint.shape(sanitize(endpoint, sql))));
  }

  private void connected(Invocation invocation, Object connection, Throwable thrown, long durationNanos) {
    DbEndpoint endpoint = endpointOfUrl(firstString(invocation.args()));
    if (thrown != null) {
      connectionFailed(invocation, endpoint, thrown, "connect");
      return;
    }
    if (connection == null) {
      return; // the driver declined a URL that is not its own
    }
    connections.put(connection, new ConnectionInfo(endpoint, Origin.OPENED_BY_DRIVER, 0));
    db.createTime.record(durationNanos / 1_000_000_000.0, endpoint.base);
    db.opened.add(1, endpoint.base);
    db.open.add(1, endpoint.base);
    // the endpoint's closed-connection series exists from its first connection, at zero, so that Prometheus's
    // increase() counts the first close
    db.closed.add(0, endpoint.base);
  }

  private void acquired(Invocation invocation, Object connection, Throwable thrown, long durationNanos) {
    pools.seen(invocation.self());
    DbEndpoint endpoint = endpointOfDataSource(invocation.self());
    if (thrown != null) {
      connectionFailed(invocation, endpoint, thrown, "getConnection");
      return;
    }
    if (connection == null) {
      return;
    }
    ConnectionInfo known = connections.get(connection);
    connections.put(connection, new ConnectionInfo(known != null ? known.endpoint() : endpoint,
        Origin.BORROWED_FROM_DATA_SOURCE, System.nanoTime()));
    db.waitTime.record(durationNanos / 1_000_000_000.0, endpoint.base);
    db.inUse.add(1, endpoint.base);
  }

  private void closed(Invocation invocation, Throwable thrown) {
    ConnectionInfo info = connections.remove(invocation.self());
    if (info == null || thrown != null) {
      return;
    }
    if (info.origin() == Origin.OPENED_BY_DRIVER) {
      db.closed.add(1, info.endpoint().base);
      db.open.add(-1, info.endpoint().base);
    } else if (info.origin() == Origin.BORROWED_FROM_DATA_SOURCE) {
      db.useTime.record((System.nanoTime() - info.acquiredNanos()) / 1_000_000_000.0, info.endpoint().base);
      db.inUse.add(-1, info.endpoint().base);
    }
  }

  private void connectionFailed(Invocation invocation, DbEndpoint endpoint, Throwable thrown, String verb) {
    String status = statusOf(thrown);
    invocation.span().setAttribute(Instruments.ERROR_TYPE, status);
    invocation.span().setStatus(StatusCode.ERROR, status);
    db.failures.add(1, endpoint.base.toBuilder().put(Instruments.ERROR_TYPE, status).build());
    events.emit(invocation, ChatEvent.Level.ERROR, "Database connection failed (" + verb + " "
        + endpoint.info.system() + (endpoint.info.host() == null ? "" : " " + endpoint.info.host() + ":"
        + endpoint.info.port()) + ")", thrown, false, "db_system", endpoint.info.system(), "error_type", status);
  }

  /** SQLState, else the vendor code, else the exception type. */
  static String statusOf(Throwable thrown) {
    if (thrown instanceof SQLException sql) {
      if (sql.getSQLState() != null && !sql.getSQLState().isEmpty()) {
        return sql.getSQLState();
      }
      if (sql.getErrorCode() != 0) {
        return Integer.toString(sql.getErrorCode());
      }
    }
    return thrown.getClass().getName();
  }

  private SanitizedSql sanitize(DbEndpoint endpoint, String sql) {
    return (SqlDialect.forSystem(endpoint.info.system()) == SqlDialect.MYSQL ? mysqlSql : standardSql).sanitize(sql);
  }

  private DbEndpoint endpointOfStatement(Object statement) {
    if (statement instanceof Statement jdbc) {
      try {
        return endpointOfConnection(jdbc.getConnection());
      } catch (SQLException | RuntimeException unavailable) {
        return endpoint(DbInfo.UNKNOWN);
      }
    }
    return endpoint(DbInfo.UNKNOWN);
  }

  private DbEndpoint endpointOfConnection(Object connection) {
    ConnectionInfo info = connections.get(connection);
    if (info != null) {
      return info.endpoint();
    }
    DbEndpoint endpoint = endpoint(DbInfo.UNKNOWN);
    if (connection instanceof Connection jdbc) {
      try {
        endpoint = endpointOfUrl(jdbc.getMetaData().getURL());
      } catch (SQLException | RuntimeException unavailable) {
        // stays unknown
      }
      connections.put(connection, new ConnectionInfo(endpoint, Origin.SEEN, 0));
    }
    return endpoint;
  }

  private DbEndpoint endpointOfDataSource(Object dataSource) {
    DbEndpoint known = dataSources.get(dataSource);
    if (known == null) {
      known = readEndpointOfDataSource(dataSource);
      dataSources.put(dataSource, known);
    }
    return known;
  }

  private DbEndpoint readEndpointOfDataSource(Object dataSource) {
    for (String getter : new String[] {"getJdbcUrl", "getUrl", "getURL"}) {
      try {
        Object url = dataSource.getClass().getMethod(getter).invoke(dataSource);
        if (url instanceof String text) {
          return endpointOfUrl(text);
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError absent) {
        // try the next getter
      }
    }
    return endpoint(DbInfo.UNKNOWN);
  }

  private DbEndpoint endpointOfUrl(String url) {
    return endpoint(url == null ? DbInfo.UNKNOWN : urls.parse(url));
  }

  private DbEndpoint endpoint(DbInfo info) {
    DbEndpoint endpoint = endpoints.get(info);
    if (endpoint == null) {
      endpoint = new DbEndpoint(info);
      if (endpoints.size() < 256) {
        endpoints.put(info, endpoint);
      }
    }
    return endpoint;
  }

  private static String firstString(Object[] args) {
    return args != null && args.length > 0 && args[0] instanceof String text ? text : null;
  }
}
