package io.chatlens.instrumentation;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.database.DatabaseUnit;
import io.chatlens.instrumentation.errors.ErrorsUnit;
import io.chatlens.instrumentation.jdbc.JdbcUnit;
import io.chatlens.instrumentation.llm.LlmUnit;
import io.chatlens.instrumentation.logs.LogsUnit;
import io.chatlens.instrumentation.parser.ParserUnit;
import io.chatlens.instrumentation.runtime.RuntimeUnit;
import io.chatlens.instrumentation.search.SearchUnit;
import io.chatlens.instrumentation.session.SessionUnit;
import io.chatlens.instrumentation.turn.TurnUnit;
import java.util.List;

/**
 * Every component ChatLens has, one line each. A new component is its own package with a {@link ComponentUnit}, plus
 * one line here; the agent loops over this list (scopes, conventions, handlers).
 */
public final class ComponentUnits {

  public static final List<ComponentUnit> ALL = List.of(
      new TurnUnit(),
      new SessionUnit(),
      new ParserUnit(),
      new SearchUnit(),
      new DatabaseUnit(),
      new ErrorsUnit(),
      new JdbcUnit(),
      new RuntimeUnit(),
      new LogsUnit(),
      new LlmUnit());

  private ComponentUnits() {}

  /** The unit of a component. */
  public static ComponentUnit of(Component component) {
    for (ComponentUnit unit : ALL) {
      if (unit.component() == component) {
        return unit;
      }
    }
    throw new IllegalArgumentException("no unit for " + component);
  }
}
