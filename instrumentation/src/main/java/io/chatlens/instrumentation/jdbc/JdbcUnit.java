package io.chatlens.instrumentation.jdbc;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.UnitContext;

/** JDBC statements and connections of every driver; selected by {@link JdbcScope}, not by patterns. */
public final class JdbcUnit implements ComponentUnit {

  @Override
  public Component component() {
    return Component.JDBC;
  }

  @Override
  public String description() {
    return "JDBC statements and connections";
  }

  @Override
  public ComponentHandler handler(UnitContext context) {
    return new JdbcHandler(context.instruments(), context.events(), context.instruments().meter,
        context.settings().slowQueryThreshold, context.settings().queryMaxLength);
  }
}
