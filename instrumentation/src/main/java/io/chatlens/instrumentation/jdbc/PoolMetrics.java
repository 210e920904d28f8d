package io.chatlens.instrumentation.jdbc;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Connection-pool status (active, idle, pending, max) for HikariCP pools, read through Hikari's MXBean:
 * from JMX when the pool registered its MBeans, else from the {@code HikariPoolMXBean} of the data
 * sources seen handing out connections. Read only when metrics are collected, never on the hot path.
 */
final class PoolMetrics {

  static final AttributeKey<String> POOL = AttributeKey.stringKey("db.client.connection.pool.name");
  static final AttributeKey<String> STATE = AttributeKey.stringKey("db.client.connection.state");
  private static final int MAX_POOLS = 32;

  /** One pool's numbers. */
  record PoolState(String name, long active, long idle, long pending, long max) {}

  private final List<WeakReference<Object>> dataSources = new CopyOnWriteArrayList<>();
  private volatile boolean hikariSeen;

  void register(Meter meter) {
    meter.upDownCounterBuilder("db.client.connection.count").setUnit("{connection}")
        .setDescription("Connections in the pool, by state (used, idle).")
        .buildWithCallback(measurement -> each(state -> {
          record(measurement, state.active(), state.name(), "used");
          record(measurement, state.idle(), state.name(), "idle");
        }));
    meter.upDownCounterBuilder("db.client.connection.max").setUnit("{connection}")
        .setDescription("The maximum number of open connections the pool allows.")
        .buildWithCallback(measurement -> each(state -> measurement.record(state.max(), Attributes.of(POOL, state.name()))));
    meter.upDownCounterBuilder("db.client.connection.pending_requests").setUnit("{request}")
        .setDescription("Requests waiting for a connection from the pool.")
        .buildWithCallback(measurement -> each(state -> measurement.record(state.pending(), Attributes.of(POOL, state.name()))));
  }

  private static void record(ObservableLongMeasurement measurement, long value, String pool, String state) {
    measurement.record(value, Attributes.of(POOL, pool, STATE, state));
  }

  /** A data source handed out a connection: remember Hikari pools. */
  void seen(Object dataSource) {
    if (dataSource == null || !dataSource.getClass().getName().startsWith("com.zaxxer.hikari.")) {
      return;
    }
    hikariSeen = true;
    for (WeakReference<Object> known : dataSources) {
      if (known.get() == dataSource) {
        return;
      }
    }
    if (dataSources.size() < MAX_POOLS) {
      dataSources.add(new WeakReference<>(dataSource));
    }
  }

  private void each(java.util.function.Consumer<PoolState> consumer) {
    for (PoolState state : snapshot()) {
      consumer.accept(state);
    }
  }

  List<PoolState> snapshot() {
    Map<String, PoolState> pools = new LinkedHashMap<>();
    if (!hikariSeen) {
      return List.of();
    }
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      for (ObjectName name : server.queryNames(new ObjectName("com.zaxxer.hikari:type=Pool (*)"), null)) {
        String canonical = name.getKeyProperty("type");
        String pool = canonical.substring(canonical.indexOf('(') + 1, canonical.lastIndexOf(')'));
        long max = -1;
        try {
          max = number(server.getAttribute(new ObjectName("com.zaxxer.hikari:type=PoolConfig (" + pool + ")"),
              "MaximumPoolSize"));
        } catch (Exception noConfigBean) {
          // max stays unknown
        }
        pools.put(pool, new PoolState(pool, number(server.getAttribute(name, "ActiveConnections")),
            number(server.getAttribute(name, "IdleConnections")),
            number(server.getAttribute(name, "ThreadsAwaitingConnection")), max));
      }
    } catch (Exception | LinkageError jmxUnavailable) {
      // fall back to the data sources themselves
    }
    for (WeakReference<Object> reference : dataSources) {
      Object dataSource = reference.get();
      if (dataSource == null) {
        continue;
      }
      try {
        String pool = String.valueOf(call(dataSource, "getPoolName"));
        if (pools.containsKey(pool)) {
          continue;
        }
        Object bean = call(dataSource, "getHikariPoolMXBean");
        if (bean != null) {
          pools.put(pool, new PoolState(pool, number(call(bean, "getActiveConnections")),
              number(call(bean, "getIdleConnections")), number(call(bean, "getThreadsAwaitingConnection")),
              number(call(dataSource, "getMaximumPoolSize"))));
        }
      } catch (Exception | LinkageError unreadable) {
        // a pool we cannot read is skipped
      }
    }
    return new ArrayList<>(pools.values());
  }

  private static Object call(Object target, String method) throws Exception {
    Method accessor = target.getClass().getMethod(method);
    accessor.setAccessible(true);
    return accessor.invoke(target);
  }

  private static long number(Object value) {
    return value instanceof Number number ? number.longValue() : -1;
  }
}
