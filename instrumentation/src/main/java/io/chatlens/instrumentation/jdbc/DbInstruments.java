package io.chatlens.instrumentation.jdbc;

import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;

/**
 * Database metrics: the OpenTelemetry semantic conventions where they exist
 * ({@code db.client.operation.duration}, {@code db.client.connection.*}), ChatLens names otherwise.
 */
final class DbInstruments {

  private static final List<Double> BUCKETS = List.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);

  final DoubleHistogram operationDuration;
  final LongCounter slowQueries;
  final DoubleHistogram createTime;
  final DoubleHistogram waitTime;
  final DoubleHistogram useTime;
  final LongCounter opened;
  final LongCounter closed;
  final LongUpDownCounter open;
  final LongUpDownCounter inUse;
  final LongCounter failures;

  DbInstruments(Meter meter) {
    operationDuration = seconds(meter, "db.client.operation.duration", "Duration of database client operations.");
    slowQueries = meter.counterBuilder("chatbot.db.slow_queries").setUnit("{query}")
        .setDescription("Queries slower than chatlens.db.slow-query-threshold.").build();
    createTime = seconds(meter, "db.client.connection.create_time", "Time it took to create a new connection.");
    waitTime = seconds(meter, "db.client.connection.wait_time", "Time it took to obtain a connection from a data source or pool.");
    useTime = seconds(meter, "db.client.connection.use_time", "Time between borrowing a connection and returning it.");
    opened = meter.counterBuilder("chatbot.db.connections.opened").setUnit("{connection}")
        .setDescription("Physical connections opened by a JDBC driver.").build();
    closed = meter.counterBuilder("chatbot.db.connections.closed").setUnit("{connection}")
        .setDescription("Physical connections closed.").build();
    open = meter.upDownCounterBuilder("chatbot.db.connections.open").setUnit("{connection}")
        .setDescription("Physical connections currently open.").build();
    inUse = meter.upDownCounterBuilder("chatbot.db.connections.in_use").setUnit("{connection}")
        .setDescription("Connections borrowed from data sources and not yet returned.").build();
    failures = meter.counterBuilder("chatbot.db.connection.failures").setUnit("{failure}")
        .setDescription("Failed attempts to open or obtain a connection.").build();
  }

  private static DoubleHistogram seconds(Meter meter, String name, String description) {
    return meter.histogramBuilder(name).setUnit("s").setDescription(description)
        .setExplicitBucketBoundariesAdvice(BUCKETS).build();
  }
}
