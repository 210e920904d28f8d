package io.chatlens.instrumentation.database;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.UnitContext;

/** The application's own data-access methods (JDBC itself is the jdbc component). */
public final class DatabaseUnit implements ComponentUnit {

  @Override
  public Component component() {
    return Component.DATABASE;
  }

  @Override
  public String description() {
    return "the application's data access";
  }

  @Override
  public String conventions() {
    return "*DatabaseManager";
  }

  @Override
  public String patternsDescription() {
    return "The application's own data-access methods; their spans parent the JDBC spans.";
  }

  @Override
  public ComponentHandler handler(UnitContext context) {
    return new DatabaseHandler(context.instruments(), context.events(), context.settings(),
        context.value(io.chatlens.instrumentation.jdbc.JdbcUnit.SLOW_QUERY));
  }
}
