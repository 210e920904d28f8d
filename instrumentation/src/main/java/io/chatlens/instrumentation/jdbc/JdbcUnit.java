package io.chatlens.instrumentation.jdbc;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.UnitContext;
import io.chatlens.instrumentation.core.UnitKey;

/** JDBC statements and connections of every driver; selected by {@link JdbcScope}, not by patterns. */
public final class JdbcUnit implements ComponentUnit {

  /** Also read by the database component (its data-access methods). */
  public static final UnitKey<java.time.Duration> SLOW_QUERY = UnitKey.duration("chatlens.db.slow-query-threshold",
      "Semantics", "500ms", "Database calls and JDBC queries slower than this are counted and logged at WARN.");
  static final UnitKey<Integer> QUERY_MAX_LENGTH = UnitKey.integer("chatlens.db.query-max-length", "Semantics", 2000, 16,
      100_000, "Longest sanitized db.query.text recorded; longer text is cut and ends in '...'.");

  @Override
  public Component component() {
    return Component.JDBC;
  }

  @Override
  public java.util.Set<String> vocabularyAttributes() {
    return java.util.Set.of(DbEndpoint.SYSTEM.getKey(), DbEndpoint.OPERATION.getKey());
  }

  @Override
  public String description() {
    return "JDBC statements and connections";
  }

  @Override
  public java.util.List<UnitKey<?>> keys() {
    return java.util.List.of(SLOW_QUERY, QUERY_MAX_LENGTH);
  }

  @Override
  public ComponentHandler handler(UnitContext context) {
    return new JdbcHandler(context.instruments(), context.events(), context.instruments().meter,
        context.value(SLOW_QUERY), context.value(QUERY_MAX_LENGTH));
  }
}
